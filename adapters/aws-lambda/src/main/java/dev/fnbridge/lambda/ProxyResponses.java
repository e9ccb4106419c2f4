package dev.fnbridge.lambda;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.fnbridge.core.error.ClassifiedError;
import dev.fnbridge.core.error.ErrorCategory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

import org.springframework.http.HttpStatus;

/**
 * The proxy responses HTTP event sources take from a function: a JSON result, no content,
 * or a problem+json body, the same document HTTP answers with.
 */
final class ProxyResponses {

	static final String JSON = "application/json";

	static final String PROBLEM_JSON = "application/problem+json";

	private final ObjectMapper mapper;

	ProxyResponses(ObjectMapper mapper) {
		this.mapper = mapper;
	}

	/**
	 * A 200 with the function's result.
	 * @param result the result's JSON
	 * @param shape the source's response shape
	 * @return the proxy response
	 */
	byte[] ok(byte[] result, Shape shape) {
		return proxy(200, JSON, new String(result, StandardCharsets.UTF_8), shape);
	}

	/**
	 * A 204 for a function that returned nothing.
	 * @param shape the source's response shape
	 * @return the proxy response
	 */
	byte[] noContent(Shape shape) {
		return proxy(204, null, null, shape);
	}

	/**
	 * The 415 of a body that is neither JSON nor text.
	 * @param contentType the request's content type
	 * @param path the request path
	 * @param shape the source's response shape
	 * @return the proxy response
	 */
	byte[] unsupportedMediaType(String contentType, String path, Shape shape) {
		return proxy(415, PROBLEM_JSON,
				problem(415, ErrorCategory.PROBLEM_TYPE_PREFIX + "unsupported-media-type", "Unsupported Media Type",
						"Content-Type '" + contentType + "' is not supported", path, null, null, null),
				shape);
	}

	/**
	 * An error's proxy response: its category's status and problem+json body.
	 * @param error the error
	 * @param path the request path, the problem's instance
	 * @param function the definition, or {@code null} to leave it out
	 * @param correlationId the id its log line carries, or {@code null} for a client
	 * error
	 * @param shape the source's response shape
	 * @return the proxy response
	 */
	byte[] error(ClassifiedError error, String path, String function, String correlationId, Shape shape) {
		ErrorCategory category = error.category();
		return proxy(category.httpStatus(), PROBLEM_JSON, problem(category.httpStatus(), category.problemType(),
				category.title(), error.detail(), path, function, error, correlationId), shape);
	}

	private String problem(int status, String type, String title, String detail, String instance, String function,
			ClassifiedError error, String correlationId) {
		Map<String, Object> problem = new LinkedHashMap<>();
		problem.put("type", type);
		problem.put("title", title);
		problem.put("status", status);
		// Detail, path and definition may echo the caller's text (a 64 KB function name):
		// bounded, so an error stays small whatever the event.
		problem.put("detail", LambdaFunctionError.bounded(detail));
		problem.put("instance", LambdaFunctionError.bounded(instance));
		if (function != null) {
			problem.put("function", LambdaFunctionError.bounded(function));
		}
		if (error != null && error.violations().stream().anyMatch((violation) -> !violation.field().isEmpty())) {
			problem.put("errors", error.violations());
		}
		if (correlationId != null) {
			problem.put("correlationId", correlationId);
		}
		return this.mapper.writeValueAsString(problem);
	}

	private byte[] proxy(int status, String contentType, String body, Shape shape) {
		Map<String, Object> response = new LinkedHashMap<>();
		response.put("statusCode", status);
		if (shape.alb()) {
			HttpStatus known = HttpStatus.resolve(status);
			response.put("statusDescription", status + " " + ((known != null) ? known.getReasonPhrase() : ""));
		}
		if (contentType != null && shape.multiValue()) {
			response.put("multiValueHeaders", Map.of("Content-Type", List.of(contentType)));
		}
		else if (contentType != null) {
			response.put("headers", Map.of("Content-Type", contentType));
		}
		if (body != null) {
			response.put("body", body);
		}
		if (shape.alb()) {
			// ALB requires the encoding flag; API Gateway and function URLs take false as
			// the default, so their response is exactly status, headers and body.
			response.put("isBase64Encoded", false);
		}
		return this.mapper.writeValueAsBytes(response);
	}

	/**
	 * How the HTTP event source wants its response: ALB adds a status line, multi-value
	 * lists.
	 *
	 * @param alb whether it is an ALB
	 * @param multiValue whether headers are lists
	 */
	record Shape(boolean alb, boolean multiValue) {

		static Shape of(JsonNode event) {
			boolean alb = event.path("requestContext").path("elb").isObject();
			// ALB in multi-value mode sends (and expects back) only multiValueHeaders.
			return new Shape(alb,
					alb && !event.path("headers").isObject() && event.path("multiValueHeaders").isObject());
		}

	}

}

package dev.fnbridge.lambda;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.fnbridge.core.error.ClassifiedError;
import dev.fnbridge.core.error.ProblemDocument;
import dev.fnbridge.core.invocation.UnsupportedContentTypeException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

import org.springframework.http.HttpStatus;

/**
 * The proxy responses HTTP event sources take from a function: a JSON result, no content,
 * or a problem+json body: core's {@link ProblemDocument}, the same document HTTP answers
 * with.
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
		if (!shape.alb()) {
			return okProxy(result);
		}
		return proxy(200, JSON, new String(result, StandardCharsets.UTF_8), shape);
	}

	/** The response prefix of every 200 behind API Gateway and function URLs. */
	private static final byte[] OK_PREFIX = "{\"statusCode\":200,\"headers\":{\"Content-Type\":\"application/json\"},\"body\":\""
		.getBytes(StandardCharsets.US_ASCII);

	private static final byte[] HEX = "0123456789ABCDEF".getBytes(StandardCharsets.US_ASCII);

	/**
	 * The 200 of API Gateway and function URLs written directly: the same bytes the
	 * mapper writes for that map, without building it (the most frequent response; the
	 * map and its serialization were about 6 % of a warm invocation's handler time). The
	 * result is UTF-8 JSON from the pipeline, so only quotes, backslashes and control
	 * characters need escaping inside the body string.
	 */
	private static byte[] okProxy(byte[] result) {
		ByteArrayOutputStream out = new ByteArrayOutputStream(OK_PREFIX.length + result.length + 16);
		out.writeBytes(OK_PREFIX);
		for (byte b : result) {
			if (b == '"' || b == '\\') {
				out.write('\\');
				out.write(b);
			}
			else if (b >= 0 && b < 0x20) {
				switch (b) {
					case '\n' -> out.writeBytes(new byte[] { '\\', 'n' });
					case '\r' -> out.writeBytes(new byte[] { '\\', 'r' });
					case '\t' -> out.writeBytes(new byte[] { '\\', 't' });
					case '\b' -> out.writeBytes(new byte[] { '\\', 'b' });
					case '\f' -> out.writeBytes(new byte[] { '\\', 'f' });
					default -> out.writeBytes(new byte[] { '\\', 'u', '0', '0', HEX[b >> 4], HEX[b & 0xF] });
				}
			}
			else {
				out.write(b);
			}
		}
		out.write('"');
		out.write('}');
		return out.toByteArray();
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
	 * The 415 of a body its function does not take.
	 * @param refused what was refused
	 * @param path the request path
	 * @param function the resolved definition
	 * @param shape the source's response shape
	 * @return the proxy response
	 */
	byte[] unsupportedMediaType(UnsupportedContentTypeException refused, String path, String function, Shape shape) {
		ProblemDocument problem = ProblemDocument.unsupportedMediaType(refused.getMessage(), path, function);
		return proxy(problem.status(), PROBLEM_JSON, problem(problem), shape);
	}

	/**
	 * An error's proxy response: its category's status and problem+json body.
	 * @param error the error
	 * @param path the request path, the problem's instance
	 * @param function the definition, or {@code null} to leave it out
	 * @param correlationId the id the failure is logged with (the request id); only a
	 * server-side failure carries it
	 * @param shape the source's response shape
	 * @return the proxy response
	 */
	byte[] error(ClassifiedError error, String path, String function, String correlationId, Shape shape) {
		ProblemDocument problem = ProblemDocument.of(error, path, function, correlationId);
		return proxy(problem.status(), PROBLEM_JSON, problem(problem), shape);
	}

	private String problem(ProblemDocument problem) {
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

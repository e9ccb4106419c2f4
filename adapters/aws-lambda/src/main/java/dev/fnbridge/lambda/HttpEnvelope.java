package dev.fnbridge.lambda;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import dev.fnbridge.core.error.ClassifiedError;
import dev.fnbridge.core.error.InvalidInputException;
import dev.fnbridge.core.invocation.ContentTypes;
import dev.fnbridge.core.invocation.Payload;
import dev.fnbridge.core.invocation.ResolvedFunction;
import dev.fnbridge.core.invocation.UnsupportedContentTypeException;
import io.micrometer.tracing.Span;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * API Gateway REST (v1) and HTTP API (v2), Function URLs and ALB (single- and
 * multi-value): the (base64-decoded) body, or for a GET without body the query parameters
 * as a JSON object, is the input; the answer is a proxy response: 200 with the JSON
 * result, 204 for no result, or the error's status with the problem+json body HTTP
 * answers with ({@code correlationId} on a server-side failure). The function is the
 * {@code x-fnbridge-function} header, else {@code SPRING_CLOUD_FUNCTION_DEFINITION}, else
 * the last path segment; {@code GET /{function}/{argument}} passes a path argument as
 * over HTTP. A body that is neither JSON nor text is 415; a response over Lambda's limit
 * ({@value #MAX_ALB_RESPONSE_BYTES} bytes behind an ALB) is 413.
 */
final class HttpEnvelope implements LambdaEnvelope {

	static final String ROUTE_HEADER = "x-fnbridge-function";

	/** An ALB takes at most 1 MB of response JSON from a Lambda target (else a 502). */
	static final int MAX_ALB_RESPONSE_BYTES = 1_048_576;

	private final ObjectMapper mapper;

	private final ProxyResponses responses;

	HttpEnvelope(ObjectMapper mapper) {
		this.mapper = mapper;
		this.responses = new ProxyResponses(mapper);
	}

	@Override
	public boolean accepts(JsonNode event) {
		return event.isObject() && event.path("requestContext").isObject()
				&& (event.has("httpMethod") || event.path("requestContext").path("http").has("method"));
	}

	@Override
	public byte[] handle(JsonNode event, byte[] eventBytes, InvocationContext context) {
		boolean v2 = event.path("requestContext").path("http").isObject();
		String method = v2 ? event.path("requestContext").path("http").path("method").asString("")
				: event.path("httpMethod").asString("");
		String path = path(event);
		Map<String, String> headers = headers(event);
		ProxyResponses.Shape shape = ProxyResponses.Shape.of(event);
		Route route = route(headers, method, path, context.invoker());
		ResolvedFunction function = null;
		try {
			Payload payload;
			if (route.argument() != null) {
				String argument = decoded(route.argument());
				function = context.invoker().resolve(route.definition());
				if (function.isSupplier()) {
					throw new InvalidInputException("",
							"'" + function.definition() + "' takes no argument: GET /" + route.definition());
				}
				payload = Payload.argument(argument);
			}
			else {
				function = context.invoker().resolve(route.definition());
				String contentType = headers.get("content-type");
				boolean text;
				try {
					text = ContentTypes.readsAsText(function, contentType);
				}
				catch (UnsupportedContentTypeException ex) {
					return this.responses.unsupportedMediaType(ex, path, function.definition(), shape);
				}
				byte[] body = body(event, shape.alb(), method);
				payload = text ? Payload.text(body) : Payload.json(body);
			}
			byte[] result = context.invoke(function, payload, Map.of(), headers, Span.Kind.SERVER);
			if (result == null) {
				return this.responses.noContent(shape);
			}
			// What counts is the response as Lambda gets it: the result, escaped once
			// more as the body string of the proxy response.
			byte[] response = this.responses.ok(result, shape);
			int limit = shape.alb() ? MAX_ALB_RESPONSE_BYTES : LambdaDispatcher.MAX_RESPONSE_BYTES;
			if (response.length > limit) {
				return error(LambdaInvoker.tooLarge(route.definition(), response.length, limit, context.requestId()),
						path, route.definition(), shape, context);
			}
			return response;
		}
		catch (RuntimeException ex) {
			ClassifiedError error = context.classify(ex, route.definition());
			// As over HTTP, the problem names the function only once it was resolved.
			return error(error, path, (function != null) ? function.definition() : null, shape, context);
		}
	}

	@Override
	public byte[] refuse(JsonNode event, ClassifiedError error, InvocationContext context) {
		return error(error, path(event), null, ProxyResponses.Shape.of(event), context);
	}

	/**
	 * An error's proxy response; a server-side failure carries the {@code correlationId}
	 * its log line has (the invocation's request id).
	 */
	private byte[] error(ClassifiedError error, String path, String function, ProxyResponses.Shape shape,
			InvocationContext context) {
		// ProblemDocument gives only a server-side failure the id (a new one without a
		// request id).
		return this.responses.error(error, path, function, context.requestId(), shape);
	}

	/**
	 * The function a request names and its path argument: the routing header, else the
	 * configured function, else the last path segment. {@code GET /{function}/{argument}}
	 * as over HTTP: the last segment is the argument when it names no function and the
	 * one before it does (or is the configured function).
	 */
	private static Route route(Map<String, String> headers, String method, String path, LambdaInvoker invoker) {
		String routed = headers.get(ROUTE_HEADER);
		if (routed != null) {
			return new Route(routed, null);
		}
		String configured = invoker.defaultDefinition();
		String last = lastSegment(path);
		if ("GET".equalsIgnoreCase(method)) {
			String parent = lastSegment(parentPath(path));
			// Over HTTP GET /{definition}/{argument} names the function before the last
			// segment, known or not, so an unknown one is reported by that name here too.
			boolean argument = (configured != null) ? parent.equals(configured) && !last.equals(configured)
					: !parent.isEmpty() && !invoker.isDefinition(last);
			if (argument) {
				return new Route(parent, last);
			}
		}
		return new Route((configured != null) ? configured : last, null);
	}

	/**
	 * What a request routes to.
	 *
	 * @param definition the definition
	 * @param argument the raw path argument, or {@code null}
	 */
	private record Route(String definition, String argument) {
	}

	private static Map<String, String> headers(JsonNode event) {
		Map<String, String> headers = new HashMap<>();
		event.path("multiValueHeaders")
			.properties()
			.forEach((header) -> headers.put(header.getKey().toLowerCase(Locale.ROOT),
					header.getValue().path(0).asString("")));
		event.path("headers")
			.properties()
			.forEach((header) -> headers.put(header.getKey().toLowerCase(Locale.ROOT), header.getValue().asString("")));
		return headers;
	}

	private static String path(JsonNode event) {
		return event.path("requestContext").path("http").isObject() ? event.path("rawPath").asString("/")
				: event.path("path").asString("/");
	}

	/** A path argument percent-decoded as HTTP decodes {@code GET /fn/arg}. */
	private static String decoded(String rawArgument) {
		try {
			return URLDecoder.decode(rawArgument.replace("+", "%2B"), StandardCharsets.UTF_8);
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidInputException("", "The path argument is not valid percent-encoding");
		}
	}

	private byte[] body(JsonNode event, boolean alb, String method) {
		JsonNode body = event.path("body");
		if (body.isString() && !body.asString().isEmpty()) {
			if (event.path("isBase64Encoded").asBoolean(false)) {
				try {
					return Base64.getDecoder().decode(body.asString());
				}
				catch (IllegalArgumentException ex) {
					throw new InvalidInputException("", "The body is marked base64 but is not");
				}
			}
			return body.asString().getBytes(StandardCharsets.UTF_8);
		}
		if ("GET".equalsIgnoreCase(method)) {
			// A GET carries its input in the query: ?name=Ada is {"name":"Ada"}.
			Map<String, String> query = new LinkedHashMap<>();
			event.path("multiValueQueryStringParameters").properties().forEach((parameter) -> {
				String value = parameter.getValue().path(0).asString("");
				query.put(albDecoded(parameter.getKey(), alb), albDecoded(value, alb));
			});
			event.path("queryStringParameters").properties().forEach((parameter) -> {
				String value = parameter.getValue().asString("");
				query.put(albDecoded(parameter.getKey(), alb), albDecoded(value, alb));
			});
			return this.mapper.writeValueAsBytes(query);
		}
		return new byte[0];
	}

	/**
	 * An ALB passes the query string on as the client sent it, percent-encoded (API
	 * Gateway decodes it); a malformed escape is the client's error.
	 */
	private static String albDecoded(String text, boolean alb) {
		if (!alb) {
			return text;
		}
		try {
			return URLDecoder.decode(text, StandardCharsets.UTF_8);
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidInputException("", "The query string is not valid percent-encoding");
		}
	}

	private static String parentPath(String path) {
		String trimmed = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
		int slash = trimmed.lastIndexOf('/');
		return (slash > 0) ? trimmed.substring(0, slash) : "";
	}

	private static String lastSegment(String path) {
		String trimmed = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
		return trimmed.substring(trimmed.lastIndexOf('/') + 1);
	}

}

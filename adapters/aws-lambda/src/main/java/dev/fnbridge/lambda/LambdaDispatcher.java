package dev.fnbridge.lambda;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Type;
import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import dev.fnbridge.core.error.ClassifiedError;
import dev.fnbridge.core.error.ErrorCategory;
import dev.fnbridge.core.error.ErrorClassifier;
import dev.fnbridge.core.error.InvalidInputException;
import dev.fnbridge.core.error.UnknownFunctionException;
import dev.fnbridge.core.invocation.CompositionRules;
import dev.fnbridge.core.invocation.DirectTargets;
import dev.fnbridge.core.invocation.TransportFunctionWrapper;
import dev.fnbridge.core.json.JsonPayloadReader;
import dev.fnbridge.core.metrics.InvocationMetrics;
import dev.fnbridge.core.metrics.Transport;
import dev.fnbridge.core.tracing.TraceContinuation;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

import org.springframework.aot.AotDetector;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.cloud.function.context.FunctionCatalog;
import org.springframework.cloud.function.context.catalog.SimpleFunctionRegistry.FunctionInvocationWrapper;
import org.springframework.cloud.function.context.config.RoutingFunction;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.SpringProperties;
import org.springframework.http.HttpStatus;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageHeaders;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.util.ClassUtils;

/**
 * Turns AWS events into function invocations and results into what each event source
 * expects:
 * <ul>
 * <li>API Gateway REST (v1) and HTTP API (v2), ALB, Function URL: the (base64-decoded)
 * body, or for a GET without body the query parameters as a JSON object, is the input;
 * the answer is a proxy response: 200 with the JSON result, 204 for no result, or the
 * error's status with a problem+json body. The function is the
 * {@code x-fnbridge-function} header, else {@code SPRING_CLOUD_FUNCTION_DEFINITION}, else
 * the last path segment.</li>
 * <li>SQS: one invocation per record; failed records are reported as
 * {@code batchItemFailures}, so only they are retried.</li>
 * <li>MSK and self-managed Kafka: records in order per partition, key, value and headers
 * base64-decoded; the first failure is a function error naming topic, partition and
 * offset, so Lambda's retries, bisection and on-failure destination apply.</li>
 * <li>EventBridge: the {@code detail} is the input.</li>
 * <li>Anything else is a direct invocation: the event is the input, the result the
 * answer.</li>
 * </ul>
 * Errors are {@link LambdaFunctionError}s without stack traces; payloads are never
 * logged. An event whose bytes are not UTF-8 is refused before it is read (400 behind an
 * HTTP event source); a response over Lambda's limit of {@value #MAX_RESPONSE_BYTES}
 * bytes ({@value #MAX_ALB_RESPONSE_BYTES} behind an ALB) becomes a
 * {@code payload-too-large} error (413 behind an HTTP event source) instead of a response
 * Lambda or the ALB would refuse.
 */
final class LambdaDispatcher {

	private static final Log logger = LogFactory.getLog(LambdaDispatcher.class);

	private static final String JSON = "application/json";

	private static final String ROUTE_HEADER = "x-fnbridge-function";

	/** How many definitions stay resolved (single functions and compositions). */
	static final int MAX_CACHED_DEFINITIONS = 256;

	/** How many functions one composition may have, as over HTTP. */
	static final int MAX_COMPOSITION_LENGTH = 16;

	/**
	 * Lambda's limit for the response of a synchronous invocation, 6 MB: a larger one
	 * fails the invocation with Lambda's own error, which no caller can tell apart.
	 */
	static final int MAX_RESPONSE_BYTES = 6_291_456;

	/** An ALB takes at most 1 MB of response JSON from a Lambda target (else a 502). */
	static final int MAX_ALB_RESPONSE_BYTES = 1_048_576;

	private static final String NOT_UTF8 = "The event is not valid UTF-8";

	private final FunctionCatalog catalog;

	private final ObjectMapper mapper;

	private final Set<String> names;

	private final String defaultDefinition;

	private final Map<String, Target> functions = new ConcurrentHashMap<>();

	private final JsonPayloadReader reader;

	private final InvocationMetrics metrics;

	private final TraceContinuation tracing;

	LambdaDispatcher(FunctionCatalog catalog, ObjectMapper mapper, JsonPayloadReader reader, InvocationMetrics metrics,
			TraceContinuation tracing, String defaultDefinition) {
		this.tracing = tracing;
		this.catalog = catalog;
		this.mapper = mapper;
		this.reader = reader;
		this.metrics = metrics;
		this.names = new TreeSet<>(catalog.getNames(null));
		// Spring Cloud Function's router routes by message headers and properties, not
		// by the caller's request: never a function a caller may name, as over HTTP.
		this.names.remove(RoutingFunction.FUNCTION_NAME);
		this.defaultDefinition = (defaultDefinition == null || defaultDefinition.isBlank()
				|| defaultDefinition.contains(";")) ? null : defaultDefinition.strip();
	}

	static LambdaDispatcher boot() {
		Class<?> mainClass = mainClass();
		useAotIfGenerated(mainClass);
		ConfigurableApplicationContext context = new SpringApplicationBuilder(mainClass).main(mainClass)
			.web(WebApplicationType.NONE)
			.logStartupInfo(false)
			.run();
		String definition = context.getEnvironment().getProperty("spring.cloud.function.definition");
		InvocationMetrics metrics = context.getBean(InvocationMetrics.class);
		metrics.addListener(new EmbeddedMetricFormat(System.out));
		LambdaDispatcher dispatcher = new LambdaDispatcher(context.getBean(FunctionCatalog.class),
				context.getBean(ObjectMapper.class), context.getBean(JsonPayloadReader.class), metrics,
				tracing(context), definition);
		if (dispatcher.defaultDefinition != null) {
			dispatcher.function(dispatcher.defaultDefinition);
		}
		return dispatcher;
	}

	/**
	 * Warms every function's input reading and the envelope code paths, without calling
	 * any function.
	 * @return how many functions were primed
	 */
	int prime() {
		int primed = 0;
		for (String name : this.names) {
			try {
				FunctionInvocationWrapper function = function(name).function();
				if (function.isRoutingFunction()) {
					continue;
				}
				if (function.isFunction() && !function.isInputTypePublisher()) {
					this.reader.readJson("{}".getBytes(StandardCharsets.UTF_8), function(name).payloadType());
				}
			}
			catch (RuntimeException ex) {
				// An empty object may be invalid input for some functions: the path is
				// warm.
			}
			primed++;
		}
		byte[] event = ("{\"version\":\"2.0\",\"rawPath\":\"/primer\",\"requestContext\":{\"http\":{\"method\":\"POST\"}},"
				+ "\"headers\":{\"content-type\":\"application/json\"},\"body\":\"{}\"}")
			.getBytes(StandardCharsets.UTF_8);
		http(this.mapper.readTree(event), "snap-start-priming");
		// Stream records' item conversion, without calling a function.
		DynamoDbItem.toJson(this.mapper.readTree(
				"{\"s\":{\"S\":\"a\"},\"n\":{\"N\":\"1.5\"},\"m\":{\"M\":{\"l\":{\"L\":[{\"BOOL\":true},{\"NULL\":true}]}}},\"ss\":{\"SS\":[\"b\"]}}"));
		return primed;
	}

	/**
	 * Handles one event.
	 * @param eventBytes the event as Lambda passed it
	 * @param requestId the invocation's request id, for the log
	 * @return the response: a proxy response for HTTP event sources, else the event
	 * source's or the function's answer
	 * @throws LambdaFunctionError for a function error
	 */
	byte[] dispatch(byte[] eventBytes, String requestId) {
		if (!isUtf8(eventBytes)) {
			return notUtf8(eventBytes);
		}
		JsonNode event;
		try {
			event = this.mapper.readTree(eventBytes);
		}
		catch (JacksonException ex) {
			throw new LambdaFunctionError.InvalidInput("The event is not JSON");
		}
		if (event == null || event.isMissingNode()) {
			throw new LambdaFunctionError.InvalidInput("The event is empty");
		}
		if (isHttp(event)) {
			return http(event, requestId);
		}
		byte[] response = nonHttp(event, eventBytes, requestId);
		if (response.length > MAX_RESPONSE_BYTES) {
			throw LambdaFunctionError
				.of(tooLarge(this.defaultDefinition, response.length, MAX_RESPONSE_BYTES, requestId), null);
		}
		return response;
	}

	private byte[] nonHttp(JsonNode event, byte[] eventBytes, String requestId) {
		if (event.isObject() && event.path("Records").isArray()) {
			JsonNode first = event.path("Records").path(0);
			String source = first.path("eventSource").asString(first.path("EventSource").asString(""));
			return switch (source) {
				case "aws:sqs" -> sqs(event, requestId);
				case "aws:kinesis" -> stream(event, requestId, LambdaDispatcher::kinesisData,
						(record) -> record.path("kinesis").path("sequenceNumber").asString(""));
				case "aws:dynamodb" -> stream(event, requestId, this::dynamoDbItem,
						(record) -> record.path("dynamodb").path("SequenceNumber").asString(""));
				case "aws:sns" -> sns(event, requestId);
				case "" ->
					throw new LambdaFunctionError.InvalidInput("Unsupported event: records without an event source");
				default -> throw new LambdaFunctionError.InvalidInput("Unsupported event source '" + source + "'");
			};
		}
		String source = event.path("eventSource").asString("");
		if (event.path("records").isObject() && (source.equals("aws:kafka") || source.equals("SelfManagedKafka"))) {
			return kafka(event, requestId);
		}
		if (source.startsWith("aws:")) {
			// A source without an envelope here (Amazon MQ, DocumentDB streams, ...) is
			// refused by name rather than handed to the function as its input.
			throw new LambdaFunctionError.InvalidInput("Unsupported event source '" + source + "'");
		}
		if (event.isObject() && event.has("detail-type") && event.has("detail")) {
			return direct(this.mapper.writeValueAsBytes(event.get("detail")), requestId);
		}
		return direct(eventBytes, requestId);
	}

	private byte[] direct(byte[] payload, String requestId) {
		String definition = requireDefault();
		try {
			byte[] result = invoke(definition, payload, Map.of(), Map.of(), Span.Kind.SERVER);
			return (result != null) ? result : "null".getBytes(StandardCharsets.UTF_8);
		}
		catch (RuntimeException ex) {
			throw functionError(ex, definition, requestId, null);
		}
	}

	private static boolean isHttp(JsonNode event) {
		return event.isObject() && event.path("requestContext").isObject()
				&& (event.has("httpMethod") || event.path("requestContext").path("http").has("method"));
	}

	private static String path(JsonNode event) {
		return event.path("requestContext").path("http").isObject() ? event.path("rawPath").asString("/")
				: event.path("path").asString("/");
	}

	private byte[] http(JsonNode event, String requestId) {
		boolean v2 = event.path("requestContext").path("http").isObject();
		String method = v2 ? event.path("requestContext").path("http").path("method").asString("")
				: event.path("httpMethod").asString("");
		String path = path(event);
		Map<String, String> headers = new HashMap<>();
		event.path("multiValueHeaders")
			.properties()
			.forEach((header) -> headers.put(header.getKey().toLowerCase(Locale.ROOT),
					header.getValue().path(0).asString("")));
		event.path("headers")
			.properties()
			.forEach((header) -> headers.put(header.getKey().toLowerCase(Locale.ROOT), header.getValue().asString("")));
		String definition = headers.getOrDefault(ROUTE_HEADER,
				(this.defaultDefinition != null) ? this.defaultDefinition : lastSegment(path));
		// GET /{function}/{argument}, as over HTTP: the last segment is the argument when
		// it names no function and the one before it does.
		String argument = null;
		if (!headers.containsKey(ROUTE_HEADER) && "GET".equalsIgnoreCase(method)) {
			String last = lastSegment(path);
			String parent = lastSegment(parentPath(path));
			boolean function = (this.defaultDefinition != null)
					? parent.equals(this.defaultDefinition) && !last.equals(this.defaultDefinition)
					: !isDefinition(last) && isDefinition(parent);
			if (function) {
				argument = last;
				definition = parent;
			}
		}
		HttpShape shape = HttpShape.of(event);
		try {
			byte[] body = (argument != null) ? pathArgument(definition, argument) : body(event, shape.alb(), method);
			String contentType = headers.getOrDefault("content-type", JSON).toLowerCase(Locale.ROOT);
			if (body.length > 0 && !contentType.contains("json") && !contentType.startsWith("text/")) {
				return proxy(415, "application/problem+json",
						problem(415, ErrorCategory.PROBLEM_TYPE_PREFIX + "unsupported-media-type",
								"Unsupported Media Type", "Content-Type '" + contentType + "' is not supported", path,
								null, null),
						shape);
			}
			byte[] result = invoke(definition, body,
					Map.of(MessageHeaders.CONTENT_TYPE, contentType.startsWith("text/") ? contentType : JSON), headers,
					Span.Kind.SERVER);
			if (result == null) {
				return proxy(204, null, null, shape);
			}
			// What counts is the response as Lambda gets it: the result, escaped once
			// more as the body string of the proxy response.
			byte[] response = proxy(200, JSON, new String(result, StandardCharsets.UTF_8), shape);
			int limit = shape.alb() ? MAX_ALB_RESPONSE_BYTES : MAX_RESPONSE_BYTES;
			if (response.length > limit) {
				return httpError(tooLarge(definition, response.length, limit, requestId), path, definition, shape,
						requestId);
			}
			return response;
		}
		catch (RuntimeException ex) {
			ClassifiedError error = classify(ex, definition, requestId);
			String function = (error.category() == ErrorCategory.NOT_FOUND) ? null : definition;
			return httpError(error, path, function, shape, requestId);
		}
	}

	/**
	 * The proxy response of an error: its category's status, the same problem+json body
	 * as over HTTP; a server-side failure carries the {@code correlationId} its log line
	 * has (the invocation's request id).
	 */
	private byte[] httpError(ClassifiedError error, String path, String function, HttpShape shape, String requestId) {
		String body = problem(error.category().httpStatus(), error.category().problemType(), error.category().title(),
				error.detail(), path, function, error,
				error.category().isClientError() ? null : correlationId(requestId));
		return proxy(error.category().httpStatus(), "application/problem+json", body, shape);
	}

	private static String correlationId(String requestId) {
		return (requestId != null && !requestId.isBlank()) ? requestId : UUID.randomUUID().toString();
	}

	/**
	 * A response over its limit, told to the caller as {@code payload-too-large} and
	 * logged (its size, not the payload): the function answered more than can be
	 * returned.
	 */
	private static ClassifiedError tooLarge(String definition, int responseBytes, int limit, String requestId) {
		String detail = "The response would be " + responseBytes + " bytes; at most " + limit
				+ " bytes can be returned";
		logger.warn("Function '" + definition + "' answered " + responseBytes + " bytes, more than the " + limit
				+ " that can be returned [requestId=" + requestId + "]");
		return new ClassifiedError(ErrorCategory.PAYLOAD_TOO_LARGE, detail, List.of(), null);
	}

	/**
	 * Whether the event's bytes are UTF-8, checked strictly: a lenient decoder (Jackson's
	 * among them) reads an overlong sequence such as {@code C0 AF} as {@code /}, so a
	 * payload would pass as something its bytes do not say.
	 */
	static boolean isUtf8(byte[] bytes) {
		int ascii = 0;
		while (ascii < bytes.length && bytes[ascii] >= 0) {
			ascii++;
		}
		if (ascii == bytes.length) {
			// Most events are ASCII: nothing to decode.
			return true;
		}
		try {
			StandardCharsets.UTF_8.newDecoder()
				.onMalformedInput(CodingErrorAction.REPORT)
				.onUnmappableCharacter(CodingErrorAction.REPORT)
				.decode(ByteBuffer.wrap(bytes, ascii, bytes.length - ascii));
			return true;
		}
		catch (CharacterCodingException ex) {
			return false;
		}
	}

	/**
	 * Refuses an event that is not UTF-8 without invoking anything: a 400 problem when it
	 * is still recognizably an HTTP event, else an invalid-input function error.
	 */
	private byte[] notUtf8(byte[] eventBytes) {
		JsonNode event = null;
		try {
			// Read only to recognize the envelope: a malformed sequence becomes U+FFFD
			// here, never what a lenient decoder makes of it.
			event = this.mapper.readTree(new String(eventBytes, StandardCharsets.UTF_8));
		}
		catch (JacksonException ex) {
			// Not an envelope either.
		}
		if (event != null && isHttp(event)) {
			ClassifiedError error = new ClassifiedError(ErrorCategory.INVALID_INPUT, NOT_UTF8, List.of(), null);
			return httpError(error, path(event), null, HttpShape.of(event), null);
		}
		throw new LambdaFunctionError.InvalidInput(NOT_UTF8);
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

	private byte[] sqs(JsonNode event, String requestId) {
		String definition = requireDefault();
		List<Map<String, String>> failures = new ArrayList<>();
		for (JsonNode record : event.path("Records")) {
			String id = record.path("messageId").asString("");
			try {
				invoke(definition, record.path("body").asString("").getBytes(StandardCharsets.UTF_8), Map.of(),
						traceCarrier(record.path("messageAttributes"), "stringValue"), Span.Kind.CONSUMER);
			}
			catch (RuntimeException ex) {
				classify(ex, definition, requestId);
				failures.add(Map.of("itemIdentifier", id));
			}
		}
		return this.mapper.writeValueAsBytes(Map.of("batchItemFailures", failures));
	}

	/**
	 * A stream batch (a Kinesis or DynamoDB stream shard), in order. At the first failed
	 * record, its sequence number is reported and the rest of the batch is left alone:
	 * Lambda resumes the shard from the lowest failed sequence number, so processing the
	 * later records now would run them twice.
	 * @param payload the function's input from a record, or {@code null} to pass it by
	 * @param sequenceNumber a record's sequence number
	 */
	private byte[] stream(JsonNode event, String requestId, Function<JsonNode, byte[]> payload,
			Function<JsonNode, String> sequenceNumber) {
		String definition = requireDefault();
		List<Map<String, String>> failures = new ArrayList<>();
		for (JsonNode record : event.path("Records")) {
			try {
				byte[] input = payload.apply(record);
				if (input != null) {
					invoke(definition, input, Map.of(), Map.of(), Span.Kind.CONSUMER);
				}
			}
			catch (RuntimeException ex) {
				classify(ex, definition, requestId);
				// Without a sequence number Lambda fails the whole batch: nothing is
				// lost.
				failures.add(Map.of("itemIdentifier", sequenceNumber.apply(record)));
				break;
			}
		}
		return this.mapper.writeValueAsBytes(Map.of("batchItemFailures", failures));
	}

	private static byte[] kinesisData(JsonNode record) {
		JsonNode data = record.path("kinesis").path("data");
		if (!data.isString()) {
			throw new InvalidInputException("", "A payload is required");
		}
		return decode(data.asString());
	}

	/**
	 * The item a DynamoDB stream record inserted or modified, as plain JSON. A removal
	 * has no new item: it is passed by, since functions receive items, not deletions.
	 */
	private byte[] dynamoDbItem(JsonNode record) {
		if ("REMOVE".equals(record.path("eventName").asString(""))) {
			return null;
		}
		JsonNode image = record.path("dynamodb").path("NewImage");
		if (!image.isObject()) {
			throw new InvalidInputException("",
					"The stream record has no new image: set the stream's view type to NEW_IMAGE or NEW_AND_OLD_IMAGES");
		}
		return this.mapper.writeValueAsBytes(DynamoDbItem.toJson(image));
	}

	/**
	 * An SNS notification: each message is one invocation; a failure is a function error,
	 * so Lambda retries the asynchronous invocation and then uses its on-failure
	 * destination or dead-letter queue.
	 */
	private byte[] sns(JsonNode event, String requestId) {
		String definition = requireDefault();
		int processed = 0;
		for (JsonNode record : event.path("Records")) {
			JsonNode sns = record.path("Sns");
			try {
				if (!sns.path("Message").isString()) {
					throw new InvalidInputException("", "A payload is required");
				}
				invoke(definition, sns.path("Message").asString().getBytes(StandardCharsets.UTF_8), Map.of(),
						traceCarrier(sns.path("MessageAttributes"), "Value"), Span.Kind.CONSUMER);
				processed++;
			}
			catch (RuntimeException ex) {
				String id = sns.path("MessageId").asString("");
				throw functionError(ex, definition, requestId, id.isEmpty() ? null : id);
			}
		}
		return this.mapper.writeValueAsBytes(Map.of("processed", processed));
	}

	/**
	 * The trace fields of SQS or SNS message attributes, keys lower-cased as the
	 * propagator looks them up.
	 * @param attributes the attributes object
	 * @param valueField where an attribute keeps its text ({@code stringValue} on SQS,
	 * {@code Value} on SNS)
	 */
	private static Map<String, String> traceCarrier(JsonNode attributes, String valueField) {
		Map<String, String> carrier = new HashMap<>();
		attributes.properties()
			.forEach((attribute) -> carrier.put(attribute.getKey().toLowerCase(Locale.ROOT),
					attribute.getValue().path(valueField).asString("")));
		return carrier;
	}

	private byte[] kafka(JsonNode event, String requestId) {
		String definition = requireDefault();
		int processed = 0;
		for (Map.Entry<String, JsonNode> partition : event.path("records").properties()) {
			for (JsonNode record : partition.getValue()) {
				String where = record.path("topic").asString("") + "-" + record.path("partition").asInt() + "@"
						+ record.path("offset").asLong();
				try {
					Map<String, Object> headers = new HashMap<>();
					Map<String, String> trace = new HashMap<>();
					if (record.path("key").isString()) {
						headers.put("kafka_receivedMessageKey", decode(record.path("key").asString()));
					}
					for (JsonNode header : record.path("headers")) {
						header.properties().forEach((entry) -> {
							byte[] value = bytes(entry.getValue());
							headers.put(entry.getKey(), value);
							trace.put(entry.getKey().toLowerCase(Locale.ROOT),
									new String(value, StandardCharsets.UTF_8));
						});
					}
					if (!record.path("value").isString()) {
						throw new InvalidInputException("", "A payload is required");
					}
					invoke(definition, decode(record.path("value").asString()), headers, trace, Span.Kind.CONSUMER);
					processed++;
				}
				catch (RuntimeException ex) {
					throw functionError(ex, definition, requestId, where);
				}
			}
		}
		return this.mapper.writeValueAsBytes(Map.of("processed", processed));
	}

	/**
	 * Invokes a function in a span that continues the caller's trace (W3C
	 * {@code traceparent}/{@code tracestate} from HTTP headers, Kafka record headers or
	 * SQS message attributes), so the function's log and metric lines carry its trace id.
	 * A span, not an observation: the invocation is already timed once.
	 */
	private byte[] invoke(String definition, byte[] payload, Map<String, Object> headers,
			Map<String, String> traceCarrier, Span.Kind kind) {
		if (this.tracing == null) {
			return invoke(definition, payload, headers);
		}
		String function = definition.replace(',', '|');
		Span span = this.tracing.spanBuilder(traceCarrier, Map::get)
			.name(function)
			.kind(kind)
			.tag("function", function)
			.tag("transport", Transport.LAMBDA.tag())
			.start();
		try (Tracer.SpanInScope scope = this.tracing.tracer().withSpan(span)) {
			return invoke(definition, payload, headers);
		}
		catch (RuntimeException ex) {
			span.error(ex);
			throw ex;
		}
		finally {
			span.end();
		}
	}

	/** Micrometer Tracing, when the application has it ({@code null} otherwise). */
	private static TraceContinuation tracing(ConfigurableApplicationContext context) {
		Tracer tracer = context.getBeanProvider(Tracer.class).getIfAvailable();
		Propagator propagator = context.getBeanProvider(Propagator.class).getIfAvailable();
		return (tracer != null && tracer != Tracer.NOOP && propagator != null)
				? new TraceContinuation(tracer, propagator) : null;
	}

	private byte[] invoke(String definition, byte[] payload, Map<String, Object> headers) {
		Target target = function(definition);
		FunctionInvocationWrapper function = target.function();
		Function<Object, Object> direct = target.direct();
		if (direct != null && !String.valueOf(headers.get(MessageHeaders.CONTENT_TYPE)).startsWith("text/")) {
			// Read, call and count as TransportFunctionWrapper does, without the
			// catalog's
			// message round trip.
			InvocationMetrics.Sample sample = this.metrics.start(definition, Transport.LAMBDA, payload.length);
			try {
				if (payload.length == 0) {
					throw new InvalidInputException("", "A JSON payload is required");
				}
				Object result = direct.apply(this.reader.readJson(payload, target.payloadType()));
				sample.success();
				return (result != null) ? this.mapper.writeValueAsBytes(result) : null;
			}
			catch (RuntimeException ex) {
				sample.failure(ErrorClassifier.classify(ex));
				throw ex;
			}
		}
		Message<byte[]> message = MessageBuilder.withPayload(payload)
			.copyHeaders(headers)
			.setHeaderIfAbsent(MessageHeaders.CONTENT_TYPE, JSON)
			.setHeader(TransportFunctionWrapper.TRANSPORT_HEADER, "lambda")
			.build();
		Object result = function.apply(message);
		if (result instanceof Message<?> output) {
			result = output.getPayload();
		}
		if (result == null) {
			return null;
		}
		if (result instanceof byte[] bytes) {
			return bytes;
		}
		return this.mapper.writeValueAsBytes(result);
	}

	private Target function(String definition) {
		Target cached = this.functions.get(definition);
		if (cached != null) {
			return cached;
		}
		String[] elements = definition.split("[,|]", -1);
		if (elements.length > MAX_COMPOSITION_LENGTH) {
			throw new InvalidInputException("",
					"A composition has at most " + MAX_COMPOSITION_LENGTH + " functions, not " + elements.length);
		}
		Set<String> seen = new HashSet<>();
		String previous = null;
		for (String element : elements) {
			String name = element.strip();
			if (!this.names.contains(name)) {
				throw new UnknownFunctionException(definition, name);
			}
			if (elements.length > 1) {
				if (!seen.add(name)) {
					throw new InvalidInputException("", "A composition cannot use '" + name + "' twice");
				}
				if (previous != null) {
					checkComposable(previous, name);
				}
				previous = name;
			}
		}
		// No output content type: the result comes back as it is and is written with the
		// application's mapper, exactly as over HTTP.
		FunctionInvocationWrapper function;
		try {
			function = this.catalog.lookup(definition.replace(',', '|'));
		}
		catch (RuntimeException ex) {
			if (elements.length == 1) {
				throw ex;
			}
			// Spring Cloud Function refuses the composition: the caller asked for it.
			throw new InvalidInputException("", "These functions cannot be composed: " + definition);
		}
		if (function == null) {
			throw new UnknownFunctionException(definition, definition);
		}
		Target target = new Target(function, DirectTargets.of(function),
				DirectTargets.payloadType(function.getInputType()));
		// The definition comes from the caller (x-fnbridge-function): keep a bounded
		// number resolved, and resolve the rest each time.
		if (this.functions.size() < MAX_CACHED_DEFINITIONS) {
			this.functions.put(definition, target);
		}
		return target;
	}

	/**
	 * Refuses a composition whose first function's output cannot be the next one's input,
	 * by the rules HTTP applies: a consumer (no output) before another function, a
	 * supplier (no input) after one, text or a number into a structured input, or a
	 * structure into a scalar one. Structured values pass (they are converted as JSON),
	 * so do inputs of any type. Without it, the composition fails at its first call as an
	 * unexpected error, though the caller asked for it.
	 * @param first the function whose output feeds the next
	 * @param next the function that takes it
	 * @throws InvalidInputException if the two do not compose
	 */
	private void checkComposable(String first, String next) {
		Target to = function(next);
		CompositionRules.checkComposable(first, function(first).function(), next, to.function(), to.payloadType());
	}

	/**
	 * A function resolved once: the catalog's wrapper, and the bean when it may be called
	 * directly.
	 */
	private record Target(FunctionInvocationWrapper function, Function<Object, Object> direct, Type payloadType) {
	}

	private String requireDefault() {
		if (this.defaultDefinition == null) {
			throw new LambdaFunctionError.FunctionNotFound(
					"No function selected: set SPRING_CLOUD_FUNCTION_DEFINITION to one of " + this.names);
		}
		return this.defaultDefinition;
	}

	private ClassifiedError classify(RuntimeException ex, String definition, String requestId) {
		ClassifiedError error = ErrorClassifier.classify(ex);
		if (error.category() == ErrorCategory.UNEXPECTED || error.category() == ErrorCategory.TRANSIENT) {
			logger.error("Function '" + definition + "' failed [requestId=" + requestId + "]", ex);
		}
		else if (logger.isDebugEnabled()) {
			logger.debug("Client error in '" + definition + "': " + error.detail());
		}
		return error;
	}

	private LambdaFunctionError functionError(RuntimeException ex, String definition, String requestId, String where) {
		if (ex instanceof LambdaFunctionError lambdaError) {
			return lambdaError;
		}
		return LambdaFunctionError.of(classify(ex, definition, requestId), where);
	}

	private String problem(int status, String type, String title, String detail, String instance, String function,
			ClassifiedError error) {
		return problem(status, type, title, detail, instance, function, error, null);
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

	private byte[] proxy(int status, String contentType, String body, HttpShape shape) {
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
	 */
	private record HttpShape(boolean alb, boolean multiValue) {

		static HttpShape of(JsonNode event) {
			boolean alb = event.path("requestContext").path("elb").isObject();
			// ALB in multi-value mode sends (and expects back) only multiValueHeaders.
			return new HttpShape(alb,
					alb && !event.path("headers").isObject() && event.path("multiValueHeaders").isObject());
		}

	}

	/** Whether every element of a definition names a function. */
	private boolean isDefinition(String definition) {
		if (definition.isEmpty()) {
			return false;
		}
		for (String element : definition.split("[,|]", -1)) {
			if (!this.names.contains(element.strip())) {
				return false;
			}
		}
		return true;
	}

	/**
	 * A path argument as the function's input, read as HTTP reads {@code GET /fn/arg}.
	 */
	private byte[] pathArgument(String definition, String rawArgument) {
		String argument;
		try {
			argument = URLDecoder.decode(rawArgument.replace("+", "%2B"), StandardCharsets.UTF_8);
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidInputException("", "The path argument is not valid percent-encoding");
		}
		return this.mapper.writeValueAsBytes(this.reader.readArgument(argument, function(definition).payloadType()));
	}

	/**
	 * How many definitions are resolved and kept.
	 * @return the size of the route cache
	 */
	int cachedDefinitions() {
		return this.functions.size();
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

	private static byte[] decode(String base64) {
		try {
			return Base64.getDecoder().decode(base64);
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidInputException("", "A record field is not valid base64");
		}
	}

	private static byte[] bytes(JsonNode array) {
		byte[] bytes = new byte[array.size()];
		for (int i = 0; i < bytes.length; i++) {
			bytes[i] = (byte) array.get(i).asInt();
		}
		return bytes;
	}

	/**
	 * Starts from the bean definitions Spring AOT generated at build time, when the
	 * artifact has them for this main class and {@code FNBRIDGE_AOT} is not
	 * {@code false}: condition evaluation and configuration-class proxies are the largest
	 * part of a cold start.
	 * @param mainClass the application class
	 */
	static void useAotIfGenerated(Class<?> mainClass) {
		if ("false".equalsIgnoreCase(System.getenv("FNBRIDGE_AOT"))
				|| SpringProperties.getProperty(AotDetector.AOT_ENABLED) != null) {
			return;
		}
		String initializer = mainClass.getName() + "__ApplicationContextInitializer";
		if (ClassUtils.isPresent(initializer, mainClass.getClassLoader())) {
			SpringProperties.setProperty(AotDetector.AOT_ENABLED, "true");
		}
	}

	private static Class<?> mainClass() {
		String name = System.getenv("MAIN_CLASS");
		if (name == null || name.isBlank()) {
			Properties properties = new Properties();
			try (InputStream in = LambdaDispatcher.class.getResourceAsStream("/fnbridge-lambda.properties")) {
				if (in != null) {
					properties.load(in);
				}
			}
			catch (IOException ex) {
				throw new IllegalStateException("Cannot read fnbridge-lambda.properties", ex);
			}
			name = properties.getProperty("main-class");
		}
		if (name == null) {
			throw new IllegalStateException("Set MAIN_CLASS to the Spring Boot application class");
		}
		try {
			return Class.forName(name, true, LambdaDispatcher.class.getClassLoader());
		}
		catch (ClassNotFoundException ex) {
			throw new IllegalStateException("MAIN_CLASS " + name + " is not in the artifact", ex);
		}
	}

}

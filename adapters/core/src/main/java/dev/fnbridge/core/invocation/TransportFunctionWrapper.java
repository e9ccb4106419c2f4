package dev.fnbridge.core.invocation;

import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import dev.fnbridge.core.RecordKeys;
import dev.fnbridge.core.error.ErrorClassifier;
import dev.fnbridge.core.error.InvalidInputException;
import dev.fnbridge.core.json.JsonPayloadReader;
import dev.fnbridge.core.metrics.InvocationMetrics;
import dev.fnbridge.core.metrics.Transport;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.ObjectMapper;

import org.springframework.cloud.function.context.catalog.FunctionAroundWrapper;
import org.springframework.cloud.function.context.catalog.FunctionTypeUtils;
import org.springframework.cloud.function.context.catalog.SimpleFunctionRegistry.FunctionInvocationWrapper;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageHeaders;
import org.springframework.messaging.support.MessageBuilder;

/**
 * Runs around every message-driven invocation of a catalog function (Kafka records;
 * Lambda events when the Lambda adapter marks them). It reads the payload itself, with
 * the same reader and messages as HTTP, so that a malformed or wrongly shaped payload is
 * an {@link InvalidInputException} (a dead letter, a 400) instead of what Spring Cloud
 * Function would do with it: split a JSON array into one call per element, or hand the
 * function a {@code null}. It keys Kafka output records by the input's
 * {@link dev.fnbridge.core.RecordKey} (else the incoming key), and records
 * {@code fnbridge.function.invocations}.
 * <p>
 * Messages of other origins (HTTP calls compositions with plain payloads) pass through
 * untouched.
 */
public class TransportFunctionWrapper extends FunctionAroundWrapper {

	/**
	 * Header a transport sets to name itself, for transports without headers of their
	 * own.
	 */
	public static final String TRANSPORT_HEADER = "fnbridge_transport";

	static final String KAFKA_TOPIC = "kafka_receivedTopic";

	static final String KAFKA_RECEIVED_KEY = "kafka_receivedMessageKey";

	/** The header the Kafka binder takes an output record's key from. */
	static final String KAFKA_KEY = "kafka_messageKey";

	/**
	 * Headers the Kafka consumer adds about the consumed record, all of which Spring
	 * Kafka's header mappers never map to an outgoing record.
	 */
	static final Set<String> CONSUMED_RECORD_HEADERS = Set.of("kafka_acknowledgment", "kafka_consumer", "kafka_offset",
			"kafka_data", KAFKA_RECEIVED_KEY, "kafka_receivedPartitionId", "kafka_receivedTimestamp", KAFKA_TOPIC,
			"kafka_timestampType", "kafka_batchConvertedHeaders", "kafka_nativeHeaders", "kafka_deliveryAttempt",
			"kafka_listenerInfo", "kafka_groupId");

	private static final String JSON = "application/json";

	private final JsonPayloadReader reader;

	private final InvocationMetrics metrics;

	private final ObjectMapper mapper;

	private final @Nullable RecordTracing tracing;

	private final Map<Type, Type> payloadTypes = new ConcurrentHashMap<>();

	private final Map<String, Optional<Function<Object, Object>>> directTargets = new ConcurrentHashMap<>();

	/**
	 * Creates the wrapper.
	 * @param reader the JSON payload reader
	 * @param mapper the JSON mapper, to encode text results as JSON strings
	 * @param metrics the invocation metrics
	 */
	public TransportFunctionWrapper(JsonPayloadReader reader, ObjectMapper mapper, InvocationMetrics metrics) {
		this(reader, mapper, metrics, null);
	}

	/**
	 * Creates the wrapper.
	 * @param reader the JSON payload reader
	 * @param mapper the JSON mapper, to encode text results as JSON strings
	 * @param metrics the invocation metrics
	 * @param tracing traces each Kafka record's invocation, or {@code null}
	 */
	public TransportFunctionWrapper(JsonPayloadReader reader, ObjectMapper mapper, InvocationMetrics metrics,
			@Nullable RecordTracing tracing) {
		this.reader = reader;
		this.mapper = mapper;
		this.metrics = metrics;
		this.tracing = tracing;
	}

	@Override
	protected Object doApply(Object input, FunctionInvocationWrapper target) {
		Message<?> message = (Message<?>) input;
		Transport transport = transportOf(message.getHeaders());
		if (transport == null || target.isSupplier() || target.isInputTypePublisher()) {
			return target.apply(input);
		}
		if (transport == Transport.KAFKA && this.tracing != null) {
			try (RecordTracing.RecordSpan span = this.tracing.open(target.getFunctionDefinition(),
					message.getHeaders())) {
				try {
					return invoke(message, transport, target, span);
				}
				catch (RuntimeException ex) {
					span.error(ex);
					throw ex;
				}
			}
		}
		return invoke(message, transport, target, null);
	}

	private @Nullable Object invoke(Message<?> message, Transport transport, FunctionInvocationWrapper target,
			RecordTracing.@Nullable RecordSpan span) {
		Object payload = message.getPayload();
		InvocationMetrics.Sample sample = this.metrics.start(target.getFunctionDefinition(), transport,
				sizeOf(payload));
		try {
			Object typed = read(payload, message.getHeaders(), target);
			Object key = (transport == Transport.KAFKA) ? outputKey(typed, message.getHeaders()) : null;
			Function<Object, Object> direct = (transport == Transport.KAFKA && !isText(message.getHeaders()))
					? this.directTargets
						.computeIfAbsent(target.getFunctionDefinition(),
								(definition) -> Optional.ofNullable(DirectTargets.of(target)))
						.orElse(null)
					: null;
			if (direct != null) {
				// A plain function: call the bean and write its JSON, as HTTP does,
				// without the catalog's conversions of the input and output messages.
				Object output = direct.apply(typed);
				sample.success();
				return (output != null) ? directOutput(output, key, message.getHeaders(), span) : null;
			}
			Object result = target.apply(MessageBuilder.withPayload(typed).copyHeaders(message.getHeaders()).build());
			if (transport == Transport.KAFKA && result instanceof Message<?> output) {
				result = adaptOutput(output, key, target, span);
			}
			sample.success();
			return result;
		}
		catch (RuntimeException ex) {
			sample.failure(ErrorClassifier.classify(ex));
			throw ex;
		}
	}

	private Object read(Object payload, MessageHeaders headers, FunctionInvocationWrapper target) {
		Type type = this.payloadTypes.computeIfAbsent(target.getInputType(), DirectTargets::payloadType);
		Class<?> raw = FunctionTypeUtils.getRawType(type);
		boolean bytes = payload instanceof byte[];
		if (!bytes && !(payload instanceof String)) {
			if (raw != null && raw.isInstance(payload)) {
				return payload;
			}
			throw new InvalidInputException("", "A payload is required");
		}
		if (raw == byte[].class || raw == Object.class || raw == null || raw == Message.class) {
			return payload;
		}
		byte[] body = bytes ? (byte[]) payload : ((String) payload).getBytes(StandardCharsets.UTF_8);
		if ((raw == String.class || raw == CharSequence.class) && isText(headers)) {
			return this.reader.readText(body);
		}
		if (body.length == 0) {
			throw new InvalidInputException("", "A JSON payload is required");
		}
		return this.reader.readJson(body, type);
	}

	/**
	 * Sets the record key, and encodes a text result as a JSON string when the output is
	 * JSON: Spring Cloud Function writes a {@code String} result as it is, which is not
	 * JSON, while HTTP answers {@code "Hello, Ada!"}. One function, one representation.
	 */
	private Message<?> adaptOutput(Message<?> output, @Nullable Object key, FunctionInvocationWrapper target,
			RecordTracing.@Nullable RecordSpan span) {
		boolean textResult = target.getRawOutputType() == String.class
				|| target.getRawOutputType() == CharSequence.class;
		if (key == null && span == null
				&& !(textResult && output.getPayload() instanceof byte[] && isJson(output.getHeaders()))) {
			return output;
		}
		MessageBuilder<?> builder;
		if (textResult && output.getPayload() instanceof byte[] text && isJson(output.getHeaders())) {
			byte[] json = this.mapper.writeValueAsBytes(new String(text, StandardCharsets.UTF_8));
			builder = MessageBuilder.withPayload(json).copyHeaders(output.getHeaders());
		}
		else {
			builder = MessageBuilder.fromMessage(output);
		}
		return withKeyAndTrace(builder, key, span);
	}

	/**
	 * The output message of a directly called function: its JSON, the input's headers (as
	 * Spring Cloud Function carries them over) except those describing the consumed
	 * record, and the record key. Spring Kafka never writes those to a produced record;
	 * leaving them out halves the headers the binder copies and maps for every output.
	 */
	private Message<byte[]> directOutput(Object output, @Nullable Object key, MessageHeaders inputHeaders,
			RecordTracing.@Nullable RecordSpan span) {
		MessageBuilder<byte[]> builder = MessageBuilder.withPayload(this.mapper.writeValueAsBytes(output))
			.copyHeaders(inputHeaders)
			.setHeader(MessageHeaders.CONTENT_TYPE, JSON);
		CONSUMED_RECORD_HEADERS.forEach(builder::removeHeader);
		return withKeyAndTrace(builder, key, span);
	}

	/** The record key, and the record span's context in place of the one copied in. */
	private static <T> Message<T> withKeyAndTrace(MessageBuilder<T> builder, @Nullable Object key,
			RecordTracing.@Nullable RecordSpan span) {
		if (key != null) {
			builder.setHeader(KAFKA_KEY, key);
		}
		if (span != null) {
			Map<String, Object> trace = new HashMap<>();
			span.inject(trace);
			builder.copyHeaders(trace);
		}
		return builder.build();
	}

	private static boolean isJson(MessageHeaders headers) {
		Object contentType = headers.get(MessageHeaders.CONTENT_TYPE);
		return contentType == null || contentType.toString().contains("json");
	}

	private static Object outputKey(Object typed, MessageHeaders headers) {
		return RecordKeys.keyOf(typed)
			.<Object>map((key) -> key.getBytes(StandardCharsets.UTF_8))
			.orElseGet(() -> headers.get(KAFKA_RECEIVED_KEY));
	}

	private static Transport transportOf(MessageHeaders headers) {
		Object declared = headers.get(TRANSPORT_HEADER);
		if (declared != null) {
			return Transport.valueOf(declared.toString().toUpperCase(java.util.Locale.ROOT));
		}
		return headers.containsKey(KAFKA_TOPIC) ? Transport.KAFKA : null;
	}

	private static boolean isText(MessageHeaders headers) {
		Object contentType = headers.get(MessageHeaders.CONTENT_TYPE);
		return contentType != null && contentType.toString().startsWith("text/");
	}

	private static long sizeOf(Object payload) {
		if (payload instanceof byte[] bytes) {
			return bytes.length;
		}
		return (payload instanceof String text) ? text.length() : -1;
	}

}

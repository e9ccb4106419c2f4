package dev.fnbridge.core.invocation;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import dev.fnbridge.core.RecordKeys;
import dev.fnbridge.core.metrics.Transport;
import org.jspecify.annotations.Nullable;

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
 * A Kafka binding in batch mode ({@code consumer.batch-mode=true}) hands over a poll's
 * records at once. A function of one record is then invoked once per record, each with
 * its own headers, key and span, and the outputs are sent as one list; a record that
 * fails goes to the {@link RecordBatches} (retried, else dead-lettered) while the rest of
 * the batch goes on. A function of a {@code List} (a batch function, unless
 * {@link RecordBatches#listFunctionsTakeTheBatch()} says otherwise) is invoked once with
 * the records that could be read as its element type; the others are dead-lettered one by
 * one.
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

	/** The header of a consumed batch holding each record's mapped headers. */
	static final String KAFKA_BATCH_HEADERS = "kafka_batchConvertedHeaders";

	/** The header the Kafka binder takes an output record's key from. */
	static final String KAFKA_KEY = "kafka_messageKey";

	/**
	 * Headers the Kafka consumer adds about the consumed record, all of which Spring
	 * Kafka's header mappers never map to an outgoing record.
	 */
	static final Set<String> CONSUMED_RECORD_HEADERS = Set.of("kafka_acknowledgment", "kafka_consumer", "kafka_offset",
			"kafka_data", KAFKA_RECEIVED_KEY, "kafka_receivedPartitionId", "kafka_receivedTimestamp", KAFKA_TOPIC,
			"kafka_timestampType", "kafka_batchConvertedHeaders", "kafka_nativeHeaders", "kafka_deliveryAttempt",
			"kafka_listenerInfo", "kafka_groupId", "kafka_conversionFailures");

	private static final String JSON = "application/json";

	private final InvocationPipeline pipeline;

	private final @Nullable RecordTracing tracing;

	private final @Nullable RecordBatches batches;

	// One per binding's function wrapper (never a caller's definition): bounded.
	private final Map<FunctionInvocationWrapper, ResolvedFunction> functions = new ConcurrentHashMap<>();

	/**
	 * Creates the wrapper.
	 * @param pipeline the invocation pipeline every transport shares
	 * @param tracing traces each Kafka record's invocation, or {@code null}
	 */
	public TransportFunctionWrapper(InvocationPipeline pipeline, @Nullable RecordTracing tracing) {
		this(pipeline, tracing, null);
	}

	/**
	 * Creates the wrapper.
	 * @param pipeline the invocation pipeline every transport shares
	 * @param tracing traces each Kafka record's invocation, or {@code null}
	 * @param batches how consumed batches are handled, or {@code null} to fail a batch at
	 * its first failed record
	 */
	public TransportFunctionWrapper(InvocationPipeline pipeline, @Nullable RecordTracing tracing,
			@Nullable RecordBatches batches) {
		this.pipeline = pipeline;
		this.tracing = tracing;
		this.batches = batches;
	}

	@Override
	protected Object doApply(Object input, FunctionInvocationWrapper target) {
		// Spring Cloud Function marked the shared wrapper on the way in; another thread
		// seeing the mark would skip this wrapper (see CatalogCalls), so clear it first,
		// then let the next thread through. The target is only ever called through
		// CatalogCalls from here on: its apply would enter this wrapper again.
		CatalogCalls.clearMark(target);
		EntryGate.leaveHeld();
		Message<?> message = (Message<?>) input;
		Transport transport = transportOf(message.getHeaders());
		if (transport == null || target.isSupplier() || target.isInputTypePublisher()) {
			return CatalogCalls.call(target, input);
		}
		if (transport == Transport.KAFKA && message.getPayload() instanceof List<?> records
				&& message.getHeaders().get(KAFKA_BATCH_HEADERS) instanceof List<?> recordHeaders) {
			return invokeBatch(records, recordHeaders, message.getHeaders(), target);
		}
		return invokeRecord(message, transport, target);
	}

	private @Nullable Object invokeRecord(Message<?> message, Transport transport, FunctionInvocationWrapper target) {
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

	private List<Object> invokeBatch(List<?> records, List<?> recordHeaders, MessageHeaders batchHeaders,
			FunctionInvocationWrapper target) {
		List<Message<?>> messages = new ArrayList<>(records.size());
		for (int i = 0; i < records.size(); i++) {
			messages.add(recordMessage(records.get(i), recordHeaders, batchHeaders, i, records.size()));
		}
		ResolvedFunction function = resolved(target);
		Type elementType = (this.batches != null && this.batches.listFunctionsTakeTheBatch())
				? elementType(function.payloadType()) : null;
		if (elementType != null) {
			return invokeBatchFunction(messages, function, elementType, target);
		}
		List<Object> outputs = new ArrayList<>(records.size());
		for (int i = 0; i < messages.size(); i++) {
			Message<?> record = messages.get(i);
			Supplier<@Nullable Object> attempt = () -> invokeRecord(record, Transport.KAFKA, target);
			Object output;
			try {
				output = attempt.get();
			}
			catch (RuntimeException ex) {
				output = failed(target, i, ex, attempt);
			}
			if (output != null) {
				outputs.add(output);
			}
		}
		return outputs;
	}

	/**
	 * A batch function: each record read as the element type on its own (a record that
	 * cannot be is dead-lettered, the others go on), the function invoked once with the
	 * list, its results sent one record each. Its failure is the batch's.
	 */
	private List<Object> invokeBatchFunction(List<Message<?>> records, ResolvedFunction function, Type elementType,
			FunctionInvocationWrapper target) {
		ResolvedFunction element = new ResolvedFunction(function.definition(), function.function(), elementType, null,
				function.metricTag());
		List<Object> inputs = new ArrayList<>(records.size());
		for (int i = 0; i < records.size(); i++) {
			Message<?> record = records.get(i);
			Supplier<@Nullable Object> read = () -> this.pipeline.read(element,
					payload(record.getPayload(), record.getHeaders()));
			try {
				inputs.add(read.get());
			}
			catch (RuntimeException ex) {
				Object retried = failed(target, i, ex, read);
				if (retried != null) {
					inputs.add(retried);
				}
			}
		}
		if (inputs.isEmpty()) {
			return List.of();
		}
		InvocationPipeline.Result result = this.pipeline.invoke(function, Transport.KAFKA, Payload.value(inputs),
				Map.of());
		Object output = result.output();
		if (output instanceof Message<?> message) {
			output = message.getPayload();
		}
		if (output == null) {
			return List.of();
		}
		Collection<?> values = (output instanceof Collection<?> collection) ? collection : List.of(output);
		List<Object> outputs = new ArrayList<>(values.size());
		for (Object value : values) {
			if (value != null) {
				outputs.add(batchOutput(this.pipeline.json(function, value),
						RecordKeys.keyOf(value)
							.<Object>map((key) -> key.getBytes(StandardCharsets.UTF_8))
							.orElse(null)));
			}
		}
		return outputs;
	}

	private @Nullable Object failed(FunctionInvocationWrapper target, int index, RuntimeException error,
			Supplier<@Nullable Object> retry) {
		if (this.batches == null) {
			throw error;
		}
		return this.batches.failed(target.getFunctionDefinition(), index, error, retry);
	}

	/**
	 * One record of a consumed batch as a message of its own: those headers the consumer
	 * gives per record (key, topic, partition, offset, timestamp) taken at the record's
	 * position, the batch's other headers except those about the consumer and the batch
	 * (acknowledgment, consumer, group, conversion failures), which no single record's
	 * function can use and no output may carry, and the record's own mapped headers.
	 */
	private static Message<?> recordMessage(Object payload, List<?> recordHeaders, MessageHeaders batchHeaders,
			int index, int size) {
		Map<?, ?> own = (index < recordHeaders.size() && recordHeaders.get(index) instanceof Map<?, ?> map) ? map
				: Map.of();
		Map<String, Object> headers = new HashMap<>((own.size() + batchHeaders.size()) * 2);
		batchHeaders.forEach((name, value) -> {
			if (name.equals(KAFKA_BATCH_HEADERS)) {
				return;
			}
			if (value instanceof List<?> values && values.size() == size && name.startsWith("kafka_")) {
				headers.put(name, values.get(index));
			}
			else if (!name.equals(MessageHeaders.ID) && !name.equals(MessageHeaders.TIMESTAMP)
					&& !CONSUMED_RECORD_HEADERS.contains(name)) {
				headers.put(name, value);
			}
		});
		own.forEach((name, value) -> headers.put(name.toString(), value));
		return MessageBuilder.createMessage(payload, new MessageHeaders(headers));
	}

	/** The element type of a {@code List} (or other collection) input, else null. */
	private static @Nullable Type elementType(@Nullable Type payloadType) {
		if (payloadType == null || !Collection.class.isAssignableFrom(FunctionTypeUtils.getRawType(payloadType))) {
			return null;
		}
		return (payloadType instanceof ParameterizedType parameterized) ? parameterized.getActualTypeArguments()[0]
				: Object.class;
	}

	private Message<byte[]> batchOutput(byte @Nullable [] json, @Nullable Object key) {
		MessageBuilder<byte[]> builder = MessageBuilder.withPayload((json != null) ? json : new byte[0])
			.setHeader(MessageHeaders.CONTENT_TYPE, JSON);
		return withKeyAndTrace(builder, key, null);
	}

	private ResolvedFunction resolved(FunctionInvocationWrapper target) {
		return this.functions.computeIfAbsent(target,
				(wrapper) -> ResolvedFunction.of(wrapper.getFunctionDefinition(), wrapper));
	}

	private @Nullable Object invoke(Message<?> message, Transport transport, FunctionInvocationWrapper target,
			RecordTracing.@Nullable RecordSpan span) {
		ResolvedFunction function = resolved(target);
		InvocationPipeline.Result result = this.pipeline.invoke(function, transport,
				payload(message.getPayload(), message.getHeaders()), message.getHeaders());
		Object output = result.output();
		if (transport != Transport.KAFKA) {
			return output;
		}
		Object key = outputKey(result.input(), message.getHeaders());
		if (output instanceof Message<?> catalogOutput) {
			return adaptOutput(catalogOutput, key, function, span);
		}
		return (output != null) ? directOutput(this.pipeline.json(function, output), key, message.getHeaders(), span)
				: null;
	}

	private static Payload payload(Object payload, MessageHeaders headers) {
		if (payload instanceof byte[] bytes) {
			return isText(headers) ? Payload.text(bytes) : Payload.json(bytes);
		}
		if (payload instanceof String text) {
			byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
			return isText(headers) ? Payload.text(bytes) : Payload.json(bytes);
		}
		return Payload.value(payload);
	}

	/**
	 * Sets the record key, and encodes a text result as a JSON string when the output is
	 * JSON: Spring Cloud Function writes a {@code String} result as it is, which is not
	 * JSON, while HTTP answers {@code "Hello, Ada!"}. One function, one representation.
	 */
	private Message<?> adaptOutput(Message<?> output, @Nullable Object key, ResolvedFunction function,
			RecordTracing.@Nullable RecordSpan span) {
		if (key == null && span == null && !(output.getPayload() instanceof byte[])) {
			return output;
		}
		MessageBuilder<?> builder = (output.getPayload() instanceof byte[])
				? MessageBuilder.withPayload(this.pipeline.json(function, output)).copyHeaders(output.getHeaders())
				: MessageBuilder.fromMessage(output);
		return withKeyAndTrace(builder, key, span);
	}

	/**
	 * The output message of a directly called function: its JSON, the input's headers (as
	 * Spring Cloud Function carries them over) except those describing the consumed
	 * record, and the record key. Spring Kafka never writes those to a produced record;
	 * leaving them out halves the headers the binder copies and maps for every output.
	 */
	private Message<byte[]> directOutput(byte[] json, @Nullable Object key, MessageHeaders inputHeaders,
			RecordTracing.@Nullable RecordSpan span) {
		MessageBuilder<byte[]> builder = MessageBuilder.withPayload(json)
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

	private static @Nullable Object outputKey(@Nullable Object typed, MessageHeaders headers) {
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
		return contentType != null && ContentTypes.isText(contentType.toString());
	}

}

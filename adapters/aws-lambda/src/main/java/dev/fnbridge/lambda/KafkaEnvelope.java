package dev.fnbridge.lambda;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

import dev.fnbridge.core.error.InvalidInputException;
import dev.fnbridge.core.invocation.Payload;
import dev.fnbridge.core.invocation.ResolvedFunction;
import dev.fnbridge.core.invocation.TransportFunctionWrapper;
import io.micrometer.tracing.Span;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * MSK and self-managed Kafka: records in order per partition, key, value and headers
 * base64-decoded, the value read as JSON unless a {@code contentType} header declares
 * {@code text/plain} (a function taking a message sees the key as
 * {@code kafka_receivedMessageKey} and the record headers); each record continues the
 * trace its headers carry. The first failure is a function error naming topic, partition
 * and offset, so Lambda's retries, bisection and on-failure destination apply. The answer
 * is {@code {"processed": n}}.
 */
final class KafkaEnvelope implements LambdaEnvelope {

	private static final String KEY_HEADER = "kafka_receivedMessageKey";

	/**
	 * Spring's {@code contentType} header, as the trace carrier keeps it (lower case).
	 */
	private static final String CONTENT_TYPE_HEADER = "contenttype";

	private static final String NOT_BYTES = "A record header is not an array of bytes";

	private final ObjectMapper mapper;

	KafkaEnvelope(ObjectMapper mapper) {
		this.mapper = mapper;
	}

	@Override
	public boolean accepts(JsonNode event) {
		String source = EventFields.eventSource(event);
		return event.path("records").isObject() && (source.equals("aws:kafka") || source.equals("SelfManagedKafka"));
	}

	@Override
	public byte[] handle(JsonNode event, byte[] eventBytes, InvocationContext context) {
		ResolvedFunction function = context.defaultFunction();
		int processed = 0;
		for (Map.Entry<String, JsonNode> partition : event.path("records").properties()) {
			for (JsonNode record : partition.getValue()) {
				// Read as text: a field of an unexpected type still names the record.
				String where = record.path("topic").asString("") + "-" + record.path("partition").asString("") + "@"
						+ record.path("offset").asString("");
				try {
					Map<String, Object> headers = new HashMap<>();
					Map<String, String> trace = new HashMap<>();
					for (JsonNode header : record.path("headers")) {
						header.properties().forEach((entry) -> {
							byte[] value = bytes(entry.getValue());
							if (isRecordHeader(entry.getKey())) {
								headers.put(entry.getKey(), value);
							}
							trace.put(entry.getKey().toLowerCase(Locale.ROOT),
									new String(value, StandardCharsets.UTF_8));
						});
					}
					if (record.path("key").isString()) {
						headers.put(KEY_HEADER, EventFields.decode(record.path("key").asString()));
					}
					if (!record.path("value").isString()) {
						throw new InvalidInputException("", "A payload is required");
					}
					byte[] value = EventFields.decode(record.path("value").asString());
					// As on the Kafka transport: JSON unless the record declares text.
					context.invoke(function, EventFields.payload(value, trace.get(CONTENT_TYPE_HEADER)), headers, trace,
							Span.Kind.CONSUMER);
					processed++;
				}
				catch (RuntimeException ex) {
					throw context.functionError(ex, context.defaultDefinition(), where);
				}
			}
		}
		return this.mapper.writeValueAsBytes(Map.of("processed", processed));
	}

	/**
	 * Whether a record header may reach the function's message. Spring Kafka's own
	 * headers ({@code kafka_*}) and fnbridge's transport header are the framework's, not
	 * the producer's: a producer naming one would have the invocation taken for a Kafka
	 * binding's (read and counted again), as the Kafka transport refuses them too.
	 */
	private static boolean isRecordHeader(String name) {
		return !name.startsWith("kafka_") && !name.equals(TransportFunctionWrapper.TRANSPORT_HEADER);
	}

	/**
	 * A header value as Lambda gives it: an array of bytes, unsigned or signed.
	 * @throws InvalidInputException if it is anything else
	 */
	private static byte[] bytes(JsonNode array) {
		if (!array.isArray()) {
			throw new InvalidInputException("", NOT_BYTES);
		}
		byte[] bytes = new byte[array.size()];
		for (int i = 0; i < bytes.length; i++) {
			JsonNode element = array.get(i);
			if (!element.isIntegralNumber() || !element.canConvertToInt() || element.intValue() < Byte.MIN_VALUE
					|| element.intValue() > 0xFF) {
				throw new InvalidInputException("", NOT_BYTES);
			}
			bytes[i] = (byte) element.intValue();
		}
		return bytes;
	}

}

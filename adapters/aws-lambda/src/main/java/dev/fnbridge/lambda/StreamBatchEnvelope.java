package dev.fnbridge.lambda;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.fnbridge.core.invocation.Payload;
import dev.fnbridge.core.invocation.ResolvedFunction;
import io.micrometer.tracing.Span;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * A stream batch (a Kinesis or DynamoDB stream shard), in order. At the first failed
 * record, its sequence number is reported as the one {@code batchItemFailures} entry and
 * the rest of the batch is left alone: Lambda resumes the shard from the lowest failed
 * sequence number, so processing the later records now would run them twice.
 */
abstract class StreamBatchEnvelope implements LambdaEnvelope {

	private final ObjectMapper mapper;

	private final String source;

	/**
	 * Creates the envelope.
	 * @param mapper writes the response
	 * @param source the records' {@code eventSource}
	 */
	StreamBatchEnvelope(ObjectMapper mapper, String source) {
		this.mapper = mapper;
		this.source = source;
	}

	@Override
	public boolean accepts(JsonNode event) {
		return EventFields.isRecordsOf(event, this.source);
	}

	@Override
	public byte[] handle(JsonNode event, byte[] eventBytes, InvocationContext context) {
		ResolvedFunction function = context.defaultFunction();
		List<Map<String, String>> failures = new ArrayList<>();
		for (JsonNode record : event.path("Records")) {
			try {
				byte[] input = payload(record);
				if (input != null) {
					context.invoke(function, Payload.json(input), Map.of(), Map.of(), Span.Kind.CONSUMER);
				}
			}
			catch (RuntimeException ex) {
				context.classify(ex, context.defaultDefinition());
				// Without a sequence number Lambda fails the whole batch: nothing is
				// lost.
				failures.add(Map.of("itemIdentifier", sequenceNumber(record)));
				break;
			}
		}
		return this.mapper.writeValueAsBytes(Map.of("batchItemFailures", failures));
	}

	/**
	 * The function's input from a record.
	 * @param record the record
	 * @return the JSON input, or {@code null} to pass the record by
	 * @throws RuntimeException if the record carries no valid input
	 */
	abstract byte[] payload(JsonNode record);

	/**
	 * A record's sequence number.
	 * @param record the record
	 * @return the sequence number, empty if it has none
	 */
	abstract String sequenceNumber(JsonNode record);

	/**
	 * The mapper, for writing a record's input.
	 * @return the mapper
	 */
	final ObjectMapper mapper() {
		return this.mapper;
	}

}

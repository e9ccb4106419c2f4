package dev.fnbridge.lambda;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.fnbridge.core.invocation.Payload;
import dev.fnbridge.core.invocation.ResolvedFunction;
import io.micrometer.tracing.Span;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * SQS: each message body is one invocation of the configured function, in its sender's
 * trace (message attributes); failed messages are reported as {@code batchItemFailures},
 * so only they are retried (with {@code ReportBatchItemFailures} on the event source
 * mapping).
 */
final class SqsEnvelope implements LambdaEnvelope {

	private final ObjectMapper mapper;

	SqsEnvelope(ObjectMapper mapper) {
		this.mapper = mapper;
	}

	@Override
	public boolean accepts(JsonNode event) {
		return EventFields.isRecordsOf(event, "aws:sqs");
	}

	@Override
	public byte[] handle(JsonNode event, byte[] eventBytes, InvocationContext context) {
		ResolvedFunction function = context.defaultFunction();
		List<Map<String, String>> failures = new ArrayList<>();
		for (JsonNode record : event.path("Records")) {
			String id = record.path("messageId").asString("");
			try {
				byte[] body = record.path("body").asString("").getBytes(StandardCharsets.UTF_8);
				context.invoke(function, Payload.json(body), Map.of(),
						EventFields.traceCarrier(record.path("messageAttributes"), "stringValue"), Span.Kind.CONSUMER);
			}
			catch (RuntimeException ex) {
				context.classify(ex, context.defaultDefinition());
				failures.add(Map.of("itemIdentifier", id));
			}
		}
		return this.mapper.writeValueAsBytes(Map.of("batchItemFailures", failures));
	}

}

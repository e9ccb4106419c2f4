package dev.fnbridge.lambda;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import dev.fnbridge.core.error.InvalidInputException;
import dev.fnbridge.core.invocation.ResolvedFunction;
import io.micrometer.tracing.Span;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * SNS: each message is one invocation, in its publisher's trace (message attributes),
 * read as JSON unless a {@code contentType} attribute declares {@code text/plain}; a
 * failure is a function error naming the message id, so Lambda retries the asynchronous
 * invocation and then uses its on-failure destination or dead-letter queue. The answer is
 * {@code {"processed": n}}.
 */
final class SnsEnvelope implements LambdaEnvelope {

	private final ObjectMapper mapper;

	SnsEnvelope(ObjectMapper mapper) {
		this.mapper = mapper;
	}

	@Override
	public boolean accepts(JsonNode event) {
		return EventFields.isRecordsOf(event, "aws:sns");
	}

	@Override
	public byte[] handle(JsonNode event, byte[] eventBytes, InvocationContext context) {
		ResolvedFunction function = context.defaultFunction();
		int processed = 0;
		for (JsonNode record : event.path("Records")) {
			JsonNode sns = record.path("Sns");
			try {
				if (!sns.path("Message").isString()) {
					throw new InvalidInputException("", "A payload is required");
				}
				JsonNode attributes = sns.path("MessageAttributes");
				context.invoke(function,
						EventFields.payload(sns.path("Message").asString().getBytes(StandardCharsets.UTF_8),
								EventFields.contentType(attributes, "Value")),
						Map.of(), EventFields.traceCarrier(attributes, "Value"), Span.Kind.CONSUMER);
				processed++;
			}
			catch (RuntimeException ex) {
				String id = sns.path("MessageId").asString("");
				throw context.functionError(ex, context.defaultDefinition(), id.isEmpty() ? null : id);
			}
		}
		return this.mapper.writeValueAsBytes(Map.of("processed", processed));
	}

}

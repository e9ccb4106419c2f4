package dev.fnbridge.lambda;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.fnbridge.core.invocation.ResolvedFunction;
import io.micrometer.tracing.Span;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * SQS: each message body is one invocation of the configured function, in its sender's
 * trace (message attributes), read as JSON unless a {@code contentType} attribute
 * declares {@code text/plain}; an SNS notification SNS delivered to the queue (without
 * raw message delivery) is unwrapped, as the SNS envelope does, so the function gets the
 * published message. Failed messages are reported as {@code batchItemFailures}, so only
 * they are retried (with {@code ReportBatchItemFailures} on the event source mapping). On
 * a FIFO queue the messages after a failed one in its message group are reported with it
 * without being invoked, so the group's order holds when they are delivered again.
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
		Set<String> failedGroups = new HashSet<>();
		for (JsonNode record : event.path("Records")) {
			String id = record.path("messageId").asString("");
			String group = record.path("attributes").path("MessageGroupId").asString("");
			if (!group.isEmpty() && failedGroups.contains(group)) {
				failures.add(Map.of("itemIdentifier", id));
				continue;
			}
			try {
				String body = record.path("body").asString("");
				JsonNode attributes = record.path("messageAttributes");
				String valueField = "stringValue";
				JsonNode notification = notification(body);
				if (notification != null) {
					body = notification.path("Message").asString();
					attributes = notification.path("MessageAttributes");
					valueField = "Value";
				}
				context.invoke(function,
						EventFields.payload(body.getBytes(StandardCharsets.UTF_8),
								EventFields.contentType(attributes, valueField)),
						Map.of(), EventFields.traceCarrier(attributes, valueField), Span.Kind.CONSUMER);
			}
			catch (RuntimeException ex) {
				context.classify(ex, context.defaultDefinition());
				failures.add(Map.of("itemIdentifier", id));
				if (!group.isEmpty()) {
					failedGroups.add(group);
				}
			}
		}
		return this.mapper.writeValueAsBytes(Map.of("batchItemFailures", failures));
	}

	/**
	 * The SNS notification a body is, when SNS delivered it to the queue without raw
	 * message delivery: {@code Type} {@code Notification}, an SNS {@code TopicArn} and a
	 * text {@code Message}.
	 * @param body the message body
	 * @return the notification, or {@code null} if the body is none
	 */
	private JsonNode notification(String body) {
		// Only bodies that can be one are parsed twice.
		if (!body.contains("\"TopicArn\"") || !body.stripLeading().startsWith("{")) {
			return null;
		}
		try {
			JsonNode tree = this.mapper.readTree(body);
			boolean notification = tree.path("Type").asString("").equals("Notification")
					&& tree.path("TopicArn").asString("").contains(":sns:") && tree.path("Message").isString();
			return notification ? tree : null;
		}
		catch (JacksonException ex) {
			// Not JSON: the function reads it, and refuses it, as any other body.
			return null;
		}
	}

}

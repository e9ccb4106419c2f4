package dev.fnbridge.lambda;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * {@link SqsEnvelope} in-process: one invocation per message, failures reported as
 * {@code batchItemFailures}.
 */
class SqsEnvelopeTests extends EnvelopeTestSupport {

	private SqsEnvelope envelope;

	@BeforeEach
	void createEnvelope() {
		this.envelope = new SqsEnvelope(this.mapper);
	}

	@Test
	void acceptsSqsBatchesOnly() {
		assertThat(this.envelope.accepts(this.mapper.readTree(event("sqs-readings.json")))).isTrue();
		assertThat(this.envelope.accepts(this.mapper.readTree(event("kinesis-readings.json")))).isFalse();
		assertThat(this.envelope.accepts(this.mapper.readTree(event("sns-reading.json")))).isFalse();
	}

	@Test
	void reportsOnlyTheFailedMessagesAsBatchItemFailures() {
		JsonNode response = handle(this.envelope, "sqs-readings.json", context("validateReading"));

		assertThat(response.path("batchItemFailures").findValuesAsString("itemIdentifier"))
			.containsExactly("2e1424d4-f796-459a-8184-9c92662be6da", "4b1c2a9e-1111-4c3b-9d51-8e2f00000003");
		// The malformed body never reaches the function; the messages after it do.
		assertThat(this.received.inputs).extracting("type").containsExactly("temperature", "humidity", "co2");
	}

	@Test
	void countsEveryMessageWithItsOutcome() {
		handle(this.envelope, "sqs-readings.json", context("validateReading"));

		assertThat(this.invocations.outcomes).containsExactly("validateReading success", "validateReading client_error",
				"validateReading client_error", "validateReading success");
	}

	@Test
	void reportsAMessageWithoutBodyAsAFailure() {
		byte[] event = bytes("{\"Records\":[{\"messageId\":\"no-body\",\"eventSource\":\"aws:sqs\"},"
				+ "{\"messageId\":\"ok\",\"eventSource\":\"aws:sqs\",\"body\":\"{\\\"name\\\":\\\"Ada\\\"}\"}]}");

		JsonNode response = handle(this.envelope, event, context("hello"));

		assertThat(response.path("batchItemFailures").findValuesAsString("itemIdentifier")).containsExactly("no-body");
	}

	@Test
	void continuesEachMessagesTraceFromItsAttributes() {
		byte[] event = bytes(text("sqs-readings.json").replaceFirst("\"messageAttributes\": \\{\\}",
				"\"messageAttributes\": {\"Traceparent\": {\"stringValue\": \"00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01\", \"dataType\": \"String\"}}"));

		handle(this.envelope, event, tracedContext("validateReading"));

		assertThat(this.tracedParents).first().isEqualTo("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01");
	}

	@Test
	void refusesABatchWhenNoFunctionIsConfigured() {
		assertThatExceptionOfType(LambdaFunctionError.FunctionNotFound.class)
			.isThrownBy(() -> handle(this.envelope, "sqs-readings.json", context(null)))
			.withMessageContaining("SPRING_CLOUD_FUNCTION_DEFINITION")
			.withMessageContaining("validateReading");
		assertThat(this.received.inputs).isEmpty();
	}

	@Test
	void reportsTheMessagesAfterAFailedOneInItsFifoGroupWithoutInvokingThem() {
		JsonNode response = handle(this.envelope, "sqs-fifo-readings.json", context("validateReading"));

		// sensor-1's third message waits for the second, retried; sensor-2's group runs.
		assertThat(response.path("batchItemFailures").findValuesAsString("itemIdentifier"))
			.containsExactly("11111111-0000-4000-8000-000000000002", "11111111-0000-4000-8000-000000000003");
		assertThat(this.received.inputs).extracting("deviceId", "value")
			.containsExactly(org.assertj.core.groups.Tuple.tuple("sensor-1", 21.0),
					org.assertj.core.groups.Tuple.tuple("sensor-1", 140.0),
					org.assertj.core.groups.Tuple.tuple("sensor-2", 400.0));
	}

	@Test
	void readsABodyDeclaredTextPlainAsTextAndReportsTheBodiesThatAreNotJson() {
		JsonNode response = handle(this.envelope, "sqs-text-bodies.json", context("shout"));

		assertThat(this.received.inputs).containsExactly("hello again");
		assertThat(response.path("batchItemFailures").findValuesAsString("itemIdentifier"))
			.containsExactly("22222222-0000-4000-8000-000000000001", "22222222-0000-4000-8000-000000000003");
	}

	@Test
	void passesTheMessageOfAnSnsNotificationDeliveredToTheQueue() {
		JsonNode response = handle(this.envelope, "sqs-sns-notifications.json", context("validateReading"));

		assertThat(this.received.inputs).extracting("deviceId", "type")
			.containsExactly(org.assertj.core.groups.Tuple.tuple("sensor-1", "humidity"),
					org.assertj.core.groups.Tuple.tuple("sensor-2", "temperature"));
		assertThat(response.path("batchItemFailures").findValuesAsString("itemIdentifier"))
			.containsExactly("33333333-0000-4000-8000-000000000001");
	}

	@Test
	void continuesThePublishersTraceOfAnSnsNotificationDeliveredToTheQueue() {
		handle(this.envelope, "sqs-sns-notifications.json", tracedContext("validateReading"));

		assertThat(this.tracedParents).first().isEqualTo("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01");
	}

	@Test
	void passesABodyThatOnlyMentionsATopicAsItIs() {
		byte[] event = bytes(text("sqs-readings.json").replace("\\\"deviceId\\\": \\\"sensor-2\\\"",
				"\\\"TopicArn\\\": \\\"arn:aws:sns:us-east-1:1:t\\\", \\\"deviceId\\\": \\\"sensor-2\\\""));

		handle(this.envelope, event, context("validateReading"));

		assertThat(this.received.inputs).extracting("type").contains("co2");
	}

}

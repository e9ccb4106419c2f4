package dev.fnbridge.lambda;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * {@link SnsEnvelope} in-process: each message one invocation in its publisher's trace, a
 * failure a function error naming the message.
 */
class SnsEnvelopeTests extends EnvelopeTestSupport {

	private SnsEnvelope envelope;

	@BeforeEach
	void createEnvelope() {
		this.envelope = new SnsEnvelope(this.mapper);
	}

	@Test
	void acceptsSnsNotificationsOnly() {
		assertThat(this.envelope.accepts(this.mapper.readTree(event("sns-reading.json")))).isTrue();
		assertThat(this.envelope.accepts(this.mapper.readTree(event("sqs-readings.json")))).isFalse();
	}

	@Test
	void invokesTheFunctionWithTheMessageInItsPublishersTrace() {
		assertThat(
				handle(this.envelope, "sns-reading.json", tracedContext("validateReading")).path("processed").asInt())
			.isEqualTo(1);

		assertThat(this.received.inputs).extracting("deviceId").containsExactly("sensor-1");
		assertThat(this.tracedParents).containsExactly("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01");
	}

	@Test
	void failsNamingTheMessage() {
		assertThatExceptionOfType(LambdaFunctionError.InvalidInput.class)
			.isThrownBy(() -> handle(this.envelope, "sns-reading-invalid.json", context("validateReading")))
			.withMessageStartingWith("c2a1f0e3-7d7b-5c55-9a1e-1a2b3c4d5e6f: value: out of physical range");
	}

	@Test
	void failsAMessageThatIsNotText() {
		byte[] event = bytes("{\"Records\":[{\"EventSource\":\"aws:sns\",\"Sns\":{\"MessageId\":\"sns-1\","
				+ "\"Message\":{\"name\":1}}}]}");

		assertThatExceptionOfType(LambdaFunctionError.InvalidInput.class)
			.isThrownBy(() -> handle(this.envelope, event, context("hello")))
			.withMessage("sns-1: A payload is required");
	}

	@Test
	void readsAMessageDeclaredTextPlainAsTextForAFunctionTakingText() {
		assertThat(handle(this.envelope, "sns-text-with-attributes.json", context("shout")).path("processed").asInt())
			.isEqualTo(1);
		assertThat(this.received.inputs).containsExactly("hello world");
	}

}

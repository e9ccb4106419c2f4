package dev.fnbridge.lambda;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/** {@link EventBridgeEnvelope} in-process: the detail is the input. */
class EventBridgeEnvelopeTests extends EnvelopeTestSupport {

	private EventBridgeEnvelope envelope;

	@BeforeEach
	void createEnvelope() {
		this.envelope = new EventBridgeEnvelope(this.mapper);
	}

	@Test
	void acceptsEventsWithDetailTypeAndDetailOnly() {
		assertThat(this.envelope.accepts(this.mapper.readTree(event("eventbridge-reading.json")))).isTrue();
		assertThat(this.envelope.accepts(this.mapper.readTree("{\"detail\":{}}"))).isFalse();
		assertThat(this.envelope.accepts(this.mapper.readTree(event("direct-hello.json")))).isFalse();
	}

	@Test
	void takesTheDetailAsTheInputAndAnswersTheResult() {
		JsonNode event = this.mapper.readTree(event("eventbridge-reading.json"));

		assertThat(handle(this.envelope, "eventbridge-reading.json", context("echo"))).isEqualTo(event.get("detail"));
	}

	@Test
	void readsTheDetailAsTheFunctionsInput() {
		handle(this.envelope, "eventbridge-reading.json", context("validateReading"));

		assertThat(this.received.inputs).extracting("deviceId", "type")
			.containsExactly(org.assertj.core.groups.Tuple.tuple("sensor-1", "temperature"));
	}

	@Test
	void invokesASupplierOnAScheduledEventWithAnEmptyDetail() {
		assertThat(handle(this.envelope, "eventbridge-scheduled.json", context("greeting")).asString()).isEqualTo("Hi");
	}

	@Test
	void passesTheEmptyDetailOfAScheduledEvent() {
		handle(this.envelope, "eventbridge-scheduled.json", context("echo"));

		assertThat(this.received.inputs).containsExactly(java.util.Map.of());
	}

}

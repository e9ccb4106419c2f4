package dev.fnbridge.lambda;

import dev.fnbridge.core.error.InvalidInputException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * {@link KinesisEnvelope} in-process: records in shard order, the batch stopped at its
 * first failure.
 */
class KinesisEnvelopeTests extends EnvelopeTestSupport {

	private KinesisEnvelope envelope;

	@BeforeEach
	void createEnvelope() {
		this.envelope = new KinesisEnvelope(this.mapper);
	}

	@Test
	void acceptsKinesisBatchesOnly() {
		assertThat(this.envelope.accepts(this.mapper.readTree(event("kinesis-readings.json")))).isTrue();
		assertThat(this.envelope.accepts(this.mapper.readTree(event("dynamodb-readings.json")))).isFalse();
	}

	@Test
	void processesEveryRecordInOrder() {
		JsonNode response = handle(this.envelope, "kinesis-readings.json", context("validateReading"));

		assertThat(response.path("batchItemFailures").isEmpty()).isTrue();
		assertThat(this.received.inputs).extracting("value").containsExactly(75.0, 21.0);
	}

	@Test
	void stopsAtThePoisonRecordAndReportsItsSequenceNumber() {
		JsonNode response = handle(this.envelope, "kinesis-readings-poison.json", context("validateReading"));

		assertThat(response.path("batchItemFailures").findValuesAsString("itemIdentifier"))
			.containsExactly("49590338271490256608559692540925702759324208523137515522");
		// Lambda retries the shard from the failed record: the one after it must not run
		// now as well.
		assertThat(this.received.inputs).extracting("type").containsExactly("temperature", "humidity");
	}

	@Test
	void reportsARecordWhoseDataIsNotBase64() {
		byte[] event = bytes(
				text("kinesis-readings.json").replaceFirst("\"data\": \"[^\"]+\"", "\"data\": \"%%%not-base64%%%\""));

		JsonNode response = handle(this.envelope, event, context("validateReading"));

		assertThat(response.path("batchItemFailures").findValuesAsString("itemIdentifier"))
			.containsExactly("49590338271490256608559692538361571095921575989136588801");
		assertThat(this.received.inputs).isEmpty();
	}

	@Test
	void stopsAtARecordWhoseDataIsNotJsonAndReportsItsSequenceNumber() {
		JsonNode response = handle(this.envelope, "kinesis-text-data.json", context("validateReading"));

		assertThat(response.path("batchItemFailures").findValuesAsString("itemIdentifier"))
			.containsExactly("49590338271490256608559692538361571095921575989136588802");
		assertThat(this.received.inputs).extracting("value").containsExactly(21.0);
		assertThat(this.invocations.outcomes).containsExactly("validateReading success",
				"validateReading client_error");
	}

	@Test
	void reportsAKplAggregatedRecordWithoutInvokingTheFunction() {
		JsonNode response = handle(this.envelope, "kinesis-aggregated.json", context("validateReading"));

		assertThat(response.path("batchItemFailures").findValuesAsString("itemIdentifier"))
			.containsExactly("49590338271490256608559692538361571095921575989136588901");
		assertThat(this.invocations.outcomes).isEmpty();
	}

	@Test
	void refusesAKplAggregatedRecordAsSuch() {
		JsonNode record = this.mapper.readTree(event("kinesis-aggregated.json")).path("Records").get(0);

		assertThatExceptionOfType(InvalidInputException.class).isThrownBy(() -> this.envelope.payload(record))
			.withMessageContaining("KPL aggregate");
	}

}

package dev.fnbridge.lambda;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link DynamoDbEnvelope} in-process: inserted and modified items as plain JSON, in
 * shard order, removals passed by, the batch stopped at its first failure.
 */
class DynamoDbEnvelopeTests extends EnvelopeTestSupport {

	private DynamoDbEnvelope envelope;

	@BeforeEach
	void createEnvelope() {
		this.envelope = new DynamoDbEnvelope(this.mapper);
	}

	@Test
	void acceptsDynamoDbStreamBatchesOnly() {
		assertThat(this.envelope.accepts(this.mapper.readTree(event("dynamodb-readings.json")))).isTrue();
		assertThat(this.envelope.accepts(this.mapper.readTree(event("kinesis-readings.json")))).isFalse();
	}

	@Test
	void passesEachInsertedOrModifiedItemAsPlainJsonAndNoRemovals() {
		JsonNode response = handle(this.envelope, "dynamodb-readings.json", context("validateReading"));

		assertThat(response.path("batchItemFailures").isEmpty()).isTrue();
		assertThat(this.received.inputs).extracting("deviceId", "value")
			.containsExactly(org.assertj.core.groups.Tuple.tuple("sensor-1", 75.0),
					org.assertj.core.groups.Tuple.tuple("sensor-1", 21.5));
	}

	@Test
	void stopsAtThePoisonItemAndReportsItsSequenceNumber() {
		JsonNode response = handle(this.envelope, "dynamodb-readings-poison.json", context("validateReading"));

		assertThat(response.path("batchItemFailures").findValuesAsString("itemIdentifier"))
			.containsExactly("111000000000000000000003");
		assertThat(this.received.inputs).extracting("type").containsExactly("temperature", "humidity");
	}

	@Test
	void reportsARecordWithoutANewImage() {
		byte[] event = bytes(text("dynamodb-readings.json").replaceFirst("\"NewImage\"", "\"Image\""));

		JsonNode response = handle(this.envelope, event, context("validateReading"));

		assertThat(response.path("batchItemFailures").findValuesAsString("itemIdentifier"))
			.containsExactly("222000000000000000000001");
		assertThat(this.received.inputs).isEmpty();
	}

	@Test
	void passesEveryTypedAttributeAsPlainJsonAndRemovalsBy() {
		JsonNode response = handle(this.envelope, "dynamodb-typed-and-removes.json", context("echo"));

		assertThat(response.path("batchItemFailures").isEmpty()).isTrue();
		assertThat(this.received.inputs).hasSize(2);
		JsonNode item = this.mapper.valueToTree(this.received.inputs.get(0));
		assertThat(item.path("firmware").asString()).isEqualTo("AQID");
		assertThat(item.path("tags").toString()).isEqualTo("[\"indoor\",\"lab\"]");
		assertThat(item.path("blobs").toString()).isEqualTo("[\"AA==\",\"/w==\"]");
		assertThat(item.path("active").booleanValue()).isTrue();
		assertThat(item.path("retired").isNull()).isTrue();
		assertThat(item.path("location").path("room").asString()).isEqualTo("B-12");
		assertThat(item.path("history").toString()).isEqualTo("[1,\"two\",[false]]");
		assertThat(this.mapper.valueToTree(this.received.inputs.get(1)).path("name").asString()).isEqualTo("new");
	}

	@Test
	void keepsA38DigitNumberExact() {
		JsonNode record = this.mapper.readTree(event("dynamodb-typed-and-removes.json")).path("Records").get(1);

		assertThat(this.mapper.readTree(this.envelope.payload(record)).path("thresholds").get(2).decimalValue())
			.isEqualByComparingTo("12345678901234567890123456789012345678");
	}

	@Test
	void answersABatchOfKeysOnlyRemovalsWithoutInvokingTheFunction() {
		JsonNode response = handle(this.envelope, "dynamodb-keys-only-removes.json", context("echo"));

		assertThat(response.path("batchItemFailures").isEmpty()).isTrue();
		assertThat(this.invocations.outcomes).isEmpty();
	}

}

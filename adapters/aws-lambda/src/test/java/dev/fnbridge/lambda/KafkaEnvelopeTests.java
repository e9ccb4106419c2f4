package dev.fnbridge.lambda;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * {@link KafkaEnvelope} in-process: MSK and self-managed Kafka records in order, the
 * first failure a function error naming topic, partition and offset.
 */
class KafkaEnvelopeTests extends EnvelopeTestSupport {

	private KafkaEnvelope envelope;

	@BeforeEach
	void createEnvelope() {
		this.envelope = new KafkaEnvelope(this.mapper);
	}

	@Test
	void acceptsMskAndSelfManagedKafkaEventsOnly() {
		assertThat(this.envelope.accepts(this.mapper.readTree(event("msk-readings.json")))).isTrue();
		assertThat(this.envelope.accepts(this.mapper.readTree(event("self-managed-kafka-readings.json")))).isTrue();
		assertThat(this.envelope.accepts(this.mapper.readTree(event("mq-unsupported.json")))).isFalse();
	}

	@Test
	void processesEveryMskRecordInPartitionOrder() {
		assertThat(handle(this.envelope, "msk-readings.json", context("validateReading")).path("processed").asInt())
			.isEqualTo(3);
		assertThat(this.received.inputs).extracting("value").containsExactly(75.0, 21.0, 2500.0);
	}

	@Test
	void failsAtThePoisonRecordNamingItsTopicPartitionAndOffset() {
		assertThatExceptionOfType(LambdaFunctionError.InvalidInput.class)
			.isThrownBy(() -> handle(this.envelope, "msk-readings-poison.json", context("validateReading")))
			.withMessageStartingWith("telemetry.readings-1@4: value: out of physical range");
	}

	@Test
	void processesSelfManagedKafkaRecords() {
		assertThat(
				handle(this.envelope, "self-managed-kafka-readings.json", context("validateReading")).path("processed")
					.asInt())
			.isEqualTo(1);
		assertThat(this.received.inputs).extracting("deviceId").containsExactly("greenhouse-7");
	}

	@Test
	void continuesEachRecordsTraceFromItsHeaders() {
		handle(this.envelope, "msk-readings.json", tracedContext("validateReading"));

		assertThat(this.tracedParents).first().isEqualTo("00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01");
	}

	@Test
	void passesTheKeyAndRecordHeadersToAFunctionTakingAMessage() {
		handle(this.envelope, "msk-readings.json", context("readingMessage"));

		Map<String, Object> headers = this.received.headers.get(0);
		assertThat(new String((byte[]) headers.get("kafka_receivedMessageKey"), StandardCharsets.UTF_8))
			.isEqualTo("sensor-1");
		assertThat(new String((byte[]) headers.get("traceparent"), StandardCharsets.UTF_8))
			.isEqualTo("00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01");
	}

	@Test
	void keepsRecordHeadersNamedLikeFrameworkHeadersFromTheFunction() {
		// "kafka" as the value of Spring Kafka's topic header and of fnbridge's
		// transport header.
		String forged = "{\"kafka_receivedTopic\": [107, 97, 102, 107, 97]}, {\"fnbridge_transport\": [107, 97, 102, 107, 97]}, "
				+ "{\"kafka_receivedMessageKey\": [102]}, ";
		byte[] event = bytes(text("msk-readings.json").replaceFirst("\"headers\": \\[", "\"headers\": [" + forged));

		assertThat(handle(this.envelope, event, context("readingMessage")).path("processed").asInt()).isEqualTo(3);

		Map<String, Object> headers = this.received.headers.get(0);
		assertThat(headers).doesNotContainKeys("kafka_receivedTopic", "fnbridge_transport");
		assertThat(new String((byte[]) headers.get("kafka_receivedMessageKey"), StandardCharsets.UTF_8))
			.isEqualTo("sensor-1");
		assertThat(this.invocations.outcomes).as("each record read and counted once")
			.containsExactly("readingMessage success", "readingMessage success", "readingMessage success");
	}

	@Test
	void failsAtATombstoneNamingItsOffsetAfterTheRecordsBeforeIt() {
		assertThatExceptionOfType(LambdaFunctionError.InvalidInput.class)
			.isThrownBy(() -> handle(this.envelope, "msk-tombstone.json", context("readingMessage")))
			.withMessage("telemetry.readings-0@21: A payload is required");
		assertThat(this.received.inputs).extracting("value").containsExactly(21.0);
		assertThat(this.received.headers.get(0).get("kafka_receivedMessageKey"))
			.isEqualTo("sensor-1".getBytes(StandardCharsets.UTF_8));
	}

	@Test
	void readsAValueDeclaredTextPlainAsTextAsTheKafkaTransportDoes() {
		assertThat(handle(this.envelope, "self-managed-kafka-text.json", context("shout")).path("processed").asInt())
			.isEqualTo(1);
		assertThat(this.received.inputs).containsExactly("hello world");
	}

	@Test
	void refusesARecordWhoseHeaderIsNotBytesNamingTheRecordWithoutJavaNames() {
		assertThatExceptionOfType(LambdaFunctionError.InvalidInput.class)
			.isThrownBy(() -> handle(this.envelope, "msk-malformed-record.json", context("hello")))
			.withMessage("telemetry.readings-zero@30: A record header is not an array of bytes");
		assertThat(this.invocations.outcomes).isEmpty();
	}

}

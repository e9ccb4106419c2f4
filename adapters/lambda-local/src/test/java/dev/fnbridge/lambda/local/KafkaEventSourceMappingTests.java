package dev.fnbridge.lambda.local;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

import com.jayway.jsonpath.JsonPath;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class KafkaEventSourceMappingTests {

	@Test
	void writesABatchAsTheMskEventLambdaSends() {
		String event = event(false,
				record("telemetry.readings", 2, 41, "sensör-1", "{\"v\":1}", "traceparent", "00-ab"),
				record("telemetry.readings", 2, 42, null, "{\"v\":2}", "x-bin", "\u00ff"));

		assertThat((String) JsonPath.read(event, "$.eventSource")).isEqualTo("aws:kafka");
		assertThat((String) JsonPath.read(event, "$.eventSourceArn")).startsWith("arn:aws:kafka:");
		assertThat((String) JsonPath.read(event, "$.bootstrapServers")).isEqualTo("127.0.0.1:1");
		String first = "$.records['telemetry.readings-2'][0]";
		assertThat((Integer) JsonPath.read(event, first + ".offset")).isEqualTo(41);
		assertThat((String) JsonPath.read(event, first + ".timestampType")).isEqualTo("CREATE_TIME");
		assertThat(decode(JsonPath.read(event, first + ".key"))).isEqualTo("sensör-1");
		assertThat(decode(JsonPath.read(event, first + ".value"))).isEqualTo("{\"v\":1}");
		assertThat((List<Integer>) JsonPath.read(event, first + ".headers[0].traceparent")).containsExactly(48, 48, 45,
				97, 98);
		String second = "$.records['telemetry.readings-2'][1]";
		assertThat((java.util.Map<String, Object>) JsonPath.read(event, second)).as("a record without key")
			.doesNotContainKey("key");
		// Java's signed bytes, as AWS's own event classes read them.
		assertThat((List<Integer>) JsonPath.read(event, second + ".headers[0].x-bin")).containsExactly(-61, -65);
	}

	@Test
	void writesTheSelfManagedKafkaShapeWithoutAnArn() {
		String event = event(true, record("t", 0, 1, "k", "1", "h", "v"));

		assertThat((String) JsonPath.read(event, "$.eventSource")).isEqualTo("SelfManagedKafka");
		assertThat(event).doesNotContain("eventSourceArn");
	}

	@Test
	void refusesAnOnFailureTopicThatIsASourceTopic() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new KafkaEventSourceMapping.Settings("127.0.0.1:1", List.of("readings"), "g", 100,
					java.time.Duration.ofMillis(500), -1, false, null, "readings", true, false))
			.withMessageContaining("cannot be a source topic");
	}

	private static String event(boolean selfManaged, ConsumerRecord<byte[], byte[]>... records) {
		KafkaEventSourceMapping.Settings defaults = KafkaEventSourceMapping.Settings.defaults("127.0.0.1:1",
				List.of("telemetry.readings"));
		KafkaEventSourceMapping.Settings settings = new KafkaEventSourceMapping.Settings(defaults.bootstrapServers(),
				defaults.topics(), defaults.groupId(), defaults.batchSize(), defaults.batchWindow(),
				defaults.maximumRetryAttempts(), false, null, null, true, selfManaged);
		try (KafkaEventSourceMapping mapping = new KafkaEventSourceMapping(null, settings)) {
			return mapping.event(List.of(records));
		}
	}

	private static ConsumerRecord<byte[], byte[]> record(String topic, int partition, long offset, String key,
			String value, String header, String headerValue) {
		RecordHeaders headers = new RecordHeaders();
		headers.add(header, headerValue.getBytes(StandardCharsets.UTF_8));
		return new ConsumerRecord<>(topic, partition, offset, 1_795_687_200_000L, TimestampType.CREATE_TIME, -1, -1,
				(key != null) ? key.getBytes(StandardCharsets.UTF_8) : null, value.getBytes(StandardCharsets.UTF_8),
				headers, Optional.empty());
	}

	private static String decode(String base64) {
		return new String(Base64.getDecoder().decode(base64), StandardCharsets.UTF_8);
	}

}

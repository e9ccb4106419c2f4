package dev.fnbridge.app.kafka;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import dev.fnbridge.core.error.TransientFailureException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.test.context.EmbeddedKafka;

import static dev.fnbridge.app.kafka.KafkaRecords.header;
import static dev.fnbridge.app.kafka.KafkaRecords.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The application's Kafka bindings against a real broker (an in-process KRaft broker):
 * every record goes in through a plain producer and comes out of a real topic.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE, properties = {
		"spring.kafka.bootstrap-servers=${spring.embedded.kafka.brokers}",
		"spring.cloud.function.definition=hello;validateReading|enrichReading|detectAnomaly;summarizeReadings;unreliable",
		"spring.cloud.stream.bindings.unreliable-in-0.destination=unreliable.in",
		"spring.cloud.stream.bindings.unreliable-in-0.group=fnbridge-unreliable",
		"spring.cloud.stream.bindings.unreliable-out-0.destination=unreliable.out",
		"fnbridge.kafka.retry.initial-interval=10ms", "fnbridge.kafka.retry.max-interval=50ms" })
@EmbeddedKafka(partitions = 3)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KafkaTransportIntegrationTests {

	@Value("${spring.embedded.kafka.brokers}")
	private String brokers;

	private KafkaRecords kafka;

	@BeforeAll
	void connect() {
		this.kafka = new KafkaRecords(this.brokers);
	}

	@AfterAll
	void disconnect() {
		this.kafka.close();
	}

	@Test
	void greetsFromTheRequestTopicKeepingTheRecordKey() {
		String name = "Ada-" + UUID.randomUUID();
		this.kafka.send("hello.requests", "user-7", "{\"name\":\"" + name + "\"}");

		ConsumerRecord<byte[], byte[]> greeting = this.kafka.readOne("hello.greetings", name);

		assertThat(text(greeting.value())).isEqualTo("\"Hello, " + name + "!\"");
		assertThat(text(greeting.key())).isEqualTo("user-7");
	}

	@Test
	void alertsOnTheAlertTopicKeyedByDeviceWhenNoKeyWasSent() {
		this.kafka.send("telemetry.readings", null, reading("sensor-2", 88.5));

		ConsumerRecord<byte[], byte[]> alert = this.kafka.readOne("telemetry.alerts", "88.5");

		assertThat(text(alert.key())).isEqualTo("sensor-2");
		assertThat(text(alert.value())).contains("\"condition\":\"above-max\"", "\"site\":\"plant-b\"");
	}

	@Test
	void keepsPerDeviceOrderAcrossPartitions() {
		List<String> devices = List.of("sensor-1", "sensor-2", "greenhouse-7");
		int perDevice = 15;
		for (int i = 0; i < perDevice; i++) {
			for (String device : devices) {
				// 1000 + i marks the order; every value crosses the 60 C threshold.
				this.kafka.send("telemetry.readings", device, reading(device, 1000.0 - 100 + i / 100.0 + 0.001));
			}
		}

		List<ConsumerRecord<byte[], byte[]>> alerts = this.kafka.readUntil("telemetry.alerts",
				(records) -> records.stream().filter((r) -> text(r.value()).contains("900.")).count() >= 45);

		Map<String, List<ConsumerRecord<byte[], byte[]>>> byDevice = alerts.stream()
			.filter((r) -> text(r.value()).contains("900."))
			.collect(Collectors.groupingBy((r) -> text(r.key())));
		assertThat(byDevice).containsOnlyKeys(devices);
		byDevice.forEach((device, records) -> {
			assertThat(records).hasSize(perDevice);
			assertThat(records).extracting(ConsumerRecord::partition).containsOnly(records.get(0).partition());
			List<Double> values = records.stream().map((r) -> value(text(r.value()))).toList();
			assertThat(values).isSorted();
		});
		assertThat(byDevice.values().stream().map((records) -> records.get(0).partition()).distinct().count())
			.as("devices spread over partitions")
			.isGreaterThan(1);
	}

	@Test
	void readsTheRequestPartitionsOnOneConsumerThreadPerCoreByDefaultEachPartitionOnOne() throws Exception {
		int expected = Math.min(Runtime.getRuntime().availableProcessors(), 3);
		try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, this.brokers))) {
			await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
				ConsumerGroupDescription group = admin.describeConsumerGroups(List.of("fnbridge-hello"))
					.describedGroups()
					.get("fnbridge-hello")
					.get();
				List<TopicPartition> assigned = group.members()
					.stream()
					.flatMap((member) -> member.assignment().topicPartitions().stream())
					.toList();
				assertThat(group.members()).as("consumers of hello.requests").hasSize(expected);
				assertThat(assigned).as("each partition read by exactly one consumer")
					.doesNotHaveDuplicates()
					.hasSize(3);
				// Static membership with several threads: each consumer has its own id.
				assertThat(group.members().stream().map((member) -> member.groupInstanceId().orElse("")).distinct())
					.hasSize(expected);
			});
		}
	}

	@Test
	void deadLettersAnInvalidReadingAtOnceWithItsReasonAndOriginalBytes() {
		String invalid = """
				{"deviceId":"sensor-1","type":"humidity","value":140,"unit":"%%","timestamp":"%s","marker":"%s"}"""
			.formatted(Instant.now().minusSeconds(5), UUID.randomUUID());

		this.kafka.send("telemetry.readings", "sensor-1", invalid);
		ConsumerRecord<byte[], byte[]> dead = this.kafka.readOne("telemetry.readings.dlq", invalid.substring(80));

		assertThat(text(dead.value())).isEqualTo(invalid);
		assertThat(text(dead.key())).isEqualTo("sensor-1");
		assertThat(header(dead, "fnbridge-error-category")).isEqualTo("invalid-input");
		assertThat(header(dead, "fnbridge-cause-class")).isEqualTo("dev.fnbridge.core.error.InvalidInputException");
		assertThat(header(dead, "fnbridge-cause-message")).startsWith("value: out of physical range for humidity");
		assertThat(header(dead, "fnbridge-attempts")).isEqualTo("1");
		assertThat(header(dead, "fnbridge-function")).isEqualTo("validateReading|enrichReading|detectAnomaly");
		assertThat(header(dead, "fnbridge-original-topic")).isEqualTo("telemetry.readings");
		assertThat(header(dead, "kafka_dlt-exception-stacktrace")).isNull();
	}

	@Test
	void deadLettersMalformedJsonAndCarriesOnWithTheNextRecord() {
		String marker = UUID.randomUUID().toString();
		this.kafka.send("hello.requests", "same-key", "{\"name\": \"" + marker);
		this.kafka.send("hello.requests", "same-key", "{\"name\":\"after-" + marker + "\"}");

		ConsumerRecord<byte[], byte[]> dead = this.kafka.readOne("hello.requests.dlq", marker);
		ConsumerRecord<byte[], byte[]> next = this.kafka.readOne("hello.greetings", "after-" + marker);

		assertThat(header(dead, "fnbridge-cause-message")).startsWith("Malformed JSON");
		assertThat(text(next.value())).isEqualTo("\"Hello, after-" + marker + "!\"");
	}

	@Test
	void deadLettersAJsonArraySentToAnObjectFunctionInsteadOfSplittingIt() {
		String marker = UUID.randomUUID().toString();
		this.kafka.send("hello.requests", null, "[{\"name\":\"" + marker + "\"},{\"name\":\"b\"}]");

		ConsumerRecord<byte[], byte[]> dead = this.kafka.readOne("hello.requests.dlq", marker);

		assertThat(header(dead, "fnbridge-cause-message")).isEqualTo("The input must be a JSON object");
	}

	@Test
	void retriesATransientFailureWithBackoffThenDeadLettersIt() {
		String marker = "fail-" + UUID.randomUUID();
		this.kafka.send("unreliable.in", null, "\"" + marker + "\"");

		ConsumerRecord<byte[], byte[]> dead = this.kafka.readOne("unreliable.in.dlq", marker);

		assertThat(header(dead, "fnbridge-error-category")).isEqualTo("transient-failure");
		assertThat(header(dead, "fnbridge-attempts")).isEqualTo("4");
		assertThat(header(dead, "fnbridge-cause-class")).isEqualTo(TransientFailureException.class.getName());
		assertThat(UnreliableFunction.calls.getOrDefault(marker, 0)).isEqualTo(4);
	}

	private static String reading(String device, double value) {
		return """
				{"deviceId":"%s","type":"temperature","value":%s,"unit":"C","timestamp":"%s"}""".formatted(device,
				value, Instant.now().minusSeconds(5));
	}

	private static double value(String alert) {
		int start = alert.indexOf("\"value\":") + 8;
		return Double.parseDouble(alert.substring(start, alert.indexOf(',', start)));
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class UnreliableFunction {

		static final Map<String, Integer> calls = new java.util.concurrent.ConcurrentHashMap<>();

		@Bean
		Function<String, String> unreliable() {
			return (input) -> {
				calls.merge(input, 1, Integer::sum);
				if (input.startsWith("fail-")) {
					throw new TransientFailureException("downstream unavailable", null);
				}
				return input;
			};
		}

	}

}

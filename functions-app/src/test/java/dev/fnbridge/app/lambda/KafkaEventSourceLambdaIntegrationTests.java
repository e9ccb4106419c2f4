package dev.fnbridge.app.lambda;

import dev.fnbridge.testkit.LambdaArtifact;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.fnbridge.lambda.local.KafkaEventSourceMapping;
import dev.fnbridge.lambda.local.LocalLambda;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The packaged zip behind the local Kafka event source mapping, as Lambda's MSK trigger
 * runs it: the telemetry pipeline reads {@code telemetry.readings} from a real broker in
 * batches, a poison record is isolated by bisection, retried, and ends on the on-failure
 * topic with the reason, and every offset is committed.
 */
@EmbeddedKafka(partitions = 1, topics = { KafkaEventSourceLambdaIntegrationTests.READINGS,
		KafkaEventSourceLambdaIntegrationTests.AGED, KafkaEventSourceLambdaIntegrationTests.FAILED })
class KafkaEventSourceLambdaIntegrationTests {

	static final String READINGS = "telemetry.readings";

	static final String FAILED = "telemetry.readings.failed";

	static final String AGED = "telemetry.readings.aged";

	private static final Map<String, String> TELEMETRY = Map.of("SPRING_CLOUD_FUNCTION_DEFINITION",
			"validateReading|enrichReading|detectAnomaly");

	@TempDir
	Path work;

	@Test
	void isolatesAPoisonReadingOnTheFailureTopicAndProcessesTheRest(EmbeddedKafkaBroker broker) throws Exception {
		List<RecordMetadata> sent = new ArrayList<>();
		// Out of humidity's physical range: refused by validateReading.
		byte[] poison = reading("sensor-1", 150, "%").getBytes(StandardCharsets.UTF_8);
		try (KafkaProducer<byte[], byte[]> producer = producer(broker)) {
			for (int i = 0; i < 20; i++) {
				byte[] value = (i == 7) ? poison : reading("sensor-1", 40 + i, "%").getBytes(StandardCharsets.UTF_8);
				sent.add(producer.send(new ProducerRecord<>(READINGS, bytes("sensor-1"), value)).get());
			}
		}
		KafkaEventSourceMapping.Settings settings = new KafkaEventSourceMapping.Settings(broker.getBrokersAsString(),
				List.of(READINGS), "esm-" + UUID.randomUUID(), 10, Duration.ofMillis(200), 2, true, null, FAILED, true,
				false);

		KafkaEventSourceMapping.Stats stats = map(settings);

		List<ConsumerRecord<byte[], byte[]>> failed = read(broker, FAILED, 1).stream()
			.filter((candidate) -> "RetryAttemptsExhausted".equals(header(candidate, "fnbridge-esm-condition")))
			.toList();
		assertThat(failed).hasSize(1);
		ConsumerRecord<byte[], byte[]> record = failed.get(0);
		assertThat(record.value()).isEqualTo(poison);
		assertThat(header(record, "fnbridge-esm-condition")).isEqualTo("RetryAttemptsExhausted");
		assertThat(header(record, "fnbridge-esm-error-type"))
			.isEqualTo("dev.fnbridge.lambda.LambdaFunctionError$InvalidInput");
		assertThat(header(record, "fnbridge-esm-error-message"))
			.startsWith("telemetry.readings-0@" + sent.get(7).offset());
		assertThat(header(record, "fnbridge-original-offset")).isEqualTo(Long.toString(sent.get(7).offset()));
		assertThat(header(record, "fnbridge-attempts")).isEqualTo("3");
		assertThat(stats.toDestination()).isEqualTo(1);
		assertThat(stats.processed()).as("every other reading in a successful invocation").isGreaterThanOrEqualTo(19);
		assertThat(stats.failedInvocations()).as("the poison's batches, halves and retries").isGreaterThan(2);
		assertThat(committed(broker, settings.groupId())).isEqualTo(sent.get(19).offset() + 1);
	}

	@Test
	void sendsRecordsOlderThanTheMaximumAgeToTheFailureTopicWithoutInvokingThem(EmbeddedKafkaBroker broker)
			throws Exception {
		long hourAgo = System.currentTimeMillis() - Duration.ofHours(1).toMillis();
		byte[] stale = reading("sensor-2", 50, "%").getBytes(StandardCharsets.UTF_8);
		try (KafkaProducer<byte[], byte[]> producer = producer(broker)) {
			producer.send(new ProducerRecord<>(AGED, null, hourAgo, bytes("sensor-2"), stale)).get();
			producer.send(new ProducerRecord<>(AGED, bytes("sensor-2"), bytes(reading("sensor-2", 51, "%")))).get();
		}
		KafkaEventSourceMapping.Settings settings = new KafkaEventSourceMapping.Settings(broker.getBrokersAsString(),
				List.of(AGED), "esm-" + UUID.randomUUID(), 10, Duration.ofMillis(200), 2, true, Duration.ofMinutes(1),
				FAILED, true, false);

		KafkaEventSourceMapping.Stats stats = map(settings);

		assertThat(read(broker, FAILED, 1))
			.filteredOn((record) -> "RecordAgeExceeded".equals(header(record, "fnbridge-esm-condition")))
			.singleElement()
			.satisfies((record) -> assertThat(record.value()).isEqualTo(stale));
		assertThat(stats.toDestination()).isEqualTo(1);
		assertThat(stats.invocations()).as("one invocation, for the fresh reading alone").isEqualTo(1);
		assertThat(stats.processed()).isEqualTo(1);
	}

	private KafkaEventSourceMapping.Stats map(KafkaEventSourceMapping.Settings settings) throws Exception {
		Path log = Files.createTempFile(this.work, "esm-", ".log");
		try (LocalLambda lambda = LocalLambda.start(LambdaArtifact.find(), LambdaEnvironment.HANDLER, TELEMETRY,
				List.of("-XX:TieredStopAtLevel=1"), log);
				KafkaEventSourceMapping mapping = new KafkaEventSourceMapping(lambda, settings)) {
			return mapping.runUntilIdle(Duration.ofSeconds(3));
		}
	}

	private static String reading(String device, double value, String unit) {
		return "{\"deviceId\":\"" + device + "\",\"type\":\"humidity\",\"value\":" + value + ",\"unit\":\"" + unit
				+ "\",\"timestamp\":\"" + Instant.now() + "\"}";
	}

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
		Header header = record.headers().lastHeader(name);
		return (header != null) ? new String(header.value(), StandardCharsets.UTF_8) : null;
	}

	private static KafkaProducer<byte[], byte[]> producer(EmbeddedKafkaBroker broker) {
		return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString()),
				new ByteArraySerializer(), new ByteArraySerializer());
	}

	/** Every record of a topic, waiting up to 30 s for at least {@code atLeast}. */
	private static List<ConsumerRecord<byte[], byte[]>> read(EmbeddedKafkaBroker broker, String topic, int atLeast) {
		List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
		try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(
				Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString(),
						ConsumerConfig.GROUP_ID_CONFIG, "reader-" + UUID.randomUUID(),
						ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
				new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
			consumer.subscribe(List.of(topic));
			long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
			int empty = 0;
			while (System.nanoTime() < deadline && (records.size() < atLeast || empty < 5)) {
				int before = records.size();
				consumer.poll(Duration.ofMillis(200)).forEach(records::add);
				empty = (records.size() == before) ? empty + 1 : 0;
			}
		}
		return records;
	}

	private static long committed(EmbeddedKafkaBroker broker, String group) throws Exception {
		try (Admin admin = Admin
			.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString()))) {
			Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(group)
				.partitionsToOffsetAndMetadata()
				.get();
			assertThat(admin.listOffsets(Map.of(new TopicPartition(READINGS, 0), OffsetSpec.latest())).all().get())
				.isNotEmpty();
			return offsets.get(new TopicPartition(READINGS, 0)).offset();
		}
	}

}

package dev.fnbridge.app.kafka;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TransactionListing;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.context.ActiveProfiles;

import static dev.fnbridge.app.kafka.KafkaRecords.text;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code exactly-once} profile against a real broker: records are consumed, processed
 * and produced in Kafka transactions under the configured id prefix, a read_committed
 * consumer sees each output once, and a poison record still reaches its dead-letter
 * topic.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE,
		properties = { "spring.kafka.bootstrap-servers=${spring.embedded.kafka.brokers}",
				"spring.cloud.function.definition=hello", "fnbridge.kafka.instance-id=eos-test" })
@EmbeddedKafka(partitions = 1,
		brokerProperties = { "transaction.state.log.replication.factor=1", "transaction.state.log.min.isr=1" })
@ActiveProfiles("exactly-once")
class ExactlyOnceIntegrationTests {

	@Value("${spring.embedded.kafka.brokers}")
	private String brokers;

	@Test
	void producesEachOutputOnceInTransactionsAndStillDeadLettersPoison() throws Exception {
		String run = UUID.randomUUID().toString().substring(0, 8);
		int count = 20;
		try (KafkaRecords kafka = new KafkaRecords(this.brokers)) {
			for (int i = 0; i < count; i++) {
				kafka.send("hello.requests", "k" + (i % 4), "{\"name\":\"" + run + "-" + i + "\"}");
			}
			kafka.send("hello.requests", "poison", "{\"name\": " + run);
		}

		List<ConsumerRecord<byte[], byte[]>> greetings = readCommitted("hello.greetings",
				(records) -> records.stream().filter((r) -> text(r.value()).contains(run)).count() >= count);
		Map<String, Long> perName = greetings.stream()
			.map((r) -> text(r.value()))
			.filter((value) -> value.contains(run))
			.collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
		assertThat(perName).hasSize(count).allSatisfy((name, times) -> assertThat(times).as(name).isEqualTo(1));

		List<ConsumerRecord<byte[], byte[]>> deadLetters = readCommitted("hello.requests.dlq",
				(records) -> records.stream().anyMatch((r) -> text(r.value()).contains(run)));
		assertThat(deadLetters).anySatisfy((r) -> assertThat(text(r.value())).isEqualTo("{\"name\": " + run));

		try (AdminClient admin = AdminClient.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, this.brokers))) {
			assertThat(admin.listTransactions().all().get()).extracting(TransactionListing::transactionalId)
				.anyMatch((id) -> id.startsWith("fnbridge-eos-test-"));
		}
	}

	private List<ConsumerRecord<byte[], byte[]>> readCommitted(String topic,
			java.util.function.Predicate<List<ConsumerRecord<byte[], byte[]>>> done) {
		List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
		try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(
				Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, this.brokers, ConsumerConfig.GROUP_ID_CONFIG,
						"eos-" + UUID.randomUUID(), ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
						ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
						ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class,
						ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class))) {
			consumer.subscribe(List.of(topic));
			long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
			while (System.nanoTime() < deadline && !done.test(records)) {
				consumer.poll(Duration.ofMillis(250)).forEach(records::add);
			}
			// A little longer: a duplicate would arrive after the last expected record.
			long settle = System.nanoTime() + Duration.ofSeconds(2).toNanos();
			while (System.nanoTime() < settle) {
				consumer.poll(Duration.ofMillis(250)).forEach(records::add);
			}
		}
		assertThat(done.test(records)).as("records on " + topic).isTrue();
		return records;
	}

}

package dev.fnbridge.stream;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.function.Predicate;

import dev.fnbridge.core.error.TransientFailureException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.test.condition.EmbeddedKafkaCondition;
import org.springframework.kafka.test.context.EmbeddedKafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Batch-mode bindings ({@code consumer.batch-mode=true}) against a real broker (an
 * in-process KRaft broker). The records are on the topic before the application starts,
 * so its first poll holds them all (records of one key keep their order: one partition):
 * a function of one record is invoked per record and a failing record is retried or
 * dead-lettered inside the batch while its neighbours go on; a function of a list gets
 * the poll as one call, and a failing one gets the batch again; in exactly-once mode the
 * batch is one transaction, rolled back and consumed again as a whole when part of it
 * fails, and a function of a list still reads one record as one list.
 */
@EmbeddedKafka(partitions = 1,
		brokerProperties = { "transaction.state.log.replication.factor=1", "transaction.state.log.min.isr=1" })
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BatchBindingIntegrationTests {

	private static final Duration WAIT = Duration.ofSeconds(60);

	private String brokers;

	private KafkaProducer<byte[], byte[]> producer;

	@BeforeAll
	void start() {
		this.brokers = EmbeddedKafkaCondition.getBroker().getBrokersAsString();
		this.producer = TestRecords.producer(this.brokers);
	}

	@AfterAll
	void stop() {
		this.producer.close();
	}

	@Test
	void invokesARecordFunctionPerRecordAndTheBatchGoesOnPastRetriedAndDeadLetteredRecords() {
		String run = run();
		String in = "batch.shout." + run;
		send(in, "k", word(run + "-one"));
		send(in, "k", "{\"text\": \"" + run + "-unreadable");
		send(in, "k", word("flaky-" + run));
		send(in, "k", word(run + "-two"));
		send(in, "k", word("doomed-" + run));
		send(in, "k", word(run + "-three"));

		try (ConfigurableApplicationContext app = application(in, "shout")) {
			List<ConsumerRecord<byte[], byte[]>> outputs = read(in + ".out", "read_uncommitted",
					(records) -> records.size() >= 4);
			List<ConsumerRecord<byte[], byte[]>> deadLetters = read(in + ".dlq", "read_uncommitted",
					(records) -> records.size() >= 2);

			assertThat(outputs).extracting((record) -> text(record.value()))
				.as("in input order, the retried record in its place")
				.containsExactly(json(run.toUpperCase() + "-ONE"), json("FLAKY-" + run.toUpperCase()),
						json(run.toUpperCase() + "-TWO"), json(run.toUpperCase() + "-THREE"));
			assertThat(outputs).extracting((record) -> text(record.key())).containsOnly("k");
			assertThat(deadLetters).extracting((record) -> header(record, DeadLetterHeaders.CATEGORY))
				.containsExactly("invalid-input", "transient-failure");
			assertThat(deadLetters).extracting((record) -> header(record, DeadLetterHeaders.ATTEMPTS))
				.as("invalid input at once; the failing record after fnbridge's 4 attempts")
				.containsExactly("1", "4");
			assertThat(header(deadLetters.get(1), DeadLetterHeaders.ORIGINAL_OFFSET)).isEqualTo("4");
			assertThat(Words.attempts(app, "flaky-" + run)).isEqualTo(2);
		}
	}

	@Test
	void givesABatchFunctionThePollAsOneListAndDeadLettersItsUnreadableRecordsOneByOne() {
		String run = run();
		String in = "batch.tally." + run;
		send(in, "k1", word(run + "-a"));
		send(in, "k2", word(run + "-bb"));
		send(in, "k3", "[\"not\", \"a\", \"word\"]");
		send(in, "k4", word(run + "-ccc"));

		try (ConfigurableApplicationContext app = application(in, "tally")) {
			List<ConsumerRecord<byte[], byte[]>> outputs = read(in + ".out", "read_uncommitted",
					(records) -> records.size() >= 3);
			ConsumerRecord<byte[], byte[]> deadLetter = read(in + ".dlq", "read_uncommitted",
					(records) -> !records.isEmpty())
				.get(0);

			assertThat(outputs).extracting((record) -> text(record.value()))
				.containsExactlyInAnyOrder("{\"text\":\"" + run + "-a\",\"length\":" + (run.length() + 2) + "}",
						"{\"text\":\"" + run + "-bb\",\"length\":" + (run.length() + 3) + "}",
						"{\"text\":\"" + run + "-ccc\",\"length\":" + (run.length() + 4) + "}");
			assertThat(outputs).extracting((record) -> text(record.key()))
				.as("each result keyed by its RecordKey")
				.containsExactlyInAnyOrder(run + "-a", run + "-bb", run + "-ccc");
			assertThat(text(deadLetter.value())).isEqualTo("[\"not\", \"a\", \"word\"]");
			assertThat(header(deadLetter, DeadLetterHeaders.CATEGORY)).isEqualTo("invalid-input");
			assertThat(header(deadLetter, DeadLetterHeaders.ORIGINAL_OFFSET)).isEqualTo("2");
			assertThat(Words.tallies(app)).as("records per call").containsExactly(3);
		}
	}

	@Test
	void consumesTheBatchAgainWhenABatchFunctionFailsAndDeadLettersNothing() {
		String run = run();
		String in = "batch.retry." + run;
		send(in, "k1", word(run + "-a"));
		send(in, "k2", word("boom-" + run));
		send(in, "k3", word(run + "-ccc"));

		try (ConfigurableApplicationContext app = application(in, "tally")) {
			List<ConsumerRecord<byte[], byte[]>> outputs = read(in + ".out", "read_uncommitted",
					(records) -> records.size() >= 3);

			assertThat(outputs).extracting((record) -> text(record.key()))
				.as("each once: the failed call sent nothing")
				.containsExactlyInAnyOrder(run + "-a", "boom-" + run, run + "-ccc");
			assertThat(Words.tallies(app)).as("records per call: the batch, then the batch again")
				.containsExactly(3, 3);
		}
	}

	@Test
	void commitsABatchInOneTransactionAndConsumesItAgainWholeWhenPartOfItFails() {
		String run = run();
		String in = "batch.eos." + run;
		send(in, "k", word(run + "-one"));
		send(in, "k", "{\"text\": \"" + run + "-unreadable");
		send(in, "k", word("huge-" + run));
		send(in, "k", word(run + "-two"));

		// fnbridge's exactly-once mode: batch mode for every binding, transactions.
		try (ConfigurableApplicationContext app = exactlyOnce(in, "shout")) {
			List<ConsumerRecord<byte[], byte[]>> committed = read(in + ".out", "read_committed",
					(records) -> records.size() >= 3);
			List<ConsumerRecord<byte[], byte[]>> committedDeadLetters = read(in + ".dlq", "read_committed",
					(records) -> !records.isEmpty());
			List<ConsumerRecord<byte[], byte[]>> everyDeadLetter = read(in + ".dlq", "read_uncommitted",
					(records) -> !records.isEmpty());

			assertThat(committed).extracting((record) -> text(record.value()))
				.as("each output once, to a read_committed consumer")
				.containsExactly(json(run.toUpperCase() + "-ONE"), json("HUGE-" + run.toUpperCase()),
						json(run.toUpperCase() + "-TWO"));
			assertThat(committedDeadLetters).hasSize(1);
			assertThat(Words.attempts(app, "huge-" + run)).as("the batch was consumed twice").isEqualTo(2);
			// The first attempt's dead letter was written (the sender waits for it), then
			// aborted with the output that could not be sent: one transaction for the
			// batch. With one transaction per record it would have been committed, and
			// not
			// written again.
			assertThat(everyDeadLetter).hasSize(2);
		}
	}

	@Test
	void keepsReadingOneRecordAsOneListForAListFunctionInExactlyOnceMode() {
		String run = run();
		String in = "batch.lists." + run;
		send(in, "k", "[" + word(run + "-a") + "," + word(run + "-bb") + "]");
		send(in, "k", "[" + word(run + "-c") + "]");

		try (ConfigurableApplicationContext app = exactlyOnce(in, "tally")) {
			List<ConsumerRecord<byte[], byte[]>> outputs = read(in + ".out", "read_committed",
					(records) -> records.size() >= 2);

			assertThat(outputs).extracting((record) -> text(record.value()))
				.as("one output per record: the record's list of tallies")
				.containsExactly(
						"[{\"text\":\"" + run + "-a\",\"length\":" + (run.length() + 2) + "},{\"text\":\"" + run
								+ "-bb\",\"length\":" + (run.length() + 3) + "}]",
						"[{\"text\":\"" + run + "-c\",\"length\":" + (run.length() + 2) + "}]");
			assertThat(Words.tallies(app)).as("records per call").containsExactly(2, 1);
		}
	}

	private ConfigurableApplicationContext application(String topic, String function) {
		return application(topic, function,
				"spring.cloud.stream.bindings." + function + "-in-0.consumer.batch-mode=true");
	}

	private ConfigurableApplicationContext exactlyOnce(String topic, String function) {
		return application(topic, function, "spring.profiles.active=exactly-once");
	}

	private ConfigurableApplicationContext application(String topic, String function, String... more) {
		List<String> all = new ArrayList<>(List.of("spring.cloud.function.definition=" + function,
				"spring.cloud.stream.bindings." + function + "-in-0.destination=" + topic,
				"spring.cloud.stream.bindings." + function + "-in-0.group=" + topic,
				"spring.cloud.stream.kafka.bindings." + function + "-in-0.consumer.start-offset=earliest",
				"spring.cloud.stream.bindings." + function + "-out-0.destination=" + topic + ".out"));
		all.addAll(List.of(more));
		all.add("spring.kafka.bootstrap-servers=" + this.brokers);
		all.add("fnbridge.kafka.retry.initial-interval=10ms");
		all.add("fnbridge.kafka.retry.max-interval=50ms");
		all.add("fnbridge.kafka.instance-id=batch-" + UUID.randomUUID());
		all.add("fnbridge.kafka.concurrency=1");
		return new SpringApplicationBuilder(Words.class).web(WebApplicationType.NONE)
			.run(all.stream().map((property) -> "--" + property).toArray(String[]::new));
	}

	private void send(String topic, String key, String value) {
		TestRecords.sendAndWait(this.producer, new ProducerRecord<>(topic, key.getBytes(StandardCharsets.UTF_8),
				value.getBytes(StandardCharsets.UTF_8)));
	}

	/** Reads a topic from the beginning until the records read so far satisfy done. */
	private List<ConsumerRecord<byte[], byte[]>> read(String topic, String isolation,
			Predicate<List<ConsumerRecord<byte[], byte[]>>> done) {
		List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
		try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(
				Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, this.brokers, ConsumerConfig.GROUP_ID_CONFIG,
						"test-" + UUID.randomUUID(), ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
						ConsumerConfig.ISOLATION_LEVEL_CONFIG, isolation, ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
						ByteArrayDeserializer.class, ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
						ByteArrayDeserializer.class))) {
			consumer.subscribe(List.of(topic));
			await().atMost(WAIT).until(() -> {
				consumer.poll(Duration.ofMillis(200)).forEach(records::add);
				return done.test(records);
			});
			// Anything more (a duplicate) arrives with the records awaited or right
			// after.
			consumer.poll(Duration.ofSeconds(1)).forEach(records::add);
		}
		return records;
	}

	private static String run() {
		return UUID.randomUUID().toString().substring(0, 8);
	}

	private static String word(String text) {
		return "{\"text\":\"" + text + "\"}";
	}

	private static String json(String text) {
		return "\"" + text + "\"";
	}

	private static String text(byte[] bytes) {
		return new String(bytes, StandardCharsets.UTF_8);
	}

	private static String header(ConsumerRecord<?, ?> record, String name) {
		return TestRecords.header(record, name);
	}

	/** A record's payload. */
	record Word(String text) {
	}

	/**
	 * A batch function's result, keyed by its text.
	 *
	 * @param text the word
	 * @param length its length
	 */
	record Tally(@dev.fnbridge.core.RecordKey String text, int length) {
	}

	/**
	 * A function of one record that fails the way its input asks, and a batch function
	 * noting how many records each call got.
	 */
	@SpringBootConfiguration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class Words {

		private final Map<String, Integer> attempts = new ConcurrentHashMap<>();

		private final List<Integer> tallies = new CopyOnWriteArrayList<>();

		static int attempts(ConfigurableApplicationContext context, String text) {
			return context.getBean(Words.class).attempts.getOrDefault(text, 0);
		}

		static List<Integer> tallies(ConfigurableApplicationContext context) {
			return context.getBean(Words.class).tallies;
		}

		@Bean
		Function<Word, String> shout() {
			return (word) -> {
				int attempt = this.attempts.merge(word.text(), 1, Integer::sum);
				if (word.text().startsWith("doomed") || (word.text().startsWith("flaky") && attempt == 1)) {
					throw new TransientFailureException("downstream unavailable for " + word.text(), null);
				}
				if (word.text().startsWith("huge") && attempt == 1) {
					// Over the producer's max.request.size: the batch's output cannot be
					// sent.
					return "x".repeat(2_000_000);
				}
				return word.text().toUpperCase();
			};
		}

		@Bean
		Function<List<Word>, List<Tally>> tally() {
			return (words) -> {
				this.tallies.add(words.size());
				if (words.stream().anyMatch((word) -> word.text().startsWith("boom"))
						&& this.attempts.merge("boom", 1, Integer::sum) == 1) {
					throw new TransientFailureException("downstream unavailable for this batch", null);
				}
				return words.stream().map((word) -> new Tally(word.text(), word.text().length())).toList();
			};
		}

	}

}

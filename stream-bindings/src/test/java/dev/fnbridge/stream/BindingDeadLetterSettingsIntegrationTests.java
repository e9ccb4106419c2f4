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

import dev.fnbridge.core.error.TransientFailureException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
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
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.condition.EmbeddedKafkaCondition;
import org.springframework.kafka.test.context.EmbeddedKafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * A binding's own retry and dead-letter settings against a real broker (an in-process
 * KRaft broker): {@code dlqName} and {@code maxAttempts} / {@code backOff*} are honoured
 * per binding, bindings without them keep fnbridge's, and a setting fnbridge cannot
 * honour stops the start.
 */
@EmbeddedKafka(partitions = 1,
		brokerProperties = { "transaction.state.log.replication.factor=1", "transaction.state.log.min.isr=1" })
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BindingDeadLetterSettingsIntegrationTests {

	private static final Duration WAIT = Duration.ofSeconds(60);

	private String brokers;

	private KafkaProducer<byte[], byte[]> producer;

	private ConfigurableApplicationContext app;

	@BeforeAll
	void start() {
		EmbeddedKafkaBroker broker = EmbeddedKafkaCondition.getBroker();
		this.brokers = broker.getBrokersAsString();
		this.producer = TestRecords.producer(this.brokers);
		this.app = application("spring.cloud.function.definition=named;twice;once;plain",
				"spring.cloud.stream.bindings.named-in-0.destination=settings.named",
				"spring.cloud.stream.bindings.named-in-0.group=settings-named",
				"spring.cloud.stream.kafka.bindings.named-in-0.consumer.dlq-name=custom.dlq",
				"spring.cloud.stream.bindings.twice-in-0.destination=settings.twice",
				"spring.cloud.stream.bindings.twice-in-0.group=settings-twice",
				"spring.cloud.stream.bindings.twice-in-0.consumer.max-attempts=2",
				// The binder's own spelling, as its documentation writes it.
				"spring.cloud.stream.bindings.twice-in-0.consumer.backOffInitialInterval=1500",
				"spring.cloud.stream.bindings.once-in-0.destination=settings.once",
				"spring.cloud.stream.bindings.once-in-0.group=settings-once",
				"spring.cloud.stream.bindings.once-in-0.consumer.max-attempts=1",
				"spring.cloud.stream.bindings.plain-in-0.destination=settings.plain",
				"spring.cloud.stream.bindings.plain-in-0.group=settings-plain");
	}

	@AfterAll
	void stop() {
		if (this.app != null) {
			this.app.close();
		}
		this.producer.close();
	}

	@Test
	void deadLettersToTheBindingsDlqNameWithFnbridgesClassificationAndHeaders() {
		String invalid = UUID.randomUUID().toString();
		String failing = UUID.randomUUID().toString();
		send("settings.named", "{\"id\":\"" + invalid);
		send("settings.named", "{\"id\":\"" + failing + "\"}");

		ConsumerRecord<byte[], byte[]> invalidLetter = readOne("custom.dlq", invalid);
		ConsumerRecord<byte[], byte[]> failedLetter = readOne("custom.dlq", failing);

		assertThat(header(invalidLetter, DeadLetterHeaders.CATEGORY)).isEqualTo("invalid-input");
		assertThat(header(invalidLetter, DeadLetterHeaders.ATTEMPTS)).isEqualTo("1");
		assertThat(header(failedLetter, DeadLetterHeaders.CATEGORY)).isEqualTo("transient-failure");
		assertThat(header(failedLetter, DeadLetterHeaders.FUNCTION)).isEqualTo("named");
		assertThat(header(failedLetter, DeadLetterHeaders.ORIGINAL_TOPIC)).isEqualTo("settings.named");
		assertThat(header(failedLetter, DeadLetterHeaders.ATTEMPTS))
			.as("no retry setting on the binding: fnbridge.kafka.retry.max-attempts")
			.isEqualTo("4");
	}

	@Test
	void retriesAsOftenAndAsLateAsTheBindingsMaxAttemptsAndBackOffSay() {
		String failing = UUID.randomUUID().toString();
		send("settings.twice", "{\"id\":\"" + failing + "\"}");

		ConsumerRecord<byte[], byte[]> dead = readOne("settings.twice.dlq", failing);

		assertThat(header(dead, DeadLetterHeaders.CATEGORY)).isEqualTo("transient-failure");
		assertThat(header(dead, DeadLetterHeaders.ATTEMPTS)).isEqualTo("2");
		List<Long> attempts = Orders.attempts(this.app, failing);
		assertThat(attempts).hasSize(2);
		assertThat(attempts.get(1) - attempts.get(0)).as("ms between the attempts (fnbridge's own: 10)")
			.isGreaterThanOrEqualTo(1400);
	}

	@Test
	void deadLettersInvalidInputAtOnceWhateverTheBindingsMaxAttempts() {
		String invalid = UUID.randomUUID().toString();
		send("settings.twice", "{\"id\":\"" + invalid);

		ConsumerRecord<byte[], byte[]> dead = readOne("settings.twice.dlq", invalid);

		assertThat(header(dead, DeadLetterHeaders.CATEGORY)).isEqualTo("invalid-input");
		assertThat(header(dead, DeadLetterHeaders.ATTEMPTS)).isEqualTo("1");
	}

	@Test
	void deadLettersARetryableFailureAtOnceWhenTheBindingAllowsOneAttempt() {
		String failing = UUID.randomUUID().toString();
		send("settings.once", "{\"id\":\"" + failing + "\"}");

		ConsumerRecord<byte[], byte[]> dead = readOne("settings.once.dlq", failing);

		assertThat(header(dead, DeadLetterHeaders.CATEGORY)).isEqualTo("transient-failure");
		assertThat(header(dead, DeadLetterHeaders.ATTEMPTS)).isEqualTo("1");
		assertThat(Orders.attempts(this.app, failing)).hasSize(1);
	}

	@Test
	void keepsFnbridgesRetriesAndDeadLetterTopicForABindingWithoutSettings() {
		String failing = UUID.randomUUID().toString();
		send("settings.plain", "{\"id\":\"" + failing + "\"}");

		ConsumerRecord<byte[], byte[]> dead = readOne("settings.plain.dlq", failing);

		assertThat(header(dead, DeadLetterHeaders.ATTEMPTS)).as("fnbridge's 4, not the binder's 3").isEqualTo("4");
		assertThat(Orders.attempts(this.app, failing)).hasSize(4);
	}

	@Test
	void deadLettersAfterFnbridgesAttemptsInsteadOfDroppingTheRecordInTransactions() {
		String failing = UUID.randomUUID().toString();
		try (ConfigurableApplicationContext transactional = application("spring.cloud.function.definition=plain",
				"spring.cloud.stream.bindings.plain-in-0.destination=settings.tx",
				"spring.cloud.stream.bindings.plain-in-0.group=settings-tx",
				"spring.cloud.stream.kafka.binder.transaction.transaction-id-prefix=settings-tx-")) {
			send("settings.tx", "{\"id\":\"" + failing + "\"}");

			ConsumerRecord<byte[], byte[]> dead = readOne("settings.tx.dlq", failing);

			assertThat(header(dead, DeadLetterHeaders.ATTEMPTS)).isEqualTo("4");
			assertThat(Orders.attempts(transactional, failing)).hasSize(4);
		}
	}

	@Test
	void refusesToStartWhenABindingEnablesTheBindersOwnDeadLetterQueue() {
		assertThatException()
			.isThrownBy(() -> application("spring.cloud.function.definition=plain",
					"spring.cloud.stream.bindings.plain-in-0.destination=settings.refused",
					"spring.cloud.stream.bindings.plain-in-0.group=settings-refused",
					"spring.cloud.stream.kafka.bindings.plain-in-0.consumer.enable-dlq=true",
					"spring.cloud.stream.kafka.bindings.plain-in-0.consumer.dlq-name=settings.refused.dead"))
			.withStackTraceContaining(
					"Binding 'plain-in-0': spring.cloud.stream.kafka.bindings.plain-in-0.consumer.enable-dlq "
							+ "cannot be honoured")
			.withStackTraceContaining("dlq-name chooses the dead-letter topic");
	}

	@Test
	void refusesToStartWhenABindingSwitchesDeadLettersOff() {
		assertThatException()
			.isThrownBy(() -> application("spring.cloud.function.definition=plain",
					"spring.cloud.stream.bindings.plain-in-0.destination=settings.refused",
					"spring.cloud.stream.bindings.plain-in-0.group=settings-refused",
					// The binder's own spelling, as its documentation writes it.
					"spring.cloud.stream.kafka.bindings.plain-in-0.consumer.enableDlq=false"))
			.withStackTraceContaining("spring.cloud.stream.kafka.bindings.plain-in-0.consumer.enable-dlq")
			.withStackTraceContaining("cannot switch that off");
	}

	@Test
	void refusesToStartWhenABindingsMaxAttemptsAllowsNoAttemptAndNamesEveryProblem() {
		assertThatException()
			.isThrownBy(() -> application("spring.cloud.function.definition=plain",
					"spring.cloud.stream.bindings.plain-in-0.destination=settings.refused",
					"spring.cloud.stream.bindings.plain-in-0.group=settings-refused",
					"spring.cloud.stream.bindings.plain-in-0.consumer.max-attempts=0",
					"spring.cloud.stream.bindings.plain-in-0.consumer.retryable-exceptions.java.io.IOException=false"))
			.withStackTraceContaining("Binding 'plain-in-0': spring.cloud.stream.bindings.plain-in-0.consumer"
					+ ".max-attempts is 0; it must be at least 1")
			.withStackTraceContaining(
					"spring.cloud.stream.bindings.plain-in-0.consumer.retryable-exceptions " + "cannot be honoured");
	}

	@Test
	void refusesToStartWhenTheDefinitionBindsAFunctionThatDoesNotExist() {
		assertThatException()
			.isThrownBy(() -> application("spring.cloud.function.definition=plain;plian|nothing",
					"spring.cloud.stream.bindings.plain-in-0.destination=settings.missing",
					"spring.cloud.stream.bindings.plain-in-0.group=settings-missing"))
			.withStackTraceContaining("spring.cloud.function.definition binds plian, nothing to Kafka")
			.withStackTraceContaining("functions: [named, once, plain, twice]");
	}

	private ConfigurableApplicationContext application(String... properties) {
		List<String> all = new ArrayList<>(List.of(properties));
		all.add("spring.kafka.bootstrap-servers=" + this.brokers);
		all.add("fnbridge.kafka.retry.initial-interval=10ms");
		all.add("fnbridge.kafka.retry.max-interval=50ms");
		all.add("fnbridge.kafka.instance-id=settings-" + UUID.randomUUID());
		// One consumer thread: attempts are counted by the thread holding the partition,
		// and a second thread joining the group can take it over between two attempts.
		all.add("fnbridge.kafka.concurrency=1");
		return new SpringApplicationBuilder(Orders.class).web(WebApplicationType.NONE)
			.run(all.stream().map((property) -> "--" + property).toArray(String[]::new));
	}

	private void send(String topic, String value) {
		TestRecords.sendAndWait(this.producer, new ProducerRecord<>(topic, value.getBytes(StandardCharsets.UTF_8)));
	}

	/**
	 * Reads a topic from the beginning until a record whose value contains the marker.
	 */
	private ConsumerRecord<byte[], byte[]> readOne(String topic, String marker) {
		return TestRecords.readOne(this.brokers, topic, marker, WAIT);
	}

	private static String header(ConsumerRecord<?, ?> record, String name) {
		return TestRecords.header(record, name);
	}

	/** The payload of every function here. */
	record Order(String id) {
	}

	/**
	 * Four functions, one per binding, each failing every time, noting when it was tried.
	 */
	@SpringBootConfiguration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class Orders {

		private final Map<String, List<Long>> attempts = new ConcurrentHashMap<>();

		static List<Long> attempts(ConfigurableApplicationContext context, String id) {
			return context.getBean(Orders.class).attempts.getOrDefault(id, List.of());
		}

		private String fail(Order order) {
			this.attempts.computeIfAbsent(order.id(), (id) -> new CopyOnWriteArrayList<>())
				.add(System.currentTimeMillis());
			throw new TransientFailureException("downstream unavailable for " + order.id(), null);
		}

		@Bean
		Function<Order, String> named() {
			return this::fail;
		}

		@Bean
		Function<Order, String> twice() {
			return this::fail;
		}

		@Bean
		Function<Order, String> once() {
			return this::fail;
		}

		@Bean
		Function<Order, String> plain() {
			return this::fail;
		}

	}

}

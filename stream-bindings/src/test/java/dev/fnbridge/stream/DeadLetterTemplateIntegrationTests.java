package dev.fnbridge.stream;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
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
import org.springframework.core.env.Environment;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.kafka.support.SendResult;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.condition.EmbeddedKafkaCondition;
import org.springframework.kafka.test.context.EmbeddedKafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * The dead-letter template is a bean of its own, against a real broker (an in-process
 * KRaft broker): it sends the dead letters, its producers are closed with the context, it
 * leaves Boot's own {@code KafkaTemplate} to the application, and an application's bean
 * of the same name replaces it.
 */
@EmbeddedKafka(partitions = 1)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DeadLetterTemplateIntegrationTests {

	private static final Duration WAIT = Duration.ofSeconds(60);

	private String brokers;

	private KafkaProducer<byte[], byte[]> producer;

	@BeforeAll
	void start() {
		EmbeddedKafkaBroker broker = EmbeddedKafkaCondition.getBroker();
		this.brokers = broker.getBrokersAsString();
		this.producer = TestRecords.producer(this.brokers);
	}

	@AfterAll
	void stop() {
		this.producer.close();
	}

	@Test
	void sendsDeadLettersWithTheTemplateBeanWhoseProducersCloseWithTheContext() {
		List<Producer<?, ?>> created = new CopyOnWriteArrayList<>();
		String invalid = UUID.randomUUID().toString();
		try (ConfigurableApplicationContext app = application(Greeting.class, "template.own")) {
			DefaultKafkaProducerFactory<?, ?> factory = app.getBean(
					FnbridgeStreamAutoConfiguration.DEAD_LETTER_PRODUCER_FACTORY, DefaultKafkaProducerFactory.class);
			factory.addListener(new ProducerFactory.Listener() {

				@Override
				public void producerAdded(String id, Producer producer) {
					created.add(producer);
				}

			});
			assertThat(factory.getConfigurationProperties()).containsEntry(ProducerConfig.ACKS_CONFIG, "all")
				.containsEntry(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
			assertThat(app.getBean(FnbridgeStreamAutoConfiguration.DEAD_LETTER_KAFKA_TEMPLATE, KafkaTemplate.class)
				.getProducerFactory()).isSameAs(factory);
			assertThat(app.getBean(KafkaTemplate.class))
				.as("the application's KafkaTemplate is still Boot's, not the dead-letter one")
				.isSameAs(app.getBean("kafkaTemplate"));

			send("template.own", "{\"name\":\"" + invalid);
			readOne("template.own.dlq", invalid);

			assertThat(created).as("producers of the dead-letter factory").isNotEmpty();
		}
		assertThat(created)
			.allSatisfy((producer) -> assertThatException().isThrownBy(() -> send(producer, "template.own.dlq"))
				.withStackTraceContaining("after producer has been closed"));
	}

	@Test
	void sendsDeadLettersWithTheApplicationsTemplateOfTheSameName() {
		String invalid = UUID.randomUUID().toString();
		try (ConfigurableApplicationContext app = application(OwnTemplate.class, "template.replaced")) {
			send("template.replaced", "{\"name\":\"" + invalid);
			readOne("template.replaced.dlq", invalid);

			assertThat(app.getBean(FnbridgeStreamAutoConfiguration.DEAD_LETTER_KAFKA_TEMPLATE))
				.isInstanceOf(CountingTemplate.class);
			assertThat(app.getBean(FnbridgeStreamAutoConfiguration.DEAD_LETTER_KAFKA_TEMPLATE,
					CountingTemplate.class).sent)
				.hasPositiveValue();
		}
	}

	private ConfigurableApplicationContext application(Class<?> configuration, String topic) {
		return new SpringApplicationBuilder(configuration).web(WebApplicationType.NONE)
			.run("--spring.kafka.bootstrap-servers=" + this.brokers, "--spring.cloud.function.definition=hello",
					"--spring.cloud.stream.bindings.hello-in-0.destination=" + topic,
					"--spring.cloud.stream.bindings.hello-in-0.group=" + topic,
					"--fnbridge.kafka.instance-id=template-" + UUID.randomUUID());
	}

	@SuppressWarnings({ "unchecked", "rawtypes" })
	private static void send(Producer producer, String topic) {
		producer.send(new ProducerRecord<>(topic, "after close".getBytes(StandardCharsets.UTF_8)));
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

	/** The payload of {@code hello}. */
	record HelloRequest(String name) {
	}

	@SpringBootConfiguration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class Greeting {

		@Bean
		Function<HelloRequest, String> hello() {
			return (request) -> "Hello, " + request.name() + "!";
		}

	}

	/** The application replaces the dead-letter template with one that counts. */
	@SpringBootConfiguration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class OwnTemplate extends Greeting {

		@Bean(name = FnbridgeStreamAutoConfiguration.DEAD_LETTER_KAFKA_TEMPLATE, defaultCandidate = false)
		CountingTemplate deadLetters(Environment environment) {
			return new CountingTemplate(new DefaultKafkaProducerFactory<>(Map.of(
					ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, environment.getProperty("spring.kafka.bootstrap-servers"),
					ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class,
					ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class)));
		}

	}

	/** A dead-letter template that counts what it sends. */
	static class CountingTemplate extends KafkaTemplate<byte[], byte[]> {

		final AtomicInteger sent = new AtomicInteger();

		CountingTemplate(ProducerFactory<byte[], byte[]> producers) {
			super(producers);
		}

		@Override
		public CompletableFuture<SendResult<byte[], byte[]>> send(ProducerRecord<byte[], byte[]> record) {
			this.sent.incrementAndGet();
			return super.send(record);
		}

	}

}

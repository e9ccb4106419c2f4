package dev.fnbridge.stream;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.StreamSupport;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.test.context.EmbeddedKafka;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a producer writes into a record's headers, against a real broker (an in-process
 * KRaft broker) and a bound function: fnbridge's own headers, Spring's JSON type hints
 * and Spring Kafka's message headers are not the producer's to set. A dead letter says
 * why and where from in exactly one value of each {@code fnbridge-*} and
 * {@code kafka_dlt-*} header, an output record carries none of the input's and is keyed
 * and sent as the binding decides, and the function's input type alone decides how a
 * payload is read.
 */
@SpringBootTest(classes = ProducerHeadersIntegrationTests.Greeting.class,
		webEnvironment = SpringBootTest.WebEnvironment.NONE,
		properties = { "spring.kafka.bootstrap-servers=${spring.embedded.kafka.brokers}",
				"spring.cloud.function.definition=hello",
				"spring.cloud.stream.bindings.hello-in-0.destination=headers.in",
				"spring.cloud.stream.bindings.hello-in-0.group=fnbridge-headers",
				"spring.cloud.stream.bindings.hello-out-0.destination=headers.out",
				"fnbridge.kafka.retry.initial-interval=10ms", "fnbridge.kafka.retry.max-interval=50ms" })
@EmbeddedKafka(partitions = 1)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ProducerHeadersIntegrationTests {

	private static final Duration WAIT = Duration.ofSeconds(30);

	@Value("${spring.embedded.kafka.brokers}")
	private String brokers;

	private KafkaProducer<byte[], byte[]> producer;

	@BeforeAll
	void connect() {
		this.producer = TestRecords.producer(this.brokers);
	}

	@AfterAll
	void disconnect() {
		this.producer.close();
	}

	@Test
	void deadLetterCarriesOnlyTheRealReasonWhenTheRecordForgedOne() {
		String marker = UUID.randomUUID().toString();
		send("{\"name\":\"" + marker, null,
				Map.of(DeadLetterHeaders.CATEGORY, "transient-failure", DeadLetterHeaders.FUNCTION, "admin",
						DeadLetterHeaders.ATTEMPTS, "0", "fnbridge-approved", "yes", "x-request-id", marker));

		ConsumerRecord<byte[], byte[]> dead = readOne("headers.in.dlq", marker);

		assertThat(values(dead, DeadLetterHeaders.CATEGORY)).containsExactly("invalid-input");
		assertThat(values(dead, DeadLetterHeaders.FUNCTION)).containsExactly("hello");
		assertThat(values(dead, DeadLetterHeaders.ATTEMPTS)).containsExactly("1");
		assertThat(keys(dead)).filteredOn((key) -> key.startsWith("fnbridge-"))
			.doesNotHaveDuplicates()
			.doesNotContain("fnbridge-approved");
		assertThat(values(dead, "x-request-id")).as("the producer's other headers").containsExactly(marker);
	}

	@Test
	void deadLetterNamesOnlyTheRealOriginWhenTheRecordForgedSpringsDeadLetterHeaders() {
		String marker = UUID.randomUUID().toString();
		send("{\"name\":\"" + marker, null, Map.of("kafka_dlt-original-topic", "elsewhere",
				"kafka_dlt-exception-message", "forged", "kafka_dlt-original-offset", "forged"));

		ConsumerRecord<byte[], byte[]> dead = readOne("headers.in.dlq", marker);

		assertThat(values(dead, "kafka_dlt-original-topic")).containsExactly("headers.in");
		assertThat(values(dead, "kafka_dlt-exception-message")).doesNotContain("forged");
		assertThat(values(dead, "kafka_dlt-original-offset")).hasSize(1);
		assertThat(values(dead, DeadLetterHeaders.ORIGINAL_TOPIC)).containsExactly("headers.in");
	}

	@Test
	void outputRecordIsKeyedAndSentAsTheBindingDecidesWhateverSpringKafkaHeadersTheInputForged() {
		String marker = UUID.randomUUID().toString();
		send("{\"name\":\"" + marker + "\"}", null, Map.of("kafka_messageKey", "forged-key", "kafka_receivedMessageKey",
				"forged-key", "kafka_partitionId", "99", "kafka_timestamp", "yesterday", "x-request-id", marker));

		ConsumerRecord<byte[], byte[]> greeting = readOne("headers.out", marker);

		assertThat(text(greeting.value())).isEqualTo("\"Hello, " + marker + "!\"");
		assertThat(greeting.key()).as("the input had no key").isNull();
		assertThat(keys(greeting)).noneMatch((key) -> key.startsWith("kafka_"));
		assertThat(values(greeting, "x-request-id")).as("the producer's other headers").containsExactly(marker);
	}

	@Test
	void outputRecordCarriesNoneOfTheFnbridgeHeadersTheInputForged() {
		String marker = UUID.randomUUID().toString();
		send("{\"name\":\"" + marker + "\"}", "user-7", Map.of(DeadLetterHeaders.CATEGORY, "transient-failure",
				DeadLetterHeaders.FUNCTION, "admin", "x-request-id", marker));

		ConsumerRecord<byte[], byte[]> greeting = readOne("headers.out", marker);

		assertThat(text(greeting.value())).isEqualTo("\"Hello, " + marker + "!\"");
		assertThat(keys(greeting)).noneMatch((key) -> key.startsWith("fnbridge"));
		assertThat(values(greeting, "x-request-id")).as("the producer's other headers").containsExactly(marker);
	}

	@Test
	void readsARecordThatNamesAnotherTransportInAnFnbridgeHeaderAsAKafkaRecord() {
		String marker = UUID.randomUUID().toString();
		send("{\"name\":\"" + marker + "\"}", "user-7", Map.of("fnbridge_transport", "lambda"));

		ConsumerRecord<byte[], byte[]> greeting = readOne("headers.out", marker);

		assertThat(text(greeting.value())).isEqualTo("\"Hello, " + marker + "!\"");
		assertThat(text(greeting.key())).as("the output keeps the input's key, as on Kafka").isEqualTo("user-7");
		assertThat(keys(greeting)).noneMatch((key) -> key.startsWith("fnbridge"));
	}

	@Test
	void readsAValidRecordAsTheFunctionsInputWhateverItsJsonTypesHeaderNames() {
		String marker = UUID.randomUUID().toString();
		send("{\"name\":\"" + marker + "\"}", null, Map.of("contentType", "application/json",
				"spring_json_header_types", "{\"contentType\":\"java.util.Date\"}"));

		ConsumerRecord<byte[], byte[]> greeting = readOne("headers.out", marker);

		assertThat(text(greeting.value())).isEqualTo("\"Hello, " + marker + "!\"");
	}

	private void send(String value, String key, Map<String, String> headers) {
		ProducerRecord<byte[], byte[]> record = new ProducerRecord<>("headers.in", null,
				(key != null) ? bytes(key) : null, bytes(value));
		headers.forEach((name, header) -> record.headers().add(name, bytes(header)));
		TestRecords.sendAndWait(this.producer, record);
	}

	/**
	 * Reads a topic from the beginning until a record whose value contains the marker.
	 */
	private ConsumerRecord<byte[], byte[]> readOne(String topic, String marker) {
		return TestRecords.readOne(this.brokers, topic, marker, WAIT);
	}

	private static List<String> values(ConsumerRecord<?, ?> record, String name) {
		return StreamSupport.stream(record.headers().headers(name).spliterator(), false)
			.map((header) -> text(header.value()))
			.toList();
	}

	private static List<String> keys(ConsumerRecord<?, ?> record) {
		return StreamSupport.stream(record.headers().spliterator(), false).map(Header::key).toList();
	}

	private static String text(byte[] bytes) {
		return (bytes != null) ? new String(bytes, StandardCharsets.UTF_8) : null;
	}

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
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

}

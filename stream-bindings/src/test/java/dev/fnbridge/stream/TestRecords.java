package dev.fnbridge.stream;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.StreamSupport;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Sending and reading records on the real broker, shared by this module's integration
 * tests.
 */
final class TestRecords {

	private TestRecords() {
	}

	/**
	 * A producer of byte arrays, the way the tests send records.
	 * @param brokers the bootstrap servers
	 * @return the producer, for the caller to close
	 */
	static KafkaProducer<byte[], byte[]> producer(String brokers) {
		return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers,
				ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class,
				ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class));
	}

	/**
	 * The one value of a header, as UTF-8 text; fails unless there is exactly one.
	 * @param record the record
	 * @param name the header name
	 * @return its value
	 */
	static String header(ConsumerRecord<?, ?> record, String name) {
		List<String> values = StreamSupport.stream(record.headers().headers(name).spliterator(), false)
			.map((header) -> new String(header.value(), StandardCharsets.UTF_8))
			.toList();
		assertThat(values).as(name).hasSize(1);
		return values.get(0);
	}

	/**
	 * Sends a record and waits for the broker's acknowledgement.
	 * @param producer the producer
	 * @param record the record
	 */
	static void sendAndWait(Producer<byte[], byte[]> producer, ProducerRecord<byte[], byte[]> record) {
		try {
			producer.send(record).get();
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Reads a topic from the beginning, in a group of its own, until a record whose value
	 * contains the marker.
	 * @param brokers the bootstrap servers
	 * @param topic the topic
	 * @param marker text the value contains
	 * @param wait how long to wait for it
	 * @return the first such record
	 */
	static ConsumerRecord<byte[], byte[]> readOne(String brokers, String topic, String marker, Duration wait) {
		List<ConsumerRecord<byte[], byte[]>> found = new ArrayList<>();
		try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(
				Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers, ConsumerConfig.GROUP_ID_CONFIG,
						"test-" + UUID.randomUUID(), ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
						ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class,
						ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class))) {
			consumer.subscribe(List.of(topic));
			await().atMost(wait).until(() -> {
				consumer.poll(Duration.ofMillis(200)).forEach((record) -> {
					if (record.value() != null && new String(record.value(), StandardCharsets.UTF_8).contains(marker)) {
						found.add(record);
					}
				});
				return !found.isEmpty();
			});
		}
		return found.get(0);
	}

}

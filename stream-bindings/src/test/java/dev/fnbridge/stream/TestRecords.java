package dev.fnbridge.stream;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import static org.awaitility.Awaitility.await;

/**
 * Sending and reading records on the real broker, shared by this module's integration
 * tests.
 */
final class TestRecords {

	private TestRecords() {
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

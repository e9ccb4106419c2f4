package dev.fnbridge.stream;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Re-publishes dead letters to the topic they came from (or another), with their original
 * key, value and headers; the dead-letter headers are dropped. Progress is a consumer
 * group ({@code fnbridge-replay-<dead-letter topic>}), committed after each batch is
 * acknowledged, so each dead letter is replayed once even across runs. Stops when the
 * topic is drained.
 * <p>
 * Usage: {@code DeadLetterReplay <bootstrap> <dead-letter topic> [target topic]}.
 */
public final class DeadLetterReplay {

	private static final Duration IDLE = Duration.ofSeconds(3);

	private DeadLetterReplay() {
	}

	public static void main(String[] args) throws Exception {
		if (args.length < 2) {
			System.err.println("usage: DeadLetterReplay <bootstrap-servers> <dead-letter-topic> [target-topic]");
			System.exit(2);
		}
		System.out.println("replayed " + replay(args[0], args[1], (args.length > 2) ? args[2] : null) + " records");
	}

	/**
	 * Replays every dead letter not replayed before.
	 * @param bootstrap the broker addresses
	 * @param deadLetterTopic the dead-letter topic
	 * @param target the topic to publish to, or {@code null} for each record's original
	 * topic
	 * @return how many records were replayed
	 * @throws Exception if publishing fails
	 */
	public static int replay(String bootstrap, String deadLetterTopic, String target) throws Exception {
		int replayed = 0;
		try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(
				Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ConsumerConfig.GROUP_ID_CONFIG,
						"fnbridge-replay-" + deadLetterTopic, ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
						ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false, ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
						ByteArrayDeserializer.class, ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
						ByteArrayDeserializer.class));
				KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(
						Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ProducerConfig.ACKS_CONFIG, "all",
								ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
								ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class,
								ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class))) {
			consumer.subscribe(List.of(deadLetterTopic));
			long idleSince = System.nanoTime();
			while (System.nanoTime() - idleSince < IDLE.toNanos()) {
				ConsumerRecords<byte[], byte[]> records = consumer.poll(Duration.ofMillis(500));
				if (records.isEmpty()) {
					continue;
				}
				for (ConsumerRecord<byte[], byte[]> record : records) {
					String topic = (target != null) ? target : originalTopic(record, deadLetterTopic);
					producer.send(new ProducerRecord<>(topic, null, record.key(), record.value(),
							originalHeaders(record.headers())));
					replayed++;
				}
				producer.flush();
				consumer.commitSync();
				idleSince = System.nanoTime();
			}
		}
		return replayed;
	}

	private static String originalTopic(ConsumerRecord<byte[], byte[]> record, String deadLetterTopic) {
		Header header = record.headers().lastHeader(DeadLetterHeaders.ORIGINAL_TOPIC);
		if (header == null) {
			throw new IllegalStateException("Record " + record.partition() + "@" + record.offset() + " of "
					+ deadLetterTopic + " does not name its original topic; pass a target topic");
		}
		return new String(header.value(), StandardCharsets.UTF_8);
	}

	private static Headers originalHeaders(Headers headers) {
		Headers kept = new RecordHeaders();
		for (Header header : headers) {
			if (!header.key().startsWith("fnbridge-") && !header.key().startsWith("kafka_dlt-")) {
				kept.add(header);
			}
		}
		return kept;
	}

}

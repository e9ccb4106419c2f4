package dev.fnbridge.benchmark.kafka;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What {@code hello} on Kafka costs with nothing but kafka-clients and Jackson: consume a
 * record, read {@code name} from its JSON, produce {@code "Hello, <name>!"} as a JSON
 * string with the same key, commit each polled batch. Producer settings as the binder's
 * (acks=all, idempotence, linger.ms=5). Stops after {@code count} records.
 * <p>
 * {@code RawKafkaLoop <bootstrap> <input topic> <output topic> <count>}
 */
public final class RawKafkaLoop {

	private RawKafkaLoop() {
	}

	public static void main(String[] args) {
		String bootstrap = args[0];
		String input = args[1];
		String output = args[2];
		long count = Long.parseLong(args[3]);
		JsonMapper mapper = JsonMapper.builder().build();
		try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
				ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ConsumerConfig.GROUP_ID_CONFIG, "raw-" + input,
				ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest", ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
				ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class,
				ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class));
				KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(
						Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ProducerConfig.ACKS_CONFIG, "all",
								ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true, ProducerConfig.LINGER_MS_CONFIG, 5,
								ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class,
								ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class))) {
			consumer.subscribe(List.of(input));
			long done = 0;
			while (done < count) {
				for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
					JsonNode request = mapper.readTree(record.value());
					String name = request.path("name").asString("").strip();
					byte[] greeting = mapper.writeValueAsBytes("Hello, " + (name.isEmpty() ? "World" : name) + "!");
					producer.send(new ProducerRecord<>(output, record.key(), greeting));
					done++;
				}
				producer.flush();
				consumer.commitSync();
			}
			producer.flush();
			consumer.commitSync();
		}
	}

}

package dev.fnbridge.stream;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.utils.KafkaThread;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.kafka.KafkaException;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.ProducerListener;
import org.springframework.kafka.support.SendResult;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatNoException;

/**
 * {@link OutputFlush} against a real broker: what it waits for, and what it does when a
 * send failed.
 */
@EmbeddedKafka(partitions = 1)
class OutputFlushIntegrationTests {

	private final List<DefaultKafkaProducerFactory<byte[], byte[]>> factories = new ArrayList<>();

	@AfterEach
	void close() {
		this.factories.forEach(DefaultKafkaProducerFactory::destroy);
	}

	@Test
	void flushReturnsOnlyWhenEveryAsynchronousSendIsAcknowledged(EmbeddedKafkaBroker broker) {
		OutputFlush flush = new OutputFlush(1, Duration.ofSeconds(10));
		// A long linger keeps records in the producer's buffer until something flushes.
		KafkaTemplate<byte[], byte[]> template = template(broker, flush,
				Map.of(ProducerConfig.LINGER_MS_CONFIG, 60000));
		List<CompletableFuture<SendResult<byte[], byte[]>>> sends = new ArrayList<>();
		for (int i = 0; i < 10; i++) {
			sends.add(template.send("flush.out", ("r" + i).getBytes()));
		}
		assertThat(sends).noneMatch(CompletableFuture::isDone);

		flush.flush();

		assertThat(sends).allMatch((send) -> send.isDone() && !send.isCompletedExceptionally());
	}

	@Test
	void leavesAnImmediatelyFailedSendToItsCallersErrorHandling(EmbeddedKafkaBroker broker) {
		OutputFlush flush = new OutputFlush(2, Duration.ofSeconds(5));
		KafkaTemplate<byte[], byte[]> template = template(broker, flush,
				Map.of(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 1024));

		// Too large: the send throws at once, so the binding dead-letters the input
		// record.
		assertThatExceptionOfType(KafkaException.class).isThrownBy(() -> template.send("flush.out", new byte[4096]));

		assertThatNoException().isThrownBy(flush::flush);
	}

	@Test
	void stopsWithAnErrorWhenALaterFailedSendCannotBeSentAgain(EmbeddedKafkaBroker broker) {
		OutputFlush flush = new OutputFlush(2, Duration.ofSeconds(2));
		// The broker refuses batches over 2 KB; the producer only learns it from the
		// answer.
		broker.addTopics(new NewTopic("flush.small", 1, (short) 1).configs(Map.of("max.message.bytes", "2048")));
		KafkaTemplate<byte[], byte[]> template = template(broker, flush, Map.of(ProducerConfig.RETRIES_CONFIG, 0,
				ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 3000, ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 2000));
		CompletableFuture<SendResult<byte[], byte[]>> tooLarge = template.send("flush.small", new byte[4096]);

		assertThatExceptionOfType(KafkaException.class).isThrownBy(flush::flush)
			.withMessageContaining("flush.small")
			.withMessageContaining("could not be sent");
		assertThat(tooLarge).isCompletedExceptionally();
	}

	@Test
	void leavesFailedTransactionalSendsToTheTransaction(EmbeddedKafkaBroker broker) throws InterruptedException {
		OutputFlush flush = new OutputFlush(1, Duration.ofSeconds(2));
		Map<String, Object> config = new HashMap<>();
		config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString());
		config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
		config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
		DefaultKafkaProducerFactory<byte[], byte[]> transactional = new DefaultKafkaProducerFactory<>(config);
		transactional.setTransactionIdPrefix("flush-test-");
		this.factories.add(transactional);
		flush.configure(transactional);
		// As the producer's I/O thread reports a failed send inside a transaction.
		Thread io = new KafkaThread(
				"kafka-producer-network-thread | test", () -> flush
					.onError(new ProducerRecord<>("flush.tx", new byte[1]), null, new TimeoutException("expired")),
				true);
		io.start();
		io.join();

		assertThatNoException().isThrownBy(flush::flush);
	}

	@SuppressWarnings({ "unchecked", "rawtypes" })
	private KafkaTemplate<byte[], byte[]> template(EmbeddedKafkaBroker broker, OutputFlush flush,
			Map<String, Object> extra) {
		Map<String, Object> config = new HashMap<>(extra);
		config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString());
		config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
		config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
		DefaultKafkaProducerFactory<byte[], byte[]> factory = new DefaultKafkaProducerFactory<>(config);
		this.factories.add(factory);
		flush.configure(factory);
		KafkaTemplate<byte[], byte[]> template = new KafkaTemplate<>(factory);
		template.setProducerListener((ProducerListener) flush);
		return template;
	}

}

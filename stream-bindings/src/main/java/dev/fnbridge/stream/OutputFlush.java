package dev.fnbridge.stream;

import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.utils.KafkaThread;
import org.jspecify.annotations.Nullable;

import org.springframework.cloud.stream.binder.kafka.config.ClientFactoryCustomizer;
import org.springframework.kafka.KafkaException;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.kafka.listener.RecordInterceptor;
import org.springframework.kafka.support.LoggingProducerListener;

/**
 * Lets the binder send output records asynchronously without losing any: before the
 * consumer commits the offsets of a polled batch, every output record sent so far must be
 * acknowledged.
 * <p>
 * The listener container commits a batch's offsets at the start of its next poll cycle,
 * after it has cleared the thread state of the previous one; {@link #interceptor()} waits
 * there ({@code flush}) for all non-transactional output producers. Dead-lettering a
 * record commits at once, so the recoverer flushes first too. A send that failed even so
 * (after the producer's own retries) is sent again, synchronously; if that fails the
 * consumer stops before committing, so the records are processed again after a restart or
 * rebalance. One flush per poll instead of one wait per record is what makes the Kafka
 * path fast.
 */
class OutputFlush extends LoggingProducerListener<Object, Object> implements ClientFactoryCustomizer {

	private static final Log logger = LogFactory.getLog(OutputFlush.class);

	private final List<ProducerFactory<?, ?>> producers = new CopyOnWriteArrayList<>();

	private final Queue<ProducerRecord<Object, Object>> failed = new ConcurrentLinkedQueue<>();

	private final int resendAttempts;

	private final Duration resendTimeout;

	OutputFlush(int resendAttempts, Duration resendTimeout) {
		this.resendAttempts = resendAttempts;
		this.resendTimeout = resendTimeout;
	}

	@Override
	public void configure(ProducerFactory<?, ?> producerFactory) {
		// Transactional producers commit outputs and offsets together: nothing to wait
		// for.
		if (!producerFactory.transactionCapable()) {
			this.producers.add(producerFactory);
		}
	}

	@Override
	public void onError(ProducerRecord<Object, Object> record, @Nullable RecordMetadata metadata, Exception exception) {
		super.onError(record, metadata, exception);
		// A send that fails at once (too large, unknown topic) also throws to its caller,
		// so
		// the record's own error handling deals with it; only failures reported later by
		// the producer's I/O thread would otherwise go unnoticed.
		// Without non-transactional output producers (exactly-once mode) a failed send
		// aborts
		// its transaction and the container processes the record again: nothing to
		// re-send.
		if (Thread.currentThread() instanceof KafkaThread && !this.producers.isEmpty()) {
			this.failed.add(record);
		}
	}

	/**
	 * Waits until every output record sent so far is acknowledged, and sends failed ones
	 * again. One consumer thread at a time: a record another thread is re-sending stays
	 * queued until it is acknowledged, so no thread commits past a send still in doubt.
	 * @throws KafkaException if a failed record cannot be sent
	 */
	synchronized void flush() {
		for (ProducerFactory<?, ?> factory : this.producers) {
			try (Producer<?, ?> producer = factory.createProducer()) {
				producer.flush();
			}
		}
		ProducerRecord<Object, Object> record;
		while ((record = this.failed.peek()) != null) {
			resend(record);
			this.failed.remove();
		}
	}

	@SuppressWarnings("unchecked")
	private void resend(ProducerRecord<Object, Object> record) {
		Exception last = null;
		for (int attempt = 1; attempt <= this.resendAttempts; attempt++) {
			try (Producer<Object, Object> producer = (Producer<Object, Object>) this.producers.get(0)
				.createProducer()) {
				producer.send(record).get(this.resendTimeout.toMillis(), TimeUnit.MILLISECONDS);
				return;
			}
			catch (ExecutionException | TimeoutException ex) {
				last = ex;
				logger.warn("Output record to " + record.topic() + " failed again (attempt " + attempt + ")");
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new KafkaException("Interrupted while re-sending an output record", ex);
			}
		}
		throw new KafkaException("Output record to " + record.topic() + " could not be sent; the consumer stops "
				+ "before committing, so its input is processed again after a restart", last);
	}

	/**
	 * The interceptor that flushes at the end of each poll cycle.
	 * @return the interceptor
	 */
	RecordInterceptor<Object, Object> interceptor() {
		return new RecordInterceptor<>() {

			@Override
			public ConsumerRecord<Object, Object> intercept(ConsumerRecord<Object, Object> record,
					Consumer<Object, Object> consumer) {
				return record;
			}

			@Override
			public void clearThreadState(Consumer<?, ?> consumer) {
				flush();
			}

		};
	}

}

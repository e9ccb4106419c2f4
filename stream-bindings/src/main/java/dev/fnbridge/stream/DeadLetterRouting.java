package dev.fnbridge.stream;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;

import dev.fnbridge.core.error.ClassifiedError;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

import org.springframework.cloud.stream.binder.kafka.ListenerContainerWithDlqAndRetryCustomizer;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.listener.AbstractMessageListenerContainer;
import org.springframework.kafka.listener.CompositeRecordInterceptor;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer.HeaderNames.HeadersToAdd;
import org.springframework.kafka.listener.DefaultAfterRollbackProcessor;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.listener.RecordInterceptor;
import org.springframework.kafka.listener.RetryListener;
import org.springframework.kafka.support.ExponentialBackOffWithMaxRetries;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.util.backoff.BackOff;
import org.springframework.util.backoff.FixedBackOff;

/**
 * Moves retry and dead-lettering from the binding into each listener container, where
 * they can tell errors apart: invalid input (validation errors, unreadable payloads) is
 * dead-lettered at once; other failures are retried with exponential backoff, then
 * dead-lettered. The partition carries on with the next record either way, and offsets
 * are committed only after a record was processed or dead-lettered, so nothing is lost.
 */
class DeadLetterRouting implements ListenerContainerWithDlqAndRetryCustomizer {

	/**
	 * Name of the dead-letter counter, tagged {@code function} and {@code error.type}.
	 */
	static final String DEAD_LETTERS = "fnbridge.kafka.dead.letters";

	private static final BackOff NO_RETRY = new FixedBackOff(0L, 0L);

	/** The prefix of the headers Spring Kafka's recoverer adds to a dead letter. */
	private static final String SPRING_DEAD_LETTER_PREFIX = KafkaHeaders.PREFIX + "dlt-";

	private final KafkaOperations<byte[], byte[]> template;

	private final KafkaTransportProperties properties;

	private final BindingFunctions functions;

	private final MeterRegistry meters;

	private final OutputFlush outputs;

	DeadLetterRouting(KafkaOperations<byte[], byte[]> template, KafkaTransportProperties properties,
			BindingFunctions functions, MeterRegistry meters, OutputFlush outputs) {
		this.template = template;
		this.outputs = outputs;
		this.properties = properties;
		this.functions = functions;
		this.meters = meters;
	}

	@Override
	public void configure(AbstractMessageListenerContainer<?, ?> container, String destinationName, String group,
			BiFunction<ConsumerRecord<?, ?>, Exception, TopicPartition> dlqDestinationResolver, BackOff backOff) {
		String function = this.functions.forDestination(destinationName);
		Map<String, Integer> attempts = new ConcurrentHashMap<>();
		DeadLetterPublishingRecoverer recoverer = new DeadLetterPublishingRecoverer(this.template,
				(record, ex) -> new TopicPartition(record.topic() + this.properties.getDeadLetterSuffix(), -1));
		if (!this.properties.isIncludeStackTrace()) {
			recoverer.excludeHeader(HeadersToAdd.EX_STACKTRACE);
		}
		recoverer
			.setHeadersFunction((record, ex) -> headers(record, ex, function, attempts.getOrDefault(key(record), 1)));
		// Dead-lettering commits the record's offset at once: outputs of the records
		// before
		// it must be acknowledged first.
		DefaultErrorHandler handler = new DefaultErrorHandler((record, ex) -> {
			this.outputs.flush();
			recoverer.accept(withoutReservedHeaders(record), ex);
		}, retryBackOff());
		handler
			.setBackOffFunction((record, ex) -> StreamErrors.classify(ex).category().isClientError() ? NO_RETRY : null);
		handler.setRetryListeners(new org.springframework.kafka.listener.RetryListener() {

			@Override
			public void failedDelivery(ConsumerRecord<?, ?> record, Exception ex, int deliveryAttempt) {
				attempts.put(key(record), deliveryAttempt);
			}

			@Override
			public void recovered(ConsumerRecord<?, ?> record, Exception ex) {
				attempts.remove(key(record));
			}

		});
		container.setCommonErrorHandler(handler);
		setOutputFlush(container);
	}

	@SuppressWarnings({ "unchecked", "rawtypes" })
	private void setOutputFlush(AbstractMessageListenerContainer<?, ?> container) {
		RecordInterceptor existing = container.getRecordInterceptor();
		RecordInterceptor flush = this.outputs.interceptor();
		container.setRecordInterceptor((existing != null) ? new CompositeRecordInterceptor(existing, flush) : flush);
	}

	@Override
	public boolean retryAndDlqInBinding(String destinationName, String group) {
		return false;
	}

	private BackOff retryBackOff() {
		KafkaTransportProperties.Retry retry = this.properties.getRetry();
		ExponentialBackOffWithMaxRetries backOff = new ExponentialBackOffWithMaxRetries(
				Math.max(0, retry.getMaxAttempts() - 1));
		backOff.setInitialInterval(retry.getInitialInterval().toMillis());
		backOff.setMultiplier(retry.getMultiplier());
		backOff.setMaxInterval(retry.getMaxInterval().toMillis());
		return backOff;
	}

	private Headers headers(ConsumerRecord<?, ?> record, Exception ex, String function, int attempts) {
		ClassifiedError error = StreamErrors.classify(ex);
		Headers headers = new RecordHeaders();
		add(headers, DeadLetterHeaders.FUNCTION, function);
		add(headers, DeadLetterHeaders.CATEGORY, error.category().slug());
		add(headers, DeadLetterHeaders.CAUSE_CLASS, error.cause().getClass().getName());
		add(headers, DeadLetterHeaders.CAUSE_MESSAGE, causeMessage(error));
		add(headers, DeadLetterHeaders.ATTEMPTS, Integer.toString(attempts));
		add(headers, DeadLetterHeaders.ORIGINAL_TOPIC, record.topic());
		add(headers, DeadLetterHeaders.ORIGINAL_PARTITION, Integer.toString(record.partition()));
		add(headers, DeadLetterHeaders.ORIGINAL_OFFSET, Long.toString(record.offset()));
		Counter.builder(DEAD_LETTERS)
			.description("Records sent to a dead-letter topic")
			.tag("function", function)
			.tag("error.type", error.category().slug())
			.register(this.meters)
			.increment();
		return headers;
	}

	/**
	 * The record as the recoverer copies it into the dead letter: without fnbridge's own
	 * headers, which {@link #headers} writes, nor Spring Kafka's dead-letter headers
	 * ({@code kafka_dlt-*}), which the recoverer writes. A producer's forged
	 * {@code fnbridge-error-category} or {@code kafka_dlt-original-topic} would otherwise
	 * stand before the real one, and be what a reader taking the first value sees.
	 */
	private static ConsumerRecord<?, ?> withoutReservedHeaders(ConsumerRecord<?, ?> record) {
		Headers kept = new RecordHeaders();
		boolean dropped = false;
		for (Header header : record.headers()) {
			if (FnbridgeHeaderMapper.isReserved(header.key()) || header.key().startsWith(SPRING_DEAD_LETTER_PREFIX)) {
				dropped = true;
			}
			else {
				kept.add(header);
			}
		}
		if (!dropped) {
			return record;
		}
		return new ConsumerRecord<>(record.topic(), record.partition(), record.offset(), record.timestamp(),
				record.timestampType(), record.serializedKeySize(), record.serializedValueSize(), record.key(),
				record.value(), kept, record.leaderEpoch(), record.deliveryCount());
	}

	private static String causeMessage(ClassifiedError error) {
		String message = error.category().isClientError() ? error.detail() : error.cause().getMessage();
		return (message != null) ? message : "";
	}

	private static void add(Headers headers, String name, String value) {
		headers.add(name, value.getBytes(StandardCharsets.UTF_8));
	}

	private static String key(ConsumerRecord<?, ?> record) {
		return record.topic() + '-' + record.partition() + '@' + record.offset();
	}

}

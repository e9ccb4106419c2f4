package dev.fnbridge.stream;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;

import dev.fnbridge.core.error.ClassifiedError;
import dev.fnbridge.core.invocation.EntryGate;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.jspecify.annotations.Nullable;

import org.springframework.cloud.stream.binder.ExtendedConsumerProperties;
import org.springframework.cloud.stream.binder.kafka.ListenerContainerWithDlqAndRetryCustomizer;
import org.springframework.cloud.stream.binder.kafka.properties.KafkaConsumerProperties;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.kafka.listener.AbstractMessageListenerContainer;
import org.springframework.kafka.listener.BatchInterceptor;
import org.springframework.kafka.listener.CompositeBatchInterceptor;
import org.springframework.kafka.listener.CompositeRecordInterceptor;
import org.springframework.kafka.listener.DefaultAfterRollbackProcessor;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer.HeaderNames.HeadersToAdd;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.listener.RecordInterceptor;
import org.springframework.kafka.listener.RetryListener;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.kafka.transaction.KafkaAwareTransactionManager;
import org.springframework.util.backoff.BackOff;
import org.springframework.util.backoff.FixedBackOff;

/**
 * Moves retry and dead-lettering from the binding into each listener container, where
 * they can tell errors apart: invalid input (validation errors, unreadable payloads) is
 * dead-lettered at once; other failures are retried with exponential backoff, then
 * dead-lettered. Each binding's dead-letter topic and retries are fnbridge's
 * ({@code fnbridge.kafka.*}) unless the binding sets its own ({@code dlq-name},
 * {@code max-attempts}, {@code back-off-*}; see {@link BindingDeadLetterSettings}). The
 * partition carries on with the next record either way, and offsets are committed only
 * after a record was processed or dead-lettered, so nothing is lost.
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

	private final BindingDeadLetterSettings settings;

	DeadLetterRouting(KafkaOperations<byte[], byte[]> template, KafkaTransportProperties properties,
			BindingDeadLetterSettings settings, BindingFunctions functions, MeterRegistry meters, OutputFlush outputs) {
		this.template = template;
		this.settings = settings;
		this.outputs = outputs;
		this.properties = properties;
		this.functions = functions;
		this.meters = meters;
	}

	/**
	 * Installs fnbridge's error handler with fnbridge's own policy; the binder calls the
	 * variant with the binding's properties instead.
	 */
	@Override
	public void configure(AbstractMessageListenerContainer<?, ?> container, String destinationName, String group,
			@Nullable BiFunction<ConsumerRecord<?, ?>, Exception, TopicPartition> dlqDestinationResolver,
			@Nullable BackOff backOff) {
		configure(container, destinationName, DeadLetterPolicy.defaults(this.properties), false);
	}

	/**
	 * Installs fnbridge's error handler with the binding's policy. The resolver and
	 * backoff the binder passes are not used: it passes a resolver only with
	 * {@code enable-dlq}, which is refused at start-up, and its backoff carries the
	 * binder's defaults where the binding sets nothing, so the policy is built from the
	 * settings the binding has (see {@link BindingDeadLetterSettings}).
	 */
	@Override
	public void configure(AbstractMessageListenerContainer<?, ?> container, String destinationName, String group,
			@Nullable BiFunction<ConsumerRecord<?, ?>, Exception, TopicPartition> dlqDestinationResolver,
			@Nullable BackOff backOff, ExtendedConsumerProperties<KafkaConsumerProperties> consumer) {
		DeadLetterPolicy policy = (consumer.getBindingName() != null)
				? this.settings.policy(consumer.getBindingName(), consumer, consumer.getExtension())
				: DeadLetterPolicy.defaults(this.properties);
		configure(container, destinationName, policy, consumer.isBatchMode());
	}

	private void configure(AbstractMessageListenerContainer<?, ?> container, String destinationName,
			DeadLetterPolicy policy, boolean batch) {
		String function = this.functions.forDestination(destinationName);
		Map<String, Integer> attempts = new ConcurrentHashMap<>();
		KafkaAwareTransactionManager<?, ?> transactions = container.getContainerProperties()
			.getKafkaAwareTransactionManager();
		if (batch && transactions != null) {
			configureTransactionalBatch(container, policy, attempts, function, transactions);
			return;
		}
		DeadLetterPublishingRecoverer recoverer = recoverer(this.template, policy, attempts, function);
		// Dead-lettering commits the record's offset at once: outputs of the records
		// before it must be acknowledged first.
		DefaultErrorHandler handler = new DefaultErrorHandler((record, ex) -> {
			this.outputs.flush();
			recoverer.accept(withoutReservedHeaders(record), ex);
		}, policy.backOff());
		// Invalid input cannot pass on a retry: dead-lettered at once whatever the
		// policy.
		handler
			.setBackOffFunction((record, ex) -> StreamErrors.classify(ex).category().isClientError() ? NO_RETRY : null);
		handler.setRetryListeners(new RetryListener() {

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
		if (batch) {
			setBatchInterceptor(container,
					BatchDeadLetters.interceptor(policy, sender(recoverer, attempts), this.outputs));
		}
		else {
			setRecordInterceptors(container);
		}
	}

	/**
	 * A batch-mode binding in exactly-once mode: one transaction per batch (the
	 * container's), in which its outputs, its records' dead letters and its offsets are
	 * committed together. Dead letters go through the container's transactional producer.
	 * A failure of the batch as a whole (an output that cannot be sent) rolls it back,
	 * nothing of it visible to {@code read_committed} consumers; the batch is consumed
	 * again with the binding's backoff, and once that is spent its records are
	 * dead-lettered and their offsets committed, in one transaction.
	 */
	@SuppressWarnings({ "unchecked", "rawtypes" })
	private void configureTransactionalBatch(AbstractMessageListenerContainer<?, ?> container, DeadLetterPolicy policy,
			Map<String, Integer> attempts, String function, KafkaAwareTransactionManager<?, ?> transactions) {
		KafkaTemplate<byte[], byte[]> inTransaction = new KafkaTemplate<>(
				(ProducerFactory<byte[], byte[]>) transactions.getProducerFactory());
		DeadLetterPublishingRecoverer recoverer = recoverer(inTransaction, policy, attempts, function);
		BatchDeadLetters.DeadLetterSender sender = sender(recoverer, attempts);
		// No error handler: a failed batch must roll back, not be retried inside its
		// transaction (the failed attempt's outputs would be committed with the retry's).
		container.setCommonErrorHandler(null);
		DefaultAfterRollbackProcessor rollbacks = new DefaultAfterRollbackProcessor<>(
				(record, ex) -> sender.send((ConsumerRecord<?, ?>) record, (Exception) ex, policy.maxAttempts()),
				policy.backOff(), inTransaction, true);
		container.setAfterRollbackProcessor(rollbacks);
		container.getContainerProperties().setBatchRecoverAfterRollback(true);
		setBatchInterceptor(container, BatchDeadLetters.interceptor(policy, sender, this.outputs));
	}

	/** Dead-letters a record of a batch, its attempts in the headers. */
	private static BatchDeadLetters.DeadLetterSender sender(DeadLetterPublishingRecoverer recoverer,
			Map<String, Integer> attempts) {
		return (record, ex, times) -> {
			attempts.put(key(record), times);
			try {
				recoverer.accept(withoutReservedHeaders(record), ex);
			}
			finally {
				attempts.remove(key(record));
			}
		};
	}

	private DeadLetterPublishingRecoverer recoverer(KafkaOperations<byte[], byte[]> template, DeadLetterPolicy policy,
			Map<String, Integer> attempts, String function) {
		DeadLetterPublishingRecoverer recoverer = new DeadLetterPublishingRecoverer(template,
				(record, ex) -> new TopicPartition(policy.deadLetterTopic(record.topic()), -1));
		if (!this.properties.isIncludeStackTrace()) {
			recoverer.excludeHeader(HeadersToAdd.EX_STACKTRACE);
		}
		recoverer
			.setHeadersFunction((record, ex) -> headers(record, ex, function, attempts.getOrDefault(key(record), 1)));
		return recoverer;
	}

	@SuppressWarnings({ "unchecked", "rawtypes" })
	private static void setBatchInterceptor(AbstractMessageListenerContainer<?, ?> container,
			BatchInterceptor<Object, Object> interceptor) {
		BatchInterceptor existing = container.getBatchInterceptor();
		container.setBatchInterceptor((existing != null) ? new CompositeBatchInterceptor(existing, interceptor)
				: (BatchInterceptor) interceptor);
	}

	/**
	 * The output flush, and last (closest to the function) the binding's entry gate: its
	 * consumer threads share one catalog function, and Spring Cloud Function's mark on it
	 * would take a record past fnbridge's wrapper while another thread is on its way in
	 * (see {@link EntryGate}).
	 */
	@SuppressWarnings({ "unchecked", "rawtypes" })
	private void setRecordInterceptors(AbstractMessageListenerContainer<?, ?> container) {
		RecordInterceptor existing = container.getRecordInterceptor();
		RecordInterceptor flush = this.outputs.interceptor();
		RecordInterceptor gate = entryGate(new EntryGate());
		container.setRecordInterceptor((existing != null) ? new CompositeRecordInterceptor(existing, flush, gate)
				: new CompositeRecordInterceptor(flush, gate));
	}

	private static RecordInterceptor<Object, Object> entryGate(EntryGate gate) {
		return new RecordInterceptor<>() {

			@Override
			public ConsumerRecord<Object, Object> intercept(ConsumerRecord<Object, Object> record,
					Consumer<Object, Object> consumer) {
				gate.enter();
				return record;
			}

			// Left by fnbridge's wrapper as soon as it is entered; these cover a record
			// that failed before reaching it, before the error handler runs.
			@Override
			public void success(ConsumerRecord<Object, Object> record, Consumer<Object, Object> consumer) {
				EntryGate.leaveHeld();
			}

			@Override
			public void failure(ConsumerRecord<Object, Object> record, Exception exception,
					Consumer<Object, Object> consumer) {
				EntryGate.leaveHeld();
			}

			@Override
			public void afterRecord(ConsumerRecord<Object, Object> record, Consumer<Object, Object> consumer) {
				EntryGate.leaveHeld();
			}

		};
	}

	@Override
	public boolean retryAndDlqInBinding(String destinationName, String group) {
		return false;
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

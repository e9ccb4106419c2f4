package dev.fnbridge.lambda.local;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Lambda's Kafka event source mapping (MSK or self-managed Apache Kafka) on this machine:
 * polls real topics as a consumer group, batches records per partition (batch size,
 * batching window, the 6 MB payload limit), invokes a {@link LocalLambda} with the event
 * Lambda sends, and on a function error retries, bisects the batch, drops records older
 * than the maximum record age, and writes what cannot be processed to an on-failure Kafka
 * topic. Offsets are committed after each batch is done (processed or sent to the
 * destination), so a restart resumes where it stopped, as Lambda's pollers do.
 * <p>
 * Choices where Lambda's documentation is silent, named so they can be checked against
 * AWS: bisection does not count as a retry; a record that exhausts its retries, or is
 * older than the maximum age, is written to the destination as it was (key, value,
 * headers) with {@code fnbridge-esm-*} metadata headers; with infinite retries and a
 * destination, retries stop at 10 (as Lambda documents for Kafka destinations).
 */
public final class KafkaEventSourceMapping implements AutoCloseable {

	/** Lambda's limit for a synchronous invocation's payload. */
	static final int MAX_EVENT_BYTES = 6 * 1024 * 1024;

	/** With infinite retries and an on-failure destination, Lambda stops at 10. */
	static final int RETRIES_WITH_DESTINATION = 10;

	private static final Pattern ERROR_TYPE = Pattern.compile("\"errorType\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.)*)\"");

	private static final Pattern ERROR_MESSAGE = Pattern.compile("\"errorMessage\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.)*)\"");

	private final LocalLambda lambda;

	private final Settings settings;

	private final KafkaConsumer<byte[], byte[]> consumer;

	private final KafkaProducer<byte[], byte[]> producer;

	private final Map<TopicPartition, Deque<ConsumerRecord<byte[], byte[]>>> buffers = new LinkedHashMap<>();

	private final Map<TopicPartition, Long> bufferedSince = new HashMap<>();

	private long invocations;

	private long failedInvocations;

	private long processed;

	private long toDestination;

	/**
	 * Creates the mapping; it starts polling in {@link #run}.
	 * @param lambda the function
	 * @param settings the mapping's settings
	 */
	public KafkaEventSourceMapping(LocalLambda lambda, Settings settings) {
		this.lambda = lambda;
		this.settings = settings;
		Properties consumer = new Properties();
		consumer.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers());
		consumer.put(ConsumerConfig.GROUP_ID_CONFIG, settings.groupId());
		consumer.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
		consumer.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, settings.trimHorizon() ? "earliest" : "latest");
		consumer.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
		consumer.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, Math.max(settings.batchSize(), 500));
		this.consumer = new KafkaConsumer<>(consumer, new ByteArrayDeserializer(), new ByteArrayDeserializer());
		if (settings.onFailureTopic() != null) {
			Properties producer = new Properties();
			producer.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers());
			producer.put(ProducerConfig.ACKS_CONFIG, "all");
			producer.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
			this.producer = new KafkaProducer<>(producer, new ByteArraySerializer(), new ByteArraySerializer());
		}
		else {
			this.producer = null;
		}
	}

	/**
	 * Polls and invokes until {@code stop} says so (checked between polls).
	 * @param stop whether to stop
	 * @return what was done
	 * @throws TimeoutException if the function did not answer an invocation in time
	 */
	public Stats run(BooleanSupplier stop) throws TimeoutException {
		this.consumer.subscribe(this.settings.topics(), new ConsumerRebalanceListener() {
			@Override
			public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
				// Not committed: whoever gets them next reads them again.
				partitions.forEach(KafkaEventSourceMapping.this.buffers::remove);
				partitions.forEach(KafkaEventSourceMapping.this.bufferedSince::remove);
			}

			@Override
			public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
			}
		});
		while (!stop.getAsBoolean()) {
			for (ConsumerRecord<byte[], byte[]> record : this.consumer.poll(Duration.ofMillis(100))) {
				TopicPartition partition = new TopicPartition(record.topic(), record.partition());
				this.buffers.computeIfAbsent(partition, (key) -> new ArrayDeque<>()).add(record);
				this.bufferedSince.putIfAbsent(partition, System.nanoTime());
			}
			deliverDueBatches();
		}
		return stats();
	}

	/**
	 * Polls and invokes until no record has arrived and none is waiting for {@code idle},
	 * e.g. for scripts and tests that feed a topic first.
	 * @param idle how long without records ends the run
	 * @return what was done
	 * @throws TimeoutException if the function did not answer an invocation in time
	 */
	public Stats runUntilIdle(Duration idle) throws TimeoutException {
		long[] lastActivity = { System.nanoTime() };
		long[] lastCount = { -1 };
		return run(() -> {
			long count = this.invocations + this.toDestination + bufferedRecords();
			if (count != lastCount[0]) {
				lastCount[0] = count;
				lastActivity[0] = System.nanoTime();
				return false;
			}
			return bufferedRecords() == 0 && System.nanoTime() - lastActivity[0] > idle.toNanos();
		});
	}

	/**
	 * What the mapping did so far.
	 * @return the counts
	 */
	public Stats stats() {
		return new Stats(this.invocations, this.failedInvocations, this.processed, this.toDestination);
	}

	private long bufferedRecords() {
		return this.buffers.values().stream().mapToLong(Deque::size).sum();
	}

	private void deliverDueBatches() throws TimeoutException {
		long now = System.nanoTime();
		for (Map.Entry<TopicPartition, Deque<ConsumerRecord<byte[], byte[]>>> entry : this.buffers.entrySet()) {
			Deque<ConsumerRecord<byte[], byte[]>> buffer = entry.getValue();
			while (!buffer.isEmpty() && (buffer.size() >= this.settings.batchSize()
					|| now - this.bufferedSince.get(entry.getKey()) >= this.settings.batchWindow().toNanos())) {
				List<ConsumerRecord<byte[], byte[]>> batch = takeBatch(buffer);
				deliver(batch);
				ConsumerRecord<byte[], byte[]> last = batch.get(batch.size() - 1);
				this.consumer.commitSync(Map.of(entry.getKey(), new OffsetAndMetadata(last.offset() + 1)));
				this.bufferedSince.put(entry.getKey(), System.nanoTime());
			}
		}
	}

	/** Up to the batch size, and no more than fits in one event. */
	private List<ConsumerRecord<byte[], byte[]>> takeBatch(Deque<ConsumerRecord<byte[], byte[]>> buffer) {
		List<ConsumerRecord<byte[], byte[]>> batch = new ArrayList<>();
		long bytes = 512;
		while (!buffer.isEmpty() && batch.size() < this.settings.batchSize()) {
			long size = encodedSize(buffer.peek());
			if (!batch.isEmpty() && bytes + size > MAX_EVENT_BYTES) {
				break;
			}
			bytes += size;
			batch.add(buffer.poll());
		}
		return batch;
	}

	private static long encodedSize(ConsumerRecord<byte[], byte[]> record) {
		long size = 200 + record.topic().length();
		size += (record.key() != null) ? record.key().length * 4L / 3 + 4 : 0;
		size += (record.value() != null) ? record.value().length * 4L / 3 + 4 : 0;
		for (Header header : record.headers()) {
			size += header.key().length() + ((header.value() != null) ? header.value().length * 5L : 0) + 8;
		}
		return size;
	}

	private void deliver(List<ConsumerRecord<byte[], byte[]>> batch) throws TimeoutException {
		attempt(batch, 0);
	}

	/**
	 * One invocation of a batch; on a function error the batch is split in two
	 * (bisection) or, for one record, retried until the retries are used up.
	 */
	private void attempt(List<ConsumerRecord<byte[], byte[]>> records, int retries) throws TimeoutException {
		List<ConsumerRecord<byte[], byte[]>> batch = withoutExpired(records, retries);
		if (batch.isEmpty()) {
			return;
		}
		InvocationResult result = this.lambda.invoke(event(batch), Duration.ofMinutes(15));
		this.invocations++;
		if (!result.error()) {
			this.processed += batch.size();
			return;
		}
		this.failedInvocations++;
		if (this.settings.bisectBatchOnFunctionError() && batch.size() > 1) {
			int half = batch.size() / 2;
			attempt(batch.subList(0, half), retries);
			attempt(batch.subList(half, batch.size()), retries);
			return;
		}
		int maxRetries = maxRetries();
		if (maxRetries < 0 || retries < maxRetries) {
			backOff(retries);
			attempt(batch, retries + 1);
			return;
		}
		for (ConsumerRecord<byte[], byte[]> record : batch) {
			toDestination(record, "RetryAttemptsExhausted", result, retries + 1);
		}
	}

	private int maxRetries() {
		int configured = this.settings.maximumRetryAttempts();
		return (configured < 0 && this.settings.onFailureTopic() != null) ? RETRIES_WITH_DESTINATION : configured;
	}

	private List<ConsumerRecord<byte[], byte[]>> withoutExpired(List<ConsumerRecord<byte[], byte[]>> batch,
			int retries) {
		Duration maxAge = this.settings.maximumRecordAge();
		if (maxAge == null) {
			return batch;
		}
		long oldest = System.currentTimeMillis() - maxAge.toMillis();
		List<ConsumerRecord<byte[], byte[]>> fresh = new ArrayList<>(batch.size());
		for (ConsumerRecord<byte[], byte[]> record : batch) {
			if (record.timestamp() < oldest) {
				toDestination(record, "RecordAgeExceeded", null, retries);
			}
			else {
				fresh.add(record);
			}
		}
		return fresh;
	}

	private static void backOff(int retries) {
		try {
			Thread.sleep(Math.min(1000, 50L << Math.min(retries, 5)));
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/**
	 * Writes a record the function could not process to the on-failure topic (or drops it
	 * without one, as Lambda does).
	 */
	private void toDestination(ConsumerRecord<byte[], byte[]> record, String condition, InvocationResult failure,
			int attempts) {
		this.toDestination++;
		if (this.producer == null) {
			return;
		}
		RecordHeaders headers = new RecordHeaders(record.headers().toArray());
		header(headers, "fnbridge-esm-condition", condition);
		header(headers, "fnbridge-esm-source", record.topic() + "-" + record.partition() + "@" + record.offset());
		header(headers, "fnbridge-original-topic", record.topic());
		header(headers, "fnbridge-original-partition", Integer.toString(record.partition()));
		header(headers, "fnbridge-original-offset", Long.toString(record.offset()));
		header(headers, "fnbridge-attempts", Integer.toString(attempts));
		if (failure != null) {
			header(headers, "fnbridge-esm-error-type", field(ERROR_TYPE, failure.body(), failure.errorType()));
			header(headers, "fnbridge-esm-error-message", field(ERROR_MESSAGE, failure.body(), failure.body()));
			header(headers, "fnbridge-esm-request-id", failure.requestId());
		}
		try {
			this.producer
				.send(new ProducerRecord<>(this.settings.onFailureTopic(), null, record.key(), record.value(), headers))
				.get();
		}
		catch (Exception ex) {
			// Lost records are what this emulator exists to rule out: stop the mapping.
			throw new IllegalStateException("Cannot write to " + this.settings.onFailureTopic(), ex);
		}
	}

	private static void header(RecordHeaders headers, String name, String value) {
		if (value != null) {
			headers.add(name, value.getBytes(StandardCharsets.UTF_8));
		}
	}

	private static String field(Pattern pattern, String json, String otherwise) {
		Matcher matcher = pattern.matcher(json);
		return matcher.find() ? matcher.group(1).replace("\\\"", "\"").replace("\\\\", "\\") : otherwise;
	}

	/** The event Lambda sends for a batch: MSK's shape, or self-managed Kafka's. */
	String event(List<ConsumerRecord<byte[], byte[]>> batch) {
		StringBuilder json = new StringBuilder(1024);
		if (this.settings.selfManaged()) {
			json.append("{\"eventSource\":\"SelfManagedKafka\"");
		}
		else {
			json.append("{\"eventSource\":\"aws:kafka\",\"eventSourceArn\":")
				.append("\"arn:aws:kafka:us-east-1:000000000000:cluster/local/00000000-0000-0000-0000-000000000000-1\"");
		}
		json.append(",\"bootstrapServers\":\"")
			.append(escape(this.settings.bootstrapServers()))
			.append("\",\"records\":{");
		Map<String, List<ConsumerRecord<byte[], byte[]>>> byPartition = new LinkedHashMap<>();
		for (ConsumerRecord<byte[], byte[]> record : batch) {
			byPartition.computeIfAbsent(record.topic() + "-" + record.partition(), (key) -> new ArrayList<>())
				.add(record);
		}
		boolean firstPartition = true;
		for (Map.Entry<String, List<ConsumerRecord<byte[], byte[]>>> partition : byPartition.entrySet()) {
			json.append(firstPartition ? "" : ",").append('"').append(escape(partition.getKey())).append("\":[");
			firstPartition = false;
			boolean firstRecord = true;
			for (ConsumerRecord<byte[], byte[]> record : partition.getValue()) {
				json.append(firstRecord ? "" : ",");
				firstRecord = false;
				appendRecord(json, record);
			}
			json.append(']');
		}
		return json.append("}}").toString();
	}

	private static void appendRecord(StringBuilder json, ConsumerRecord<byte[], byte[]> record) {
		json.append("{\"topic\":\"")
			.append(escape(record.topic()))
			.append("\",\"partition\":")
			.append(record.partition())
			.append(",\"offset\":")
			.append(record.offset())
			.append(",\"timestamp\":")
			.append(record.timestamp())
			.append(",\"timestampType\":\"")
			.append((record.timestampType() == TimestampType.LOG_APPEND_TIME) ? "LOG_APPEND_TIME" : "CREATE_TIME")
			.append('"');
		if (record.key() != null) {
			json.append(",\"key\":\"").append(Base64.getEncoder().encodeToString(record.key())).append('"');
		}
		if (record.value() != null) {
			json.append(",\"value\":\"").append(Base64.getEncoder().encodeToString(record.value())).append('"');
		}
		json.append(",\"headers\":[");
		boolean first = true;
		for (Header header : record.headers()) {
			json.append(first ? "" : ",").append("{\"").append(escape(header.key())).append("\":[");
			first = false;
			byte[] value = (header.value() != null) ? header.value() : new byte[0];
			for (int i = 0; i < value.length; i++) {
				json.append((i > 0) ? "," : "").append(value[i]);
			}
			json.append("]}");
		}
		json.append("]}");
	}

	private static String escape(String text) {
		StringBuilder escaped = new StringBuilder(text.length());
		for (char c : text.toCharArray()) {
			if (c == '"' || c == '\\') {
				escaped.append('\\').append(c);
			}
			else if (c < 0x20) {
				escaped.append(String.format("\\u%04x", (int) c));
			}
			else {
				escaped.append(c);
			}
		}
		return escaped.toString();
	}

	@Override
	public void close() {
		this.consumer.close();
		if (this.producer != null) {
			this.producer.close();
		}
	}

	/**
	 * An event source mapping's settings, named as Lambda names them.
	 *
	 * @param bootstrapServers the cluster
	 * @param topics the topics to poll
	 * @param groupId the consumer group (Lambda uses the mapping's UUID by default)
	 * @param batchSize {@code BatchSize}: records per invocation at most
	 * @param batchWindow {@code MaximumBatchingWindowInSeconds}: how long records wait
	 * for a batch to fill
	 * @param maximumRetryAttempts {@code MaximumRetryAttempts}, {@code -1} for infinite
	 * @param bisectBatchOnFunctionError {@code BisectBatchOnFunctionError}
	 * @param maximumRecordAge {@code MaximumRecordAgeInSeconds}, {@code null} for
	 * infinite
	 * @param onFailureTopic the on-failure destination's topic ({@code kafka://topic}),
	 * or {@code null}
	 * @param trimHorizon {@code StartingPosition}: {@code TRIM_HORIZON} when true, else
	 * {@code LATEST}
	 * @param selfManaged the self-managed Apache Kafka event shape instead of MSK's
	 */
	public record Settings(String bootstrapServers, List<String> topics, String groupId, int batchSize,
			Duration batchWindow, int maximumRetryAttempts, boolean bisectBatchOnFunctionError,
			Duration maximumRecordAge, String onFailureTopic, boolean trimHorizon, boolean selfManaged) {

		public Settings {
			if (batchSize < 1 || batchSize > 10_000) {
				throw new IllegalArgumentException("BatchSize must be 1 to 10,000, not " + batchSize);
			}
			if (maximumRetryAttempts < -1) {
				throw new IllegalArgumentException("MaximumRetryAttempts must be -1 (infinite) or more");
			}
			if (onFailureTopic != null && topics.contains(onFailureTopic)) {
				// Lambda refuses it too: the destination would feed its own source.
				throw new IllegalArgumentException("The on-failure topic cannot be a source topic: " + onFailureTopic);
			}
		}

		/**
		 * Lambda's defaults: batches of 100, a 500 ms window, infinite retries, no
		 * bisection, no age limit, no destination, from the start of the topics, MSK.
		 * @param bootstrapServers the cluster
		 * @param topics the topics
		 * @return the settings
		 */
		public static Settings defaults(String bootstrapServers, List<String> topics) {
			return new Settings(bootstrapServers, topics, "fnbridge-esm-" + UUID.randomUUID(), 100,
					Duration.ofMillis(500), -1, false, null, null, true, false);
		}

	}

	/**
	 * What a mapping did.
	 *
	 * @param invocations invocations of the function
	 * @param failedInvocations those that ended in a function error
	 * @param processed records in invocations that succeeded (a record retried after its
	 * batch failed counts once per success)
	 * @param toDestination records given up: sent to the on-failure topic, or dropped
	 * without one
	 */
	public record Stats(long invocations, long failedInvocations, long processed, long toDestination) {
	}

}

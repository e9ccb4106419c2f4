package dev.fnbridge.stream;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the Kafka transport.
 */
@ConfigurationProperties("fnbridge.kafka")
public class KafkaTransportProperties {

	/**
	 * Whether functions are bound to Kafka topics. Unset: bound exactly when a broker
	 * address is configured (spring.kafka.bootstrap-servers or
	 * spring.cloud.stream.kafka.binder.brokers), so that a start without Kafka never
	 * blocks on it.
	 */
	private Boolean enabled;

	/**
	 * Whether consumers use static group membership (group.instance.id), so that a
	 * restarted instance takes its partitions back at once instead of after the session
	 * time-out.
	 */
	private boolean staticMembership = true;

	/**
	 * This instance's static membership id; unique per instance. Default: HOSTNAME.
	 */
	private String instanceId;

	/**
	 * Consumer threads per binding (spring.cloud.stream.default.consumer.concurrency,
	 * which a binding's own consumer.concurrency overrides): a number, or "auto" for the
	 * number of cores, at most spring.cloud.stream.kafka.binder.min-partition-count. Each
	 * partition is read by one thread, so per-key order holds at any value.
	 */
	private String concurrency = "auto";

	/**
	 * Whether, in a batch-mode binding (consumer.batch-mode=true), a function of a List
	 * gets the poll's records as one call (Spring Cloud Stream's batch contract), or is
	 * invoked per record like any other function, each record read as the list. The
	 * exactly-once profile turns batch mode on for its transactions and this off, so that
	 * a function of a list keeps reading one record as one list there.
	 */
	private boolean batchFunctions = true;

	/**
	 * Suffix appended to an input topic's name to name its dead-letter topic.
	 */
	private String deadLetterSuffix = ".dlq";

	/**
	 * Whether dead letters carry the exception's stack trace. Off by default: traces are
	 * large and may reveal internals; the cause class and message are always there.
	 */
	private boolean includeStackTrace;

	/**
	 * Retries of records whose function failed with anything but a validation error.
	 */
	private final Retry retry = new Retry();

	/**
	 * Output records whose asynchronous send failed (after the producer's own retries)
	 * are sent again, synchronously, before the input offsets are committed.
	 */
	private final OutputResend outputResend = new OutputResend();

	public Boolean getEnabled() {
		return this.enabled;
	}

	public void setEnabled(Boolean enabled) {
		this.enabled = enabled;
	}

	public boolean isStaticMembership() {
		return this.staticMembership;
	}

	public void setStaticMembership(boolean staticMembership) {
		this.staticMembership = staticMembership;
	}

	public String getInstanceId() {
		return this.instanceId;
	}

	public void setInstanceId(String instanceId) {
		this.instanceId = instanceId;
	}

	public String getConcurrency() {
		return this.concurrency;
	}

	public void setConcurrency(String concurrency) {
		this.concurrency = concurrency;
	}

	public boolean isBatchFunctions() {
		return this.batchFunctions;
	}

	public void setBatchFunctions(boolean batchFunctions) {
		this.batchFunctions = batchFunctions;
	}

	public String getDeadLetterSuffix() {
		return this.deadLetterSuffix;
	}

	public void setDeadLetterSuffix(String deadLetterSuffix) {
		this.deadLetterSuffix = deadLetterSuffix;
	}

	public boolean isIncludeStackTrace() {
		return this.includeStackTrace;
	}

	public void setIncludeStackTrace(boolean includeStackTrace) {
		this.includeStackTrace = includeStackTrace;
	}

	public Retry getRetry() {
		return this.retry;
	}

	/**
	 * Exponential backoff between attempts at a failing record. Validation errors are
	 * never retried.
	 */
	public OutputResend getOutputResend() {
		return this.outputResend;
	}

	/**
	 * Re-sending output records whose send failed.
	 */
	public static class OutputResend {

		/**
		 * Attempts before the consumer stops without committing.
		 */
		private int attempts = 3;

		/**
		 * How long each attempt waits for the broker's acknowledgement.
		 */
		private Duration timeout = Duration.ofSeconds(30);

		public int getAttempts() {
			return this.attempts;
		}

		public void setAttempts(int attempts) {
			this.attempts = attempts;
		}

		public Duration getTimeout() {
			return this.timeout;
		}

		public void setTimeout(Duration timeout) {
			this.timeout = timeout;
		}

	}

	public static class Retry {

		/**
		 * Attempts in all, the first included, before a record is dead-lettered.
		 */
		private int maxAttempts = 4;

		/**
		 * Wait before the first retry.
		 */
		private Duration initialInterval = Duration.ofMillis(200);

		/**
		 * Factor each wait is multiplied by for the next.
		 */
		private double multiplier = 2.0;

		/**
		 * Longest wait between two attempts.
		 */
		private Duration maxInterval = Duration.ofSeconds(5);

		public int getMaxAttempts() {
			return this.maxAttempts;
		}

		public void setMaxAttempts(int maxAttempts) {
			this.maxAttempts = maxAttempts;
		}

		public Duration getInitialInterval() {
			return this.initialInterval;
		}

		public void setInitialInterval(Duration initialInterval) {
			this.initialInterval = initialInterval;
		}

		public double getMultiplier() {
			return this.multiplier;
		}

		public void setMultiplier(double multiplier) {
			this.multiplier = multiplier;
		}

		public Duration getMaxInterval() {
			return this.maxInterval;
		}

		public void setMaxInterval(Duration maxInterval) {
			this.maxInterval = maxInterval;
		}

	}

}

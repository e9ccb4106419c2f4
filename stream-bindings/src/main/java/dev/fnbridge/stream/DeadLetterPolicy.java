package dev.fnbridge.stream;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

import org.springframework.kafka.support.ExponentialBackOffWithMaxRetries;
import org.springframework.util.backoff.BackOff;
import org.springframework.util.backoff.FixedBackOff;

/**
 * Where one consumer binding's dead letters go and how often a retryable failure is tried
 * before: fnbridge's defaults ({@code fnbridge.kafka.*}), each replaced by the binding's
 * own setting where it has one.
 *
 * @param dlqName the binding's dead-letter topic, or {@code null} for the input topic
 * plus {@code deadLetterSuffix}
 * @param deadLetterSuffix the suffix of the default dead-letter topic
 * @param maxAttempts attempts in all, the first included, at a retryable failure
 * @param initialInterval wait before the first retry
 * @param multiplier factor each wait is multiplied by for the next
 * @param maxInterval longest wait between two attempts
 */
record DeadLetterPolicy(@Nullable String dlqName, String deadLetterSuffix, int maxAttempts, Duration initialInterval,
		double multiplier, Duration maxInterval) {

	/**
	 * fnbridge's own policy, for a binding without settings of its own.
	 * @param properties the transport settings
	 * @return the policy
	 */
	static DeadLetterPolicy defaults(KafkaTransportProperties properties) {
		KafkaTransportProperties.Retry retry = properties.getRetry();
		return new DeadLetterPolicy(null, properties.getDeadLetterSuffix(), retry.getMaxAttempts(),
				retry.getInitialInterval(), retry.getMultiplier(), retry.getMaxInterval());
	}

	/**
	 * The dead-letter topic of a record consumed from a topic.
	 * @param inputTopic the topic the record came from
	 * @return {@link #dlqName()}, else the input topic plus the suffix
	 */
	String deadLetterTopic(String inputTopic) {
		return (this.dlqName != null) ? this.dlqName : inputTopic + this.deadLetterSuffix;
	}

	/**
	 * The backoff between the attempts at a retryable failure.
	 * @return an exponential backoff that stops after {@code maxAttempts - 1} retries
	 */
	BackOff backOff() {
		if (this.maxAttempts <= 1) {
			// Not an exponential backoff of 0 retries: that still retries once.
			return new FixedBackOff(0L, 0L);
		}
		ExponentialBackOffWithMaxRetries backOff = new ExponentialBackOffWithMaxRetries(this.maxAttempts - 1);
		backOff.setInitialInterval(this.initialInterval.toMillis());
		backOff.setMultiplier(this.multiplier);
		backOff.setMaxInterval(this.maxInterval.toMillis());
		return backOff;
	}

}

package dev.fnbridge.core.metrics;

import java.util.Locale;

/**
 * The transport that carried an invocation; its {@link #tag()} is the {@code transport}
 * metric tag.
 */
public enum Transport {

	/** An HTTP request to the application. */
	HTTP,

	/** A record consumed from a Kafka topic. */
	KAFKA,

	/** An AWS Lambda invocation. */
	LAMBDA;

	private final String tag = name().toLowerCase(Locale.ROOT);

	/**
	 * The lowercase tag value.
	 * @return {@code http}, {@code kafka} or {@code lambda}
	 */
	public String tag() {
		return this.tag;
	}

}

package dev.fnbridge.stream;

/**
 * Headers fnbridge adds to every dead letter, as UTF-8 strings, each exactly once. The
 * original record's key, value and headers are kept unchanged beside them, except
 * fnbridge's own headers ({@code fnbridge-*}, {@code fnbridge_*}) and Spring Kafka's
 * dead-letter headers ({@code kafka_dlt-*}) it arrived with: only fnbridge and the
 * recoverer write those (outputs never carry an input's either), so a producer cannot
 * forge a dead letter's reason or origin.
 */
public final class DeadLetterHeaders {

	/**
	 * The function definition the record was bound to, e.g.
	 * {@code validateReading|enrichReading}.
	 */
	public static final String FUNCTION = "fnbridge-function";

	/** The error category slug: {@code invalid-input}, {@code transient-failure}, ... */
	public static final String CATEGORY = "fnbridge-error-category";

	/** The class of the exception that decided the category (not a framework wrapper). */
	public static final String CAUSE_CLASS = "fnbridge-cause-class";

	/** That exception's message. */
	public static final String CAUSE_MESSAGE = "fnbridge-cause-message";

	/** How many times the function was tried on the record. */
	public static final String ATTEMPTS = "fnbridge-attempts";

	/** The topic the record was consumed from. */
	public static final String ORIGINAL_TOPIC = "fnbridge-original-topic";

	/** Its partition. */
	public static final String ORIGINAL_PARTITION = "fnbridge-original-partition";

	/** Its offset. */
	public static final String ORIGINAL_OFFSET = "fnbridge-original-offset";

	private DeadLetterHeaders() {
	}

}

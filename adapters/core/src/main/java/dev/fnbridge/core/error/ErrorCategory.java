package dev.fnbridge.core.error;

/**
 * What kind of failure an invocation ended in, independent of the transport that carried
 * it. Each transport maps a category to its own answer (an HTTP status, a dead-letter
 * route, a Lambda error).
 */
public enum ErrorCategory {

	/**
	 * The input was malformed or broke a rule; retrying the same input cannot succeed.
	 */
	INVALID_INPUT("invalid-input", "Invalid input", true, 400),

	/** The requested function, or an element of a composition, does not exist. */
	NOT_FOUND("function-not-found", "Function not found", true, 404),

	/** The input was larger than the transport accepts. */
	PAYLOAD_TOO_LARGE("payload-too-large", "Payload too large", true, 413),

	/** A dependency failed in a way that may pass; the same input may succeed later. */
	TRANSIENT("transient-failure", "Temporarily unavailable", false, 503),

	/** Anything else: a bug or an unforeseen state. Details stay in the logs. */
	UNEXPECTED("unexpected-error", "Unexpected error", false, 500);

	/** Prefix of every problem {@code type} URI. */
	public static final String PROBLEM_TYPE_PREFIX = "urn:fnbridge:problem:";

	private final String slug;

	private final String title;

	private final boolean clientError;

	private final int httpStatus;

	ErrorCategory(String slug, String title, boolean clientError, int httpStatus) {
		this.slug = slug;
		this.title = title;
		this.clientError = clientError;
		this.httpStatus = httpStatus;
	}

	/**
	 * The HTTP status this category is answered with, over HTTP and behind API Gateway.
	 * @return e.g. 400
	 */
	public int httpStatus() {
		return this.httpStatus;
	}

	/**
	 * The problem {@code type} URI of this category (RFC 9457).
	 * @return e.g. {@code urn:fnbridge:problem:invalid-input}
	 */
	public String problemType() {
		return PROBLEM_TYPE_PREFIX + this.slug;
	}

	/**
	 * The stable, kebab-case name of this category, used in problem types, headers and
	 * metric tags.
	 * @return the slug, e.g. {@code invalid-input}
	 */
	public String slug() {
		return this.slug;
	}

	/**
	 * A short human-readable summary, the same for every occurrence.
	 * @return the title
	 */
	public String title() {
		return this.title;
	}

	/**
	 * Whether the caller caused the failure (and so must change the input) rather than
	 * the function or its dependencies.
	 * @return {@code true} for client errors
	 */
	public boolean isClientError() {
		return this.clientError;
	}

	/**
	 * The invocation outcome this category counts as in metrics.
	 * @return {@code client_error} or {@code server_error}
	 */
	public String outcome() {
		return this.clientError ? "client_error" : "server_error";
	}

}

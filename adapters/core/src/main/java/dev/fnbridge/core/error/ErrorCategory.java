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
	INVALID_INPUT("invalid-input", "Invalid input", true),

	/** The requested function, or an element of a composition, does not exist. */
	NOT_FOUND("function-not-found", "Function not found", true),

	/** The input was larger than the transport accepts. */
	PAYLOAD_TOO_LARGE("payload-too-large", "Payload too large", true),

	/** A dependency failed in a way that may pass; the same input may succeed later. */
	TRANSIENT("transient-failure", "Temporarily unavailable", false),

	/** Anything else: a bug or an unforeseen state. Details stay in the logs. */
	UNEXPECTED("unexpected-error", "Unexpected error", false);

	private final String slug;

	private final String title;

	private final boolean clientError;

	ErrorCategory(String slug, String title, boolean clientError) {
		this.slug = slug;
		this.title = title;
		this.clientError = clientError;
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

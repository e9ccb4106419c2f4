package dev.fnbridge.core.error;

/**
 * Thrown by a function when a dependency failed in a way that may pass (a timeout, a busy
 * downstream). Kafka retries it with backoff before dead-lettering; HTTP answers 503.
 */
public class TransientFailureException extends RuntimeException {

	/**
	 * Creates the exception.
	 * @param message what failed, without secrets: it may reach the caller
	 * @param cause the underlying failure, kept for the logs
	 */
	public TransientFailureException(String message, Throwable cause) {
		super(message, cause);
	}

}

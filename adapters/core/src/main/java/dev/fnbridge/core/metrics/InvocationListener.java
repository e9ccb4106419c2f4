package dev.fnbridge.core.metrics;

/**
 * Told of every finished invocation, with the same names as the invocation timer's tags.
 */
@FunctionalInterface
public interface InvocationListener {

	/**
	 * One invocation finished.
	 * @param function the function definition, e.g. {@code validateReading|enrichReading}
	 * @param transport the transport
	 * @param outcome {@code success}, {@code client_error} or {@code server_error}
	 * @param errorType the error category slug, or {@code none}
	 * @param durationNanos how long it took
	 * @param payloadBytes the input size, negative when unknown
	 */
	void invoked(String function, Transport transport, String outcome, String errorType, long durationNanos,
			long payloadBytes);

}

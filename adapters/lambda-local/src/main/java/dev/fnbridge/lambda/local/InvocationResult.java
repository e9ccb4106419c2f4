package dev.fnbridge.lambda.local;

/**
 * What the function answered to one invocation.
 *
 * @param body the response, or the error document the runtime posted
 * @param error whether the runtime reported a function error
 * @param errorType the {@code Lambda-Runtime-Function-Error-Type} header of an error, or
 * {@code null}
 * @param requestId the request id the invocation was given
 * ({@code Lambda-Runtime-Aws-Request-Id})
 * @param traceId the X-Ray trace header it was given ({@code Lambda-Runtime-Trace-Id})
 */
public record InvocationResult(String body, boolean error, String errorType, String requestId, String traceId) {

	/**
	 * A result without the invocation's identity (one the runtime never took).
	 * @param body the response or error document
	 * @param error whether it is an error
	 * @param errorType the error type, or {@code null}
	 */
	public InvocationResult(String body, boolean error, String errorType) {
		this(body, error, errorType, null, null);
	}

}

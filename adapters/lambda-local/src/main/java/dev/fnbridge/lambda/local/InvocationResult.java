package dev.fnbridge.lambda.local;

/**
 * What the function answered to one invocation.
 *
 * @param body the response, or the error document the runtime posted
 * @param error whether the runtime reported a function error
 * @param errorType the {@code Lambda-Runtime-Function-Error-Type} header of an error, or
 * {@code null}
 */
public record InvocationResult(String body, boolean error, String errorType) {
}

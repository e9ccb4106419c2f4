package dev.fnbridge.lambda;

import java.util.Map;

import dev.fnbridge.core.error.ClassifiedError;
import dev.fnbridge.core.invocation.Payload;
import dev.fnbridge.core.invocation.ResolvedFunction;
import io.micrometer.tracing.Span;

/**
 * One Lambda invocation as an envelope sees it: the shared {@link LambdaInvoker}, the
 * request id its log lines and problem bodies carry, and the X-Ray trace Lambda started
 * for it.
 *
 * @param invoker resolves and invokes functions
 * @param requestId the invocation's request id, or {@code null} outside Lambda
 * @param xrayTrace the invocation's X-Ray trace, or {@code null}
 */
record InvocationContext(LambdaInvoker invoker, String requestId, XrayTrace xrayTrace) {

	InvocationContext(LambdaInvoker invoker, String requestId) {
		this(invoker, requestId, null);
	}

	/**
	 * The configured function.
	 * @return the function
	 * @throws LambdaFunctionError.FunctionNotFound if none is configured
	 */
	ResolvedFunction defaultFunction() {
		return this.invoker.defaultFunction();
	}

	/**
	 * The configured definition.
	 * @return the definition, or {@code null}
	 */
	String defaultDefinition() {
		return this.invoker.defaultDefinition();
	}

	/**
	 * Invokes a function, see {@link LambdaInvoker#invoke}: where the carrier holds no
	 * trace of the caller, the invocation's X-Ray trace is continued, so the function's
	 * span, logs and metric lines join the trace Lambda and X-Ray show.
	 * @param function the function
	 * @param payload its input
	 * @param headers headers a function taking a message sees
	 * @param traceCarrier the trace fields, keys in lower case
	 * @param kind the span kind
	 * @return the result as JSON, or {@code null} for none
	 */
	byte[] invoke(ResolvedFunction function, Payload payload, Map<String, ?> headers, Map<String, String> traceCarrier,
			Span.Kind kind) {
		return this.invoker.invoke(function, payload, headers, traceCarrier, kind, this.xrayTrace);
	}

	/**
	 * Classifies and logs a failure, see {@link LambdaInvoker#classify}.
	 * @param ex the failure
	 * @param definition the definition that failed
	 * @return the classified error
	 */
	ClassifiedError classify(RuntimeException ex, String definition) {
		return this.invoker.classify(ex, definition, this.requestId);
	}

	/**
	 * A failure as the function error Lambda reports.
	 * @param ex the failure
	 * @param definition the definition that failed
	 * @param where what the message is prefixed with (a record's position), or
	 * {@code null}
	 * @return the function error to throw
	 */
	LambdaFunctionError functionError(RuntimeException ex, String definition, String where) {
		if (ex instanceof LambdaFunctionError lambdaError) {
			return lambdaError;
		}
		return LambdaFunctionError.of(classify(ex, definition), where);
	}

}

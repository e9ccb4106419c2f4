package dev.fnbridge.lambda;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import dev.fnbridge.core.invocation.Payload;
import dev.fnbridge.core.invocation.ResolvedFunction;
import io.micrometer.tracing.Span;
import tools.jackson.databind.JsonNode;

/**
 * A direct invocation ({@code aws lambda invoke}, Step Functions, another function): the
 * event is the configured function's input and its JSON result the answer ({@code null}
 * for none). It accepts every event, so it is asked last.
 */
final class DirectEnvelope implements LambdaEnvelope {

	private static final byte[] NULL = "null".getBytes(StandardCharsets.UTF_8);

	@Override
	public boolean accepts(JsonNode event) {
		return true;
	}

	@Override
	public byte[] handle(JsonNode event, byte[] eventBytes, InvocationContext context) {
		return answer(eventBytes, context);
	}

	/**
	 * Invokes the configured function with an input and answers its result.
	 * @param input the input's JSON
	 * @param context the invocation
	 * @return the result's JSON, {@code null} for none
	 * @throws LambdaFunctionError if it fails
	 */
	static byte[] answer(byte[] input, InvocationContext context) {
		ResolvedFunction function = context.defaultFunction();
		try {
			byte[] result = context.invoke(function, Payload.json(input), Map.of(), Map.of(), Span.Kind.SERVER);
			return (result != null) ? result : NULL;
		}
		catch (RuntimeException ex) {
			throw context.functionError(ex, context.defaultDefinition(), null);
		}
	}

}

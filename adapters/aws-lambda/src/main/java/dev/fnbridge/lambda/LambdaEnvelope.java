package dev.fnbridge.lambda;

import dev.fnbridge.core.error.ClassifiedError;
import tools.jackson.databind.JsonNode;

/**
 * One event source's envelope: recognizes its events, turns each into function
 * invocations through the {@link InvocationContext}, and answers what that source expects
 * (a proxy response, {@code batchItemFailures}, a count, the result).
 * {@link LambdaEnvelopes} asks each in turn; the first that accepts an event handles it.
 */
interface LambdaEnvelope {

	/**
	 * Whether an event is this envelope's: looks at the event's shape only, never fails.
	 * @param event the event
	 * @return whether this envelope handles it
	 */
	boolean accepts(JsonNode event);

	/**
	 * Handles an event.
	 * @param event the event
	 * @param eventBytes the event as Lambda passed it (strict UTF-8, JSON)
	 * @param context the invocation
	 * @return the response
	 * @throws LambdaFunctionError for a function error, the only exception it throws
	 */
	byte[] handle(JsonNode event, byte[] eventBytes, InvocationContext context);

	/**
	 * Answers an event refused before any function ran (bytes that are not UTF-8): by
	 * default a function error; an HTTP source answers with its status instead.
	 * @param event the event, read leniently to recognize its envelope
	 * @param error why it is refused
	 * @param context the invocation
	 * @return the response
	 * @throws LambdaFunctionError if the refusal is a function error
	 */
	default byte[] refuse(JsonNode event, ClassifiedError error, InvocationContext context) {
		throw LambdaFunctionError.of(error, null);
	}

}

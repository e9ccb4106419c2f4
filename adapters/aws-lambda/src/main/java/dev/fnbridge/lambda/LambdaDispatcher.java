package dev.fnbridge.lambda;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;

import com.amazonaws.services.lambda.runtime.Context;
import dev.fnbridge.core.error.ClassifiedError;
import dev.fnbridge.core.error.ErrorCategory;
import dev.fnbridge.core.invocation.InvocationPipeline;
import dev.fnbridge.core.tracing.TraceContinuation;
import org.slf4j.MDC;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

import org.springframework.cloud.function.context.FunctionCatalog;

/**
 * Turns each Lambda event into what its event source expects, through the envelope of
 * that source ({@link LambdaEnvelopes}): API Gateway, ALB and Function URL proxy
 * responses, SQS, Kinesis and DynamoDB {@code batchItemFailures}, SNS and Kafka function
 * errors, EventBridge's detail and direct invocations. Functions are resolved, read,
 * invoked and counted by core's pipeline, as on every transport ({@link LambdaInvoker}).
 * <p>
 * Errors are {@link LambdaFunctionError}s without stack traces; payloads are never
 * logged. An event whose bytes are not UTF-8 is refused before it is read (400 behind an
 * HTTP event source); a response over Lambda's limit of {@value #MAX_RESPONSE_BYTES}
 * bytes becomes a {@code payload-too-large} error (413 behind an HTTP event source)
 * instead of a response Lambda would refuse.
 */
final class LambdaDispatcher {

	/**
	 * Lambda's limit for the response of a synchronous invocation, 6 MB: a larger one
	 * fails the invocation with Lambda's own error, which no caller can tell apart.
	 */
	static final int MAX_RESPONSE_BYTES = 6_291_456;

	private static final String NOT_UTF8 = "The event is not valid UTF-8";

	private static final String MALFORMED_EVENT = "The event's fields do not have the shape of its event source";

	private final ObjectMapper mapper;

	private final LambdaInvoker invoker;

	private final LambdaEnvelopes envelopes;

	/**
	 * Creates the dispatcher over every function of the catalog.
	 * @param catalog the function catalog
	 * @param mapper reads events, writes responses
	 * @param pipeline the invocation pipeline every transport shares
	 * @param tracing continues callers' traces, or {@code null} without tracing
	 * @param defaultDefinition {@code spring.cloud.function.definition}, or {@code null}
	 * @throws RuntimeException if the default definition does not resolve
	 */
	LambdaDispatcher(FunctionCatalog catalog, ObjectMapper mapper, InvocationPipeline pipeline,
			TraceContinuation tracing, String defaultDefinition) {
		this(mapper, new LambdaInvoker(catalog, pipeline, tracing, defaultDefinition),
				LambdaEnvelopes.standard(mapper));
	}

	LambdaDispatcher(ObjectMapper mapper, LambdaInvoker invoker, LambdaEnvelopes envelopes) {
		this.mapper = mapper;
		this.invoker = invoker;
		this.envelopes = envelopes;
	}

	/**
	 * Handles one event.
	 * @param eventBytes the event as Lambda passed it
	 * @param requestId the invocation's request id, for the log and problem bodies
	 * @return the response: a proxy response for HTTP event sources, else the event
	 * source's or the function's answer
	 * @throws LambdaFunctionError for a function error
	 */
	byte[] dispatch(byte[] eventBytes, String requestId) {
		return dispatch(eventBytes, requestId, null);
	}

	/**
	 * Handles one event as Lambda's runtime hands it over, with the request id in the MDC
	 * while it runs; both read from the invocation's own context (several invocations run
	 * at once on Lambda Managed Instances, so nothing is read from process-wide state).
	 * @param eventBytes the event
	 * @param context the Lambda context, or {@code null}
	 * @return the response
	 * @throws LambdaFunctionError for a function error
	 */
	byte[] dispatch(byte[] eventBytes, Context context) {
		String requestId = (context != null) ? context.getAwsRequestId() : null;
		String xrayTrace = (context != null) ? context.getXrayTraceId() : null;
		try (MDC.MDCCloseable id = (requestId != null) ? MDC.putCloseable(FunctionHandler.REQUEST_ID, requestId)
				: null) {
			return dispatch(eventBytes, requestId, xrayTrace);
		}
	}

	/**
	 * Handles one event of a traced invocation.
	 * @param eventBytes the event as Lambda passed it
	 * @param requestId the invocation's request id, for the log and problem bodies
	 * @param xrayTrace the invocation's X-Ray trace header
	 * ({@code Root=...;Parent=...;Sampled=...}), continued where the event carries no
	 * trace of its own; or {@code null}
	 * @return the response
	 * @throws LambdaFunctionError for a function error
	 */
	byte[] dispatch(byte[] eventBytes, String requestId, String xrayTrace) {
		InvocationContext context = new InvocationContext(this.invoker, requestId, XrayTrace.continued(xrayTrace));
		if (!isUtf8(eventBytes)) {
			return notUtf8(eventBytes, context);
		}
		JsonNode event;
		try {
			event = this.mapper.readTree(eventBytes);
		}
		catch (JacksonException ex) {
			throw new LambdaFunctionError.InvalidInput("The event is not JSON");
		}
		if (event == null || event.isMissingNode()) {
			throw new LambdaFunctionError.InvalidInput("The event is empty");
		}
		byte[] response = handle(event, eventBytes, context);
		// HTTP sources answer 413 within their own limits, so this only ever fails the
		// others' answers.
		if (response.length > MAX_RESPONSE_BYTES) {
			throw LambdaFunctionError.of(LambdaInvoker.tooLarge(this.invoker.defaultDefinition(), response.length,
					MAX_RESPONSE_BYTES, requestId), null);
		}
		return response;
	}

	/**
	 * Handles an event through its envelope. An envelope throws only
	 * {@link LambdaFunctionError}s; anything else (an event shape it did not foresee) is
	 * classified and logged with the request id like a function's failure and leaves as a
	 * function error too, so the runtime never reports an exception class and its stack
	 * trace.
	 */
	private byte[] handle(JsonNode event, byte[] eventBytes, InvocationContext context) {
		try {
			return this.envelopes.envelopeOf(event).handle(event, eventBytes, context);
		}
		catch (LambdaFunctionError ex) {
			throw ex;
		}
		catch (RuntimeException ex) {
			ClassifiedError error = context.classify(ex, this.invoker.defaultDefinition());
			// A client's mistake in the event's own fields: what the reader said about
			// them is no message for the caller.
			throw (error.category() == ErrorCategory.INVALID_INPUT)
					? new LambdaFunctionError.InvalidInput(MALFORMED_EVENT) : LambdaFunctionError.of(error, null);
		}
	}

	/**
	 * Whether the event's bytes are UTF-8, checked strictly: a lenient decoder (Jackson's
	 * among them) reads an overlong sequence such as {@code C0 AF} as {@code /}, so a
	 * payload would pass as something its bytes do not say.
	 * @param bytes the event
	 * @return whether they are UTF-8
	 */
	static boolean isUtf8(byte[] bytes) {
		int ascii = 0;
		while (ascii < bytes.length && bytes[ascii] >= 0) {
			ascii++;
		}
		if (ascii == bytes.length) {
			// Most events are ASCII: nothing to decode.
			return true;
		}
		try {
			StandardCharsets.UTF_8.newDecoder()
				.onMalformedInput(CodingErrorAction.REPORT)
				.onUnmappableCharacter(CodingErrorAction.REPORT)
				.decode(ByteBuffer.wrap(bytes, ascii, bytes.length - ascii));
			return true;
		}
		catch (CharacterCodingException ex) {
			return false;
		}
	}

	/**
	 * Refuses an event that is not UTF-8 without invoking anything, as the envelope it
	 * still recognizably is answers a refusal (a 400 problem behind an HTTP source), else
	 * as an invalid-input function error.
	 */
	private byte[] notUtf8(byte[] eventBytes, InvocationContext context) {
		ClassifiedError error = new ClassifiedError(ErrorCategory.INVALID_INPUT, NOT_UTF8, List.of(), null);
		JsonNode event = null;
		try {
			// Read only to recognize the envelope: a malformed sequence becomes U+FFFD
			// here, never what a lenient decoder makes of it.
			event = this.mapper.readTree(new String(eventBytes, StandardCharsets.UTF_8));
		}
		catch (JacksonException ex) {
			// Not an envelope either.
		}
		if (event == null || event.isMissingNode()) {
			throw LambdaFunctionError.of(error, null);
		}
		return this.envelopes.envelopeOf(event).refuse(event, error, context);
	}

	/**
	 * The mapper, for priming.
	 * @return the mapper
	 */
	ObjectMapper mapper() {
		return this.mapper;
	}

	/**
	 * The invoker, for priming.
	 * @return the invoker
	 */
	LambdaInvoker invoker() {
		return this.invoker;
	}

	/**
	 * How many compositions are resolved and kept; single functions are all resolved at
	 * start-up, a definition that does not resolve is never kept.
	 * @return the size of the route cache, at most
	 * {@value LambdaInvoker#MAX_CACHED_DEFINITIONS}
	 */
	int cachedDefinitions() {
		return this.invoker.cachedCompositions();
	}

}

package dev.fnbridge.lambda;

import java.util.Collection;
import java.util.List;
import java.util.Map;

import dev.fnbridge.core.error.ClassifiedError;
import dev.fnbridge.core.error.ErrorCategory;
import dev.fnbridge.core.error.ErrorClassifier;
import dev.fnbridge.core.invocation.FunctionResolver;
import dev.fnbridge.core.invocation.InvocationPipeline;
import dev.fnbridge.core.invocation.Payload;
import dev.fnbridge.core.invocation.ResolvedFunction;
import dev.fnbridge.core.metrics.Transport;
import dev.fnbridge.core.tracing.TraceContinuation;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.cloud.function.context.FunctionCatalog;

/**
 * What every envelope shares to run a function: core's {@link FunctionResolver} (bounded
 * resolution of the definitions callers name) and {@link InvocationPipeline} (read,
 * invoke, time, count), the caller's trace continued in a span, and the classification
 * and log line of a failure. Envelopes only translate their event into a {@link Payload}
 * and the JSON result back.
 */
final class LambdaInvoker {

	private static final Log logger = LogFactory.getLog(LambdaInvoker.class);

	/**
	 * How many compositions stay resolved. Single functions are all resolved at start-up;
	 * a definition that does not resolve is never kept.
	 */
	static final int MAX_CACHED_DEFINITIONS = 256;

	/** How many functions one composition may have, as over HTTP. */
	static final int MAX_COMPOSITION_LENGTH = 16;

	/** How many compositions get a metrics tag of their own, as over HTTP. */
	static final int MAX_TAGGED_COMPOSITIONS = 64;

	private final FunctionResolver resolver;

	private final InvocationPipeline pipeline;

	private final TraceContinuation tracing;

	private final String defaultDefinition;

	private final ResolvedFunction defaultFunction;

	/**
	 * Resolves every function of the catalog, and the default definition.
	 * @param catalog the function catalog
	 * @param pipeline the invocation pipeline
	 * @param tracing continues callers' traces, or {@code null} without tracing
	 * @param defaultDefinition {@code spring.cloud.function.definition}, or {@code null}
	 * @throws RuntimeException if the default definition does not resolve, so a
	 * misconfigured function fails its init phase rather than every invocation
	 */
	LambdaInvoker(FunctionCatalog catalog, InvocationPipeline pipeline, TraceContinuation tracing,
			String defaultDefinition) {
		this.resolver = new FunctionResolver(catalog, MAX_CACHED_DEFINITIONS, MAX_COMPOSITION_LENGTH,
				MAX_TAGGED_COMPOSITIONS);
		this.pipeline = pipeline;
		this.tracing = tracing;
		// Several definitions (a;b) are for stream bindings, not one Lambda function.
		this.defaultDefinition = (defaultDefinition == null || defaultDefinition.isBlank()
				|| defaultDefinition.contains(";")) ? null
						// Spring Cloud Function accepts "a | b": the resolver takes names
						// only.
						: defaultDefinition.strip().replaceAll("\\s*([,|])\\s*", "$1");
		this.defaultFunction = (this.defaultDefinition != null) ? this.resolver.resolve(this.defaultDefinition) : null;
	}

	/**
	 * The configured definition, as configured.
	 * @return the definition, or {@code null} when none is
	 */
	String defaultDefinition() {
		return this.defaultDefinition;
	}

	/**
	 * The configured function, for event sources that name none.
	 * @return the function
	 * @throws LambdaFunctionError.FunctionNotFound if no function is configured
	 */
	ResolvedFunction defaultFunction() {
		if (this.defaultFunction == null) {
			throw new LambdaFunctionError.FunctionNotFound(
					"No function selected: set SPRING_CLOUD_FUNCTION_DEFINITION to one of " + this.resolver.names());
		}
		return this.defaultFunction;
	}

	/**
	 * Resolves a definition a caller named.
	 * @param definition the definition
	 * @return the function
	 * @throws RuntimeException as {@link FunctionResolver#resolve(String)}
	 */
	ResolvedFunction resolve(String definition) {
		return definition.equals(this.defaultDefinition) ? this.defaultFunction : this.resolver.resolve(definition);
	}

	/**
	 * Whether every element of a definition names a function, without resolving it.
	 * @param definition the definition
	 * @return whether it names only known functions
	 */
	boolean isDefinition(String definition) {
		return this.resolver.isDefinition(definition);
	}

	/**
	 * The single functions of the catalog.
	 * @return the functions, by name
	 */
	Collection<ResolvedFunction> functions() {
		return this.resolver.functions().values();
	}

	/**
	 * The pipeline, for reading without invoking.
	 * @return the pipeline
	 */
	InvocationPipeline pipeline() {
		return this.pipeline;
	}

	/**
	 * How many compositions are resolved and kept.
	 * @return the size of the route cache
	 */
	int cachedCompositions() {
		return this.resolver.cachedCompositions();
	}

	/**
	 * Invokes a function in a span that continues the caller's trace (W3C
	 * {@code traceparent}/{@code tracestate} from HTTP headers, Kafka record headers or
	 * SQS and SNS message attributes), so the function's log and metric lines carry its
	 * trace id. A span, not an observation: the pipeline already times the invocation.
	 * @param function the function
	 * @param payload its input as the event carried it
	 * @param headers headers a function taking a message sees
	 * @param traceCarrier the trace fields, keys in lower case
	 * @param kind the span kind
	 * @return the result as JSON, or {@code null} for none
	 * @throws RuntimeException what reading or the function threw
	 */
	byte[] invoke(ResolvedFunction function, Payload payload, Map<String, ?> headers, Map<String, String> traceCarrier,
			Span.Kind kind) {
		return invoke(function, payload, headers, traceCarrier, kind, null);
	}

	/**
	 * Invokes a function as
	 * {@link #invoke(ResolvedFunction, Payload, Map, Map, Span.Kind)}, continuing the
	 * invocation's X-Ray trace where the carrier holds no trace of the caller.
	 * @param function the function
	 * @param payload its input as the event carried it
	 * @param headers headers a function taking a message sees
	 * @param traceCarrier the trace fields, keys in lower case
	 * @param kind the span kind
	 * @param xray Lambda's trace for the invocation, or {@code null}
	 * @return the result as JSON, or {@code null} for none
	 * @throws RuntimeException what reading or the function threw
	 */
	byte[] invoke(ResolvedFunction function, Payload payload, Map<String, ?> headers, Map<String, String> traceCarrier,
			Span.Kind kind, XrayTrace xray) {
		if (this.tracing == null) {
			return call(function, payload, headers);
		}
		String name = function.metricTag().replace(',', '|');
		Span.Builder builder = (xray != null)
				? this.tracing.spanBuilder(traceCarrier, Map::get, xray.traceId(), xray.spanId(), xray.sampled())
				: this.tracing.spanBuilder(traceCarrier, Map::get);
		Span span = builder.name(name)
			.kind(kind)
			.tag("function", name)
			.tag("transport", Transport.LAMBDA.tag())
			.start();
		try (Tracer.SpanInScope scope = this.tracing.tracer().withSpan(span)) {
			return call(function, payload, headers);
		}
		catch (RuntimeException ex) {
			span.error(ex);
			throw ex;
		}
		finally {
			span.end();
		}
	}

	private byte[] call(ResolvedFunction function, Payload payload, Map<String, ?> headers) {
		InvocationPipeline.Result result = this.pipeline.invoke(function, Transport.LAMBDA, payload, headers);
		return this.pipeline.json(function, result.output());
	}

	/**
	 * Classifies a failure and logs it: a server-side one with its stack trace and the
	 * request id, a client error at debug level only.
	 * @param ex the failure
	 * @param definition the definition that failed, for the log
	 * @param requestId the invocation's request id
	 * @return the classified error
	 */
	ClassifiedError classify(RuntimeException ex, String definition, String requestId) {
		ClassifiedError error = ErrorClassifier.classify(ex);
		if (error.category() == ErrorCategory.UNEXPECTED || error.category() == ErrorCategory.TRANSIENT) {
			logger.error("Function '" + definition + "' failed [requestId=" + requestId + "]", ex);
		}
		else if (logger.isDebugEnabled()) {
			logger.debug("Client error in '" + definition + "': " + error.detail());
		}
		return error;
	}

	/**
	 * A response over its limit, told to the caller as {@code payload-too-large} and
	 * logged (its size, not the payload): the function answered more than can be
	 * returned.
	 * @param definition the function that answered
	 * @param responseBytes the size of the response
	 * @param limit the most that can be returned
	 * @param requestId the invocation's request id
	 * @return the error
	 */
	static ClassifiedError tooLarge(String definition, int responseBytes, int limit, String requestId) {
		String detail = "The response would be " + responseBytes + " bytes; at most " + limit
				+ " bytes can be returned";
		logger.warn("Function '" + definition + "' answered " + responseBytes + " bytes, more than the " + limit
				+ " that can be returned [requestId=" + requestId + "]");
		return new ClassifiedError(ErrorCategory.PAYLOAD_TOO_LARGE, detail, List.of(), null);
	}

}

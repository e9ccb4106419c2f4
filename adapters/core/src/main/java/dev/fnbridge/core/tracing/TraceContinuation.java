package dev.fnbridge.core.tracing;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;

/**
 * Starts the span of one invocation from what the transport carried: continuing the
 * caller's trace when the carrier (headers, record headers, message attributes) holds any
 * of the configured propagation fields, a new trace otherwise.
 * <p>
 * Extracting from a carrier without any field gives the same new trace, but the composite
 * W3C and baggage propagators took about a tenth of fnbridge's handler time in a warm
 * Lambda invocation doing it; the fields are looked up first.
 */
public final class TraceContinuation {

	private final Tracer tracer;

	private final Propagator propagator;

	private final List<String> fields;

	/**
	 * Creates the continuation.
	 * @param tracer the tracer
	 * @param propagator the configured propagation
	 */
	public TraceContinuation(Tracer tracer, Propagator propagator) {
		this.tracer = tracer;
		this.propagator = propagator;
		this.fields = propagator.fields().stream().map((field) -> field.toLowerCase(Locale.ROOT)).toList();
	}

	/**
	 * A builder for the invocation's span.
	 * @param <C> the carrier's type
	 * @param carrier the carrier, its keys in lower case
	 * @param getter reads a field from the carrier
	 * @return the builder, continuing the carried trace or starting a new one
	 */
	public <C extends Map<String, ?>> Span.Builder spanBuilder(C carrier, Propagator.Getter<C> getter) {
		for (String field : this.fields) {
			if (carrier.containsKey(field)) {
				return this.propagator.extract(carrier, getter);
			}
		}
		return this.tracer.spanBuilder().setNoParent();
	}

	/**
	 * A builder for the invocation's span, continuing the carried trace if there is one,
	 * else a trace the platform started for the invocation (Lambda's X-Ray trace).
	 * @param <C> the carrier's type
	 * @param carrier the carrier, its keys in lower case
	 * @param getter reads a field from the carrier
	 * @param traceId the platform's trace id (32 hex digits)
	 * @param parentSpanId the platform's span (16 hex digits)
	 * @param sampled whether the platform samples the trace
	 * @return the builder
	 */
	public <C extends Map<String, ?>> Span.Builder spanBuilder(C carrier, Propagator.Getter<C> getter, String traceId,
			String parentSpanId, boolean sampled) {
		for (String field : this.fields) {
			if (carrier.containsKey(field)) {
				return this.propagator.extract(carrier, getter);
			}
		}
		// A parent context, not a traceparent for the propagators to parse again.
		return this.tracer.spanBuilder()
			.setParent(
					this.tracer.traceContextBuilder().traceId(traceId).spanId(parentSpanId).sampled(sampled).build());
	}

	/**
	 * The tracer, to put a span in scope.
	 * @return the tracer
	 */
	public Tracer tracer() {
		return this.tracer;
	}

	/**
	 * The propagation, to write a span's context into an output carrier.
	 * @return the propagator
	 */
	public Propagator propagator() {
		return this.propagator;
	}

}

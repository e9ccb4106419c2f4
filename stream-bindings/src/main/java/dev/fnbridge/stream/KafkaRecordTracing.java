package dev.fnbridge.stream;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import dev.fnbridge.core.invocation.RecordTracing;
import dev.fnbridge.core.metrics.Transport;
import dev.fnbridge.core.tracing.TraceContinuation;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import org.jspecify.annotations.Nullable;

import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.MessageHeaders;

/**
 * A span per Kafka record with Micrometer Tracing: CONSUMER spans continue the trace in
 * the consumed record's headers (W3C {@code traceparent}, baggage) and are written into
 * the output record's.
 * <p>
 * It replaces the binder's per-record listener and template observations, which timed
 * every record twice more (the invocation is already timed by fnbridge's metrics) and
 * took a third of the consumer thread; the trace travels the same way.
 */
final class KafkaRecordTracing implements RecordTracing {

	private final TraceContinuation continuation;

	KafkaRecordTracing(Tracer tracer, Propagator propagator) {
		this.continuation = new TraceContinuation(tracer, propagator);
	}

	@Override
	public RecordSpan open(String function, MessageHeaders input) {
		String name = function.replace(',', '|');
		Span.Builder builder = this.continuation.spanBuilder(input, KafkaRecordTracing::text);
		builder.name(name)
			.kind(Span.Kind.CONSUMER)
			.tag("function", name)
			.tag("transport", Transport.KAFKA.tag())
			.tag("messaging.system", "kafka");
		Object topic = input.get(KafkaHeaders.RECEIVED_TOPIC);
		if (topic != null) {
			builder.tag("messaging.destination.name", topic.toString());
		}
		return new Open(this.continuation.tracer(), this.continuation.propagator(), builder.start());
	}

	/** Header values arrive as text, or as bytes when the mapper did not decode them. */
	private static @Nullable String text(MessageHeaders headers, String key) {
		Object value = headers.get(key);
		if (value instanceof byte[] bytes) {
			return new String(bytes, StandardCharsets.UTF_8);
		}
		return (value != null) ? value.toString() : null;
	}

	private record Open(Tracer tracer, Propagator propagator, Span span,
			Tracer.SpanInScope scope) implements RecordSpan {

		Open(Tracer tracer, Propagator propagator, Span span) {
			this(tracer, propagator, span, tracer.withSpan(span));
		}

		@Override
		public void inject(Map<String, Object> output) {
			this.propagator.inject(this.span.context(), output, Map::put);
		}

		@Override
		public void error(Throwable error) {
			this.span.error(error);
		}

		@Override
		public void close() {
			this.scope.close();
			this.span.end();
		}

	}

}

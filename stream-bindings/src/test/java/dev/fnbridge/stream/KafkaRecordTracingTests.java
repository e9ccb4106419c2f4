package dev.fnbridge.stream;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.fnbridge.core.invocation.RecordTracing.RecordSpan;
import io.micrometer.tracing.otel.bridge.OtelCurrentTraceContext;
import io.micrometer.tracing.otel.bridge.OtelPropagator;
import io.micrometer.tracing.otel.bridge.OtelTracer;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.messaging.MessageHeaders;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A span per consumed record, with the real OpenTelemetry SDK behind Micrometer Tracing:
 * continued from the record's {@code traceparent} whether the header mapper delivered it
 * as text or as bytes, a new trace without one, and its context in the output headers.
 */
class KafkaRecordTracingTests {

	private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";

	private static final String PARENT_ID = "00f067aa0ba902b7";

	private final InMemorySpanExporter exporter = InMemorySpanExporter.create();

	private final SdkTracerProvider provider = SdkTracerProvider.builder()
		.addSpanProcessor(SimpleSpanProcessor.create(this.exporter))
		.build();

	private final KafkaRecordTracing tracing = tracing();

	@AfterEach
	void close() {
		this.provider.close();
	}

	@Test
	void continuesTheTraceOfARecordWhoseTraceparentArrivesAsBytes() {
		Map<String, Object> output = invoke(
				Map.of("traceparent", ("00-" + TRACE_ID + "-" + PARENT_ID + "-01").getBytes(StandardCharsets.UTF_8)));

		SpanData span = onlySpan();
		assertThat(span.getTraceId()).isEqualTo(TRACE_ID);
		assertThat(span.getParentSpanId()).isEqualTo(PARENT_ID);
		assertThat(span.getKind()).isEqualTo(SpanKind.CONSUMER);
		assertThat(span.getName()).isEqualTo("validateReading|enrichReading");
		assertThat(output).containsEntry("traceparent", "00-" + TRACE_ID + "-" + span.getSpanId() + "-01");
	}

	@Test
	void continuesTheTraceOfARecordWhoseTraceparentArrivesAsText() {
		invoke(Map.of("traceparent", "00-" + TRACE_ID + "-" + PARENT_ID + "-01"));

		assertThat(onlySpan().getParentSpanId()).isEqualTo(PARENT_ID);
	}

	@Test
	void startsANewTraceForARecordWithoutContextAndPassesItOn() {
		Map<String, Object> output = invoke(Map.of("kafka_receivedTopic", "telemetry.readings"));

		SpanData span = onlySpan();
		assertThat(span.getParentSpanContext().isValid()).isFalse();
		assertThat(span.getAttributes().asMap().toString()).contains("telemetry.readings");
		assertThat(output).containsEntry("traceparent", "00-" + span.getTraceId() + "-" + span.getSpanId() + "-01");
	}

	@Test
	void replacesTheInputsContextCopiedIntoTheOutput() {
		Map<String, Object> output = new HashMap<>(Map.of("traceparent", "00-" + TRACE_ID + "-" + PARENT_ID + "-01"));
		try (RecordSpan span = this.tracing.open("hello", new MessageHeaders(Map.copyOf(output)))) {
			span.inject(output);
		}

		assertThat(output.get("traceparent").toString()).doesNotContain(PARENT_ID).contains(onlySpan().getSpanId());
	}

	private Map<String, Object> invoke(Map<String, Object> headers) {
		Map<String, Object> output = new HashMap<>();
		try (RecordSpan span = this.tracing.open("validateReading,enrichReading", new MessageHeaders(headers))) {
			span.inject(output);
		}
		return output;
	}

	private SpanData onlySpan() {
		List<SpanData> spans = this.exporter.getFinishedSpanItems();
		assertThat(spans).hasSize(1);
		return spans.get(0);
	}

	private KafkaRecordTracing tracing() {
		io.opentelemetry.api.trace.Tracer otel = this.provider.get("fnbridge-test");
		OtelCurrentTraceContext context = new OtelCurrentTraceContext();
		OtelTracer tracer = new OtelTracer(otel, context, (event) -> {
		});
		OtelPropagator propagator = new OtelPropagator(
				ContextPropagators.create(W3CTraceContextPropagator.getInstance()), otel);
		return new KafkaRecordTracing(tracer, propagator);
	}

}

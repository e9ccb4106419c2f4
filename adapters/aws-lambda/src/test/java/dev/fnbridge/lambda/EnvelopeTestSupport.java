package dev.fnbridge.lambda;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

import dev.fnbridge.core.error.InvalidInputException;
import dev.fnbridge.core.invocation.InvocationPipeline;
import dev.fnbridge.core.metrics.InvocationMetrics;
import dev.fnbridge.core.metrics.Transport;
import dev.fnbridge.core.tracing.TraceContinuation;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.TraceContext;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import org.junit.jupiter.api.BeforeEach;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.cloud.function.context.FunctionCatalog;
import org.springframework.context.annotation.Bean;
import org.springframework.messaging.Message;

/**
 * What the envelope tests share: a small catalog of functions that record what reached
 * them, the events under {@code events/} (AWS's own shapes), and the Lambda invocations
 * the pipeline counted.
 */
@SpringBootTest(classes = EnvelopeTestSupport.Functions.class)
abstract class EnvelopeTestSupport {

	@Autowired
	FunctionCatalog catalog;

	@Autowired
	ObjectMapper mapper;

	@Autowired
	InvocationPipeline pipeline;

	@Autowired
	Received received;

	@Autowired
	Invocations invocations;

	/** The trace fields each span was started from, when a test traces. */
	final List<String> tracedParents = new CopyOnWriteArrayList<>();

	@BeforeEach
	void forgetEarlierInvocations() {
		this.received.inputs.clear();
		this.received.headers.clear();
		this.invocations.outcomes.clear();
	}

	/** An invocation with the given function configured, without tracing. */
	InvocationContext context(String definition) {
		return new InvocationContext(new LambdaInvoker(this.catalog, this.pipeline, null, definition), "req-1");
	}

	/**
	 * An invocation with the given function configured whose spans record the
	 * {@code traceparent} they continue.
	 */
	InvocationContext tracedContext(String definition) {
		Propagator recording = new Propagator() {

			@Override
			public List<String> fields() {
				return List.of("traceparent");
			}

			@Override
			public <C> void inject(TraceContext context, C carrier, Setter<C> setter) {
			}

			@Override
			public <C> Span.Builder extract(C carrier, Getter<C> getter) {
				EnvelopeTestSupport.this.tracedParents.add(getter.get(carrier, "traceparent"));
				return Tracer.NOOP.spanBuilder();
			}

		};
		return new InvocationContext(new LambdaInvoker(this.catalog, this.pipeline,
				new TraceContinuation(Tracer.NOOP, recording), definition), "req-1");
	}

	LambdaDispatcher dispatcher(String definition) {
		return new LambdaDispatcher(this.catalog, this.mapper, this.pipeline, null, definition);
	}

	/** The envelope handles the event file, which it accepts; its answer as JSON. */
	JsonNode handle(LambdaEnvelope envelope, String file, InvocationContext context) {
		return handle(envelope, event(file), context);
	}

	JsonNode handle(LambdaEnvelope envelope, byte[] event, InvocationContext context) {
		JsonNode tree = this.mapper.readTree(event);
		if (!envelope.accepts(tree)) {
			throw new AssertionError(envelope.getClass().getSimpleName() + " does not accept " + tree);
		}
		return this.mapper.readTree(envelope.handle(tree, event, context));
	}

	/** The body of a proxy response. */
	JsonNode body(JsonNode proxy) {
		return this.mapper.readTree(proxy.path("body").asString());
	}

	static byte[] event(String file) {
		try (InputStream in = EnvelopeTestSupport.class.getResourceAsStream("/events/" + file)) {
			if (in == null) {
				throw new IllegalArgumentException("No event " + file);
			}
			return in.readAllBytes();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	static String text(String file) {
		return new String(event(file), StandardCharsets.UTF_8);
	}

	static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	/** The payload of {@code hello}. */
	record HelloRequest(String name) {
	}

	/** A sensor reading, as the telemetry events carry them. */
	record Reading(String deviceId, String type, double value, String unit, Instant timestamp) {
	}

	/** What reached the functions, in order. */
	static final class Received {

		final List<Object> inputs = new CopyOnWriteArrayList<>();

		final List<Map<String, Object>> headers = new CopyOnWriteArrayList<>();

	}

	/** The Lambda invocations the pipeline counted: {@code function outcome}. */
	static final class Invocations {

		final List<String> outcomes = new CopyOnWriteArrayList<>();

	}

	@SpringBootConfiguration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class Functions {

		@Bean
		Received received() {
			return new Received();
		}

		@Bean
		Invocations invocations(InvocationMetrics metrics) {
			Invocations invocations = new Invocations();
			metrics.addListener((function, transport, outcome, errorType, nanos, bytes) -> {
				if (transport == Transport.LAMBDA) {
					invocations.outcomes.add(function + " " + outcome);
				}
			});
			return invocations;
		}

		@Bean
		Function<HelloRequest, String> hello() {
			return (request) -> "Hello, " + request.name() + "!";
		}

		/** Refuses a humidity over 100 %, as the sample application does. */
		@Bean
		Function<Reading, Reading> validateReading(Received received) {
			return (reading) -> {
				received.inputs.add(reading);
				if (reading.type().equals("humidity") && reading.value() > 100) {
					throw new InvalidInputException("value", "out of physical range");
				}
				return reading;
			};
		}

		/** Sees the headers of the message it is given. */
		@Bean
		Function<Message<Reading>, Reading> readingMessage(Received received) {
			return (message) -> {
				received.inputs.add(message.getPayload());
				received.headers.add(new TreeMap<>(message.getHeaders()));
				return message.getPayload();
			};
		}

		@Bean
		Function<Map<String, Object>, Map<String, Object>> echo(Received received) {
			return (input) -> {
				received.inputs.add(input);
				return input;
			};
		}

		@Bean
		Function<String, String> shout(Received received) {
			return (text) -> {
				received.inputs.add(text);
				return text.toUpperCase(Locale.ROOT);
			};
		}

		@Bean
		Supplier<String> greeting() {
			return () -> "Hi";
		}

		@Bean
		Consumer<HelloRequest> forget(Received received) {
			return received.inputs::add;
		}

		/** Fails with a message the caller must never see. */
		@Bean
		Function<HelloRequest, String> boom() {
			return (request) -> {
				throw new IllegalStateException("secret connection string");
			};
		}

	}

}

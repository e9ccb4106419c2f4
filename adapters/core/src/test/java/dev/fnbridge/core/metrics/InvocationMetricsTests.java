package dev.fnbridge.core.metrics;

import dev.fnbridge.core.error.ErrorClassifier;
import dev.fnbridge.core.error.InvalidInputException;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

import static org.assertj.core.api.Assertions.assertThat;

class InvocationMetricsTests {

	private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

	private final InvocationMetrics metrics = new InvocationMetrics(this.registry);

	@Test
	void countsSuccessesAndFailuresUnderOneNameWithOutcomeTags() {
		this.metrics.start("hello", Transport.HTTP, 12).success();
		this.metrics.start("hello", Transport.HTTP, 3)
			.failure(ErrorClassifier.classify(new InvalidInputException("name", "too long")));

		assertThat(this.registry.get(InvocationMetrics.INVOCATIONS)
			.tags("function", "hello", "transport", "http", "outcome", "success", "error.type", "none")
			.timer()
			.count()).isEqualTo(1);
		assertThat(this.registry.get(InvocationMetrics.INVOCATIONS)
			.tags("outcome", "client_error", "error.type", "invalid-input")
			.timer()
			.count()).isEqualTo(1);
		assertThat(this.registry.get(InvocationMetrics.PAYLOAD_SIZE).summary().totalAmount()).isEqualTo(15);
	}

	@Test
	void tellsListenersOfEveryFinishedInvocationOnceWithTheTimersTags() {
		java.util.List<String> told = new java.util.ArrayList<>();
		this.metrics.addListener((function, transport, outcome, errorType, nanos, bytes) -> told.add(
				function + " " + transport.tag() + " " + outcome + " " + errorType + " " + bytes + " " + (nanos >= 0)));

		this.metrics.start("validateReading,enrichReading", Transport.LAMBDA, 42).success();
		InvocationMetrics.Sample failed = this.metrics.start("hello", Transport.LAMBDA, 7);
		failed.failure(ErrorClassifier.classify(new IllegalStateException("boom")));
		failed.failure(ErrorClassifier.classify(new IllegalStateException("again")));

		assertThat(told).containsExactly("validateReading|enrichReading lambda success none 42 true",
				"hello lambda server_error unexpected-error 7 true");
	}

	@Test
	void namesFunctionAndTransportInTheLogContextWhileAnInvocationRuns() {
		InvocationMetrics.Sample running = this.metrics.start("validateReading,enrichReading", Transport.KAFKA, 5);
		String function = MDC.get(InvocationMetrics.MDC_FUNCTION);
		String transport = MDC.get(InvocationMetrics.MDC_TRANSPORT);
		running.success();

		assertThat(function).isEqualTo("validateReading|enrichReading");
		assertThat(transport).isEqualTo("kafka");
		assertThat(MDC.get(InvocationMetrics.MDC_FUNCTION)).isNull();
		assertThat(MDC.get(InvocationMetrics.MDC_TRANSPORT)).isNull();
	}

	@Test
	void tracksInvocationsInFlight() {
		InvocationMetrics.Sample running = this.metrics.start("slow", Transport.KAFKA, -1);
		double during = this.registry.get(InvocationMetrics.IN_FLIGHT).tag("transport", "kafka").gauge().value();
		running.success();
		running.success();

		assertThat(during).isEqualTo(1);
		assertThat(this.registry.get(InvocationMetrics.IN_FLIGHT).gauge().value()).isZero();
		assertThat(this.registry.get(InvocationMetrics.INVOCATIONS).timer().count()).isEqualTo(1);
	}

}

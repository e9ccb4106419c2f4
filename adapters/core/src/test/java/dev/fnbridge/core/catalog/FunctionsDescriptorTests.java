package dev.fnbridge.core.catalog;

import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Topics of functions and compositions as the Spring Cloud Stream configuration binds
 * them: what the descriptor and the contract kit report.
 */
class FunctionsDescriptorTests {

	private final StandardEnvironment environment = new StandardEnvironment();

	@Test
	void readsTheDestinationsOfTheDefaultBindingNames() {
		configure(Map.of("spring.cloud.stream.bindings.priceOrder-in-0.destination", "orders.placed",
				"spring.cloud.stream.bindings.priceOrder-out-0.destination", "orders.invoices"));

		assertThat(FunctionsDescriptor.topics("priceOrder", this.environment)).containsExactly(
				Map.entry("input", "orders.placed"), Map.entry("deadLetter", "orders.placed.dlq"),
				Map.entry("output", "orders.invoices"));
	}

	@Test
	void followsARenamedBindingAndTheConfiguredDeadLetterSuffix() {
		configure(Map.of("spring.cloud.stream.function.bindings.validateReadingenrichReading-in-0", "telemetryIn",
				"spring.cloud.stream.bindings.telemetryIn.destination", "telemetry.readings",
				"fnbridge.kafka.dead-letter-suffix", ".dead"));

		assertThat(FunctionsDescriptor.topics("validateReadingenrichReading", this.environment)).containsExactly(
				Map.entry("input", "telemetry.readings"), Map.entry("deadLetter", "telemetry.readings.dead"));
	}

	@Test
	void reportsNoTopicsForAnUnboundFunction() {
		assertThat(FunctionsDescriptor.topics("hello", this.environment)).isEmpty();
	}

	private void configure(Map<String, Object> properties) {
		this.environment.getPropertySources().addFirst(new MapPropertySource("test", properties));
	}

}

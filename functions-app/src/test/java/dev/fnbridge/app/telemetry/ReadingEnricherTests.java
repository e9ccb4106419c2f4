package dev.fnbridge.app.telemetry;

import dev.fnbridge.core.error.ClassifiedError;
import dev.fnbridge.core.error.ErrorCategory;
import org.junit.jupiter.api.Test;

import static dev.fnbridge.app.telemetry.Readings.reading;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class ReadingEnricherTests {

	private final ReadingEnricher enricher = new ReadingEnricher(TelemetryFixtures.properties());

	@Test
	void addsTheSiteAndOwnerOfAKnownDevice() {
		EnrichedReading enriched = this.enricher.apply(reading("sensor-1", "temperature", 20, "C"));

		assertThat(enriched.site()).isEqualTo("plant-a");
		assertThat(enriched.owner()).isEqualTo("ops-team");
		assertThat(enriched.value()).isEqualTo(20);
		assertThat(enriched.deviceId()).isEqualTo("sensor-1");
	}

	@Test
	void rejectsAnUnknownDeviceWithTheFeaturesOwnException() {
		assertThatExceptionOfType(UnknownDeviceException.class)
			.isThrownBy(() -> this.enricher.apply(reading("sensor-9", "temperature", 20, "C")))
			.satisfies((ex) -> assertThat(ex.deviceId()).isEqualTo("sensor-9"));
	}

	@Test
	void mapsAnUnknownDeviceToInvalidInputOnDeviceId() {
		ClassifiedError error = new TelemetryFunctions().unknownDeviceIsInvalidInput()
			.map(new UnknownDeviceException("sensor-9"));

		assertThat(error.category()).isEqualTo(ErrorCategory.INVALID_INPUT);
		assertThat(error.violations()).singleElement()
			.satisfies((violation) -> assertThat(violation.field()).isEqualTo("deviceId"));
		assertThat(new TelemetryFunctions().unknownDeviceIsInvalidInput().map(new IllegalStateException("other")))
			.isNull();
	}

}

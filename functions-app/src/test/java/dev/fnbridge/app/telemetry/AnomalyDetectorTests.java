package dev.fnbridge.app.telemetry;

import org.junit.jupiter.api.Test;

import static dev.fnbridge.app.telemetry.Readings.NOW;
import static org.assertj.core.api.Assertions.assertThat;

class AnomalyDetectorTests {

	private final AnomalyDetector detector = new AnomalyDetector(TelemetryFixtures.properties());

	@Test
	void alertsAboveTheMaximum() {
		Alert alert = this.detector.apply(enriched("temperature", 61, "C"));

		assertThat(alert)
			.isEqualTo(new Alert("sensor-1", "plant-a", "ops-team", "temperature", 61, "C", "above-max", 60, NOW));
	}

	@Test
	void alertsBelowTheMinimum() {
		assertThat(this.detector.apply(enriched("temperature", -25, "C")).condition()).isEqualTo("below-min");
	}

	@Test
	void comparesInTheCanonicalUnit() {
		// 150 F is 65.6 C, above the 60 C maximum; 120 F (48.9 C) is not.
		assertThat(this.detector.apply(enriched("temperature", 150, "F")).value()).isCloseTo(65.56,
				org.assertj.core.data.Offset.offset(0.01));
		assertThat(this.detector.apply(enriched("temperature", 120, "F"))).isNull();
	}

	@Test
	void emitsNothingWithinTheThresholdsOrWithoutThresholds() {
		assertThat(this.detector.apply(enriched("temperature", 60, "C"))).isNull();
		assertThat(this.detector.apply(enriched("humidity", 99, "%"))).isNull();
		assertThat(this.detector.apply(enriched("co2", 1999, "ppm"))).isNull();
		assertThat(this.detector.apply(enriched("co2", 2001, "ppm"))).isNotNull();
	}

	private static EnrichedReading enriched(String type, double value, String unit) {
		return new EnrichedReading("sensor-1", type, value, unit, NOW, "plant-a", "ops-team");
	}

}

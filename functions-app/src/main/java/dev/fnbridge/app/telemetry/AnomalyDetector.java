package dev.fnbridge.app.telemetry;

import java.util.Optional;
import java.util.function.Function;

/**
 * Compares an enriched reading with the thresholds of its type
 * ({@code fnbridge.telemetry.thresholds}, in the canonical unit). Returns an
 * {@link Alert} when the value is above the maximum or below the minimum, and
 * {@code null} otherwise: transports send nothing for {@code null} (HTTP 204, no Kafka
 * record). Types or units without thresholds never alert. Never throws for a reading that
 * passed {@code validateReading}.
 */
public class AnomalyDetector implements Function<EnrichedReading, Alert> {

	private final TelemetryProperties properties;

	/**
	 * Creates the detector.
	 * @param properties where the thresholds are
	 */
	public AnomalyDetector(TelemetryProperties properties) {
		this.properties = properties;
	}

	/**
	 * Detects.
	 * @param reading an enriched reading
	 * @return an alert, or {@code null} when no threshold is crossed
	 */
	@Override
	public Alert apply(EnrichedReading reading) {
		if (reading == null || reading.type() == null || reading.unit() == null) {
			return null;
		}
		Optional<SensorType> type = SensorType.fromName(reading.type());
		TelemetryProperties.Threshold threshold = this.properties.getThresholds().get(reading.type());
		Optional<String> unit = type.flatMap((known) -> known.unit(reading.unit()));
		if (threshold == null || unit.isEmpty()) {
			return null;
		}
		double value = type.get().toCanonical(reading.value(), unit.get());
		if (threshold.getMax() != null && value > threshold.getMax()) {
			return alert(reading, type.get(), value, "above-max", threshold.getMax());
		}
		if (threshold.getMin() != null && value < threshold.getMin()) {
			return alert(reading, type.get(), value, "below-min", threshold.getMin());
		}
		return null;
	}

	private static Alert alert(EnrichedReading reading, SensorType type, double value, String condition,
			double threshold) {
		return new Alert(reading.deviceId(), reading.site(), reading.owner(), type.jsonName(), value,
				type.canonicalUnit(), condition, threshold, reading.timestamp());
	}

}

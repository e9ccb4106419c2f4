package dev.fnbridge.app.telemetry;

import java.time.Instant;

import dev.fnbridge.core.RecordKey;

/**
 * A reading that crossed its type's threshold.
 *
 * @param deviceId the device; also the Kafka record key
 * @param site where the device is installed
 * @param owner who is responsible for it
 * @param type the sensor type
 * @param value the value, in the type's canonical unit
 * @param unit the canonical unit
 * @param condition {@code above-max} or {@code below-min}
 * @param threshold the threshold crossed, in the canonical unit
 * @param timestamp when the reading was measured
 */
public record Alert(@RecordKey String deviceId, String site, String owner, String type, double value, String unit,
		String condition, double threshold, Instant timestamp) {
}

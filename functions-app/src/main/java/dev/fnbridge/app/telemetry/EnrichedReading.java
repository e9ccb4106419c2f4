package dev.fnbridge.app.telemetry;

import java.time.Instant;

import dev.fnbridge.core.RecordKey;

/**
 * A validated reading with the metadata of its device.
 *
 * @param deviceId the device; also the Kafka record key
 * @param type the sensor type, lowercase
 * @param value the measured value, in {@code unit}
 * @param unit the unit, spelled canonically
 * @param timestamp when it was measured
 * @param site where the device is installed
 * @param owner who is responsible for the device
 */
public record EnrichedReading(@RecordKey String deviceId, String type, double value, String unit, Instant timestamp,
		String site, String owner) {
}

package dev.fnbridge.app.summary;

import java.time.Instant;

/**
 * Statistics of one device's readings of one sensor type, in the type's canonical unit.
 *
 * @param deviceId the device
 * @param type the sensor type
 * @param unit the canonical unit the statistics are in
 * @param count how many readings
 * @param min the smallest value
 * @param max the largest value
 * @param mean the arithmetic mean
 * @param from the earliest timestamp
 * @param to the latest timestamp
 */
public record DeviceSummary(String deviceId, String type, String unit, long count, double min, double max, double mean,
		Instant from, Instant to) {
}

package dev.fnbridge.app.telemetry;

import java.time.Instant;

import dev.fnbridge.core.RecordKey;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * One sensor measurement, as a device sends it.
 *
 * @param deviceId the device that measured it; also the Kafka record key
 * @param type the sensor type: {@code temperature}, {@code humidity}, {@code pressure} or
 * {@code co2}
 * @param value the measured value, in {@code unit}
 * @param unit the unit of {@code value}; which units are allowed depends on the type
 * @param timestamp when it was measured
 */
public record Reading(@RecordKey @NotBlank @Size(max = 128) String deviceId, @NotBlank String type,
		@NotNull Double value, @NotBlank String unit, @NotNull Instant timestamp) {
}

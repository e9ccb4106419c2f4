package dev.fnbridge.app.telemetry;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

/**
 * Test fixtures: a fixed clock and a validator bound to it.
 */
public final class Readings {

	/** "Now" in every telemetry test. */
	public static final Instant NOW = Instant.parse("2026-11-26T12:00:00Z");

	private Readings() {
	}

	/**
	 * A validator whose clock stands at {@link #NOW}, allowing one minute of skew.
	 * @return the validator
	 */
	public static ReadingValidator validator() {
		return new ReadingValidator(Clock.fixed(NOW, ZoneOffset.UTC), Duration.ofMinutes(1));
	}

	/**
	 * A reading taken an hour before {@link #NOW}.
	 * @param deviceId the device
	 * @param type the sensor type
	 * @param value the value
	 * @param unit the unit
	 * @return the reading
	 */
	public static Reading reading(String deviceId, String type, double value, String unit) {
		return new Reading(deviceId, type, value, unit, NOW.minusSeconds(3600));
	}

}

package dev.fnbridge.app.telemetry;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

import dev.fnbridge.core.error.InvalidInputException;
import dev.fnbridge.core.error.Violation;

/**
 * Checks a {@link Reading} and returns it normalized (type in lowercase, unit spelled
 * canonically, e.g. {@code °c} becomes {@code C}).
 * <p>
 * Throws {@link InvalidInputException} listing every violation found: an unknown sensor
 * type, a unit the type does not accept, a value outside the type's physical range, or a
 * timestamp further in the future than the allowed clock skew. Missing and blank fields
 * never get here: fnbridge checks {@link Reading}'s Bean Validation constraints on every
 * transport before the function runs.
 */
public class ReadingValidator implements Function<Reading, Reading> {

	private final Clock clock;

	private final Duration maxClockSkew;

	/**
	 * Creates the validator.
	 * @param clock the clock "now" is read from
	 * @param maxClockSkew how far in the future a timestamp may lie
	 */
	public ReadingValidator(Clock clock, Duration maxClockSkew) {
		this.clock = clock;
		this.maxClockSkew = maxClockSkew;
	}

	/**
	 * Validates and normalizes.
	 * @param reading the reading as sent
	 * @return the normalized reading
	 * @throws InvalidInputException if any rule is broken
	 */
	@Override
	public Reading apply(Reading reading) {
		if (reading == null) {
			throw new InvalidInputException("", "A reading is required");
		}
		if (reading.deviceId() == null || reading.type() == null || reading.value() == null || reading.unit() == null
				|| reading.timestamp() == null) {
			// Only a direct Java caller can get here: every transport checks the
			// constraints.
			throw new InvalidInputException("", "deviceId, type, value, unit and timestamp are required");
		}
		List<Violation> violations = new ArrayList<>();
		Optional<SensorType> type = (reading.type() != null) ? SensorType.fromName(reading.type()) : Optional.empty();
		if (!reading.type().isBlank() && type.isEmpty()) {
			violations.add(new Violation("type", "unknown sensor type; use one of " + SensorType.jsonNames()));
		}
		Optional<String> unit = Optional.empty();
		if (type.isPresent() && reading.unit() != null && !reading.unit().isBlank()) {
			unit = type.get().unit(reading.unit());
			if (unit.isEmpty()) {
				violations.add(new Violation("unit",
						"unknown unit for " + type.get().jsonName() + "; use one of " + type.get().units()));
			}
		}
		if (unit.isPresent() && reading.value() != null) {
			checkRange(type.get(), unit.get(), reading.value(), violations);
		}
		if (reading.timestamp() != null
				&& reading.timestamp().isAfter(Instant.now(this.clock).plus(this.maxClockSkew))) {
			violations.add(new Violation("timestamp", "must not be in the future"));
		}
		if (!violations.isEmpty()) {
			throw new InvalidInputException(violations);
		}
		return new Reading(reading.deviceId().strip(), type.get().jsonName(), reading.value(), unit.get(),
				reading.timestamp());
	}

	private static void checkRange(SensorType type, String unit, double value, List<Violation> violations) {
		if (!Double.isFinite(value)) {
			violations.add(new Violation("value", "must be a finite number"));
			return;
		}
		double canonical = type.toCanonical(value, unit);
		if (canonical < type.min() || canonical > type.max()) {
			violations.add(new Violation("value", "out of physical range for " + type.jsonName() + ": must be between "
					+ type.min() + " and " + type.max() + " " + type.canonicalUnit()));
		}
	}

}

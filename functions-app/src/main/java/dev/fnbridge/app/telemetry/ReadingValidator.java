package dev.fnbridge.app.telemetry;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

import dev.fnbridge.core.error.ErrorClassifier;
import dev.fnbridge.core.error.InvalidInputException;
import dev.fnbridge.core.error.Violation;
import jakarta.validation.Validator;

/**
 * Checks a {@link Reading} and returns it normalized (type in lowercase, unit spelled
 * canonically, e.g. {@code °c} becomes {@code C}).
 * <p>
 * Throws {@link InvalidInputException} listing every violation found: a missing or blank
 * field, an unknown sensor type, a unit the type does not accept, a value outside the
 * type's physical range, or a timestamp further in the future than the allowed clock
 * skew.
 */
public class ReadingValidator implements Function<Reading, Reading> {

	private final Validator validator;

	private final Clock clock;

	private final Duration maxClockSkew;

	/**
	 * Creates the validator.
	 * @param validator Bean Validation, for the field constraints on {@link Reading}
	 * @param clock the clock "now" is read from
	 * @param maxClockSkew how far in the future a timestamp may lie
	 */
	public ReadingValidator(Validator validator, Clock clock, Duration maxClockSkew) {
		this.validator = validator;
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
		List<Violation> violations = new ArrayList<>(ErrorClassifier.toViolations(this.validator.validate(reading)));
		Optional<SensorType> type = (reading.type() != null) ? SensorType.fromName(reading.type()) : Optional.empty();
		if (reading.type() != null && !reading.type().isBlank() && type.isEmpty()) {
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

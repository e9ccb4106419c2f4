package dev.fnbridge.app.telemetry;

import dev.fnbridge.core.error.InvalidInputException;
import dev.fnbridge.core.error.Violation;
import org.junit.jupiter.api.Test;

import static dev.fnbridge.app.telemetry.Readings.NOW;
import static dev.fnbridge.app.telemetry.Readings.reading;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class ReadingValidatorTests {

	private final ReadingValidator validator = Readings.validator();

	@Test
	void normalizesTypeAndUnitOfAValidReading() {
		Reading normalized = this.validator.apply(reading(" sensor-1 ", "Temperature", 21.5, "°c"));

		assertThat(normalized).isEqualTo(new Reading("sensor-1", "temperature", 21.5, "C", NOW.minusSeconds(3600)));
	}

	@Test
	void rejectsTemperatureBelowAbsoluteZeroInAnyUnit() {
		assertThat(violations(reading("s", "temperature", -273.2, "C"))).extracting(Violation::field)
			.containsExactly("value");
		assertThat(violations(reading("s", "temperature", -1, "K"))).extracting(Violation::field)
			.containsExactly("value");
		assertThat(violations(reading("s", "temperature", -460, "F"))).extracting(Violation::field)
			.containsExactly("value");
		assertThat(this.validator.apply(reading("s", "temperature", 0, "K")).value()).isZero();
	}

	@Test
	void rejectsHumidityOutsideZeroToHundredPercent() {
		assertThat(violations(reading("s", "humidity", 100.1, "%"))).singleElement()
			.extracting(Violation::message)
			.asString()
			.contains("out of physical range");
		assertThat(violations(reading("s", "humidity", -0.1, "%"))).hasSize(1);
	}

	@Test
	void rejectsAUnitTheTypeDoesNotAccept() {
		assertThat(violations(reading("s", "humidity", 40, "C"))).singleElement()
			.isEqualTo(new Violation("unit", "unknown unit for humidity; use one of [%]"));
	}

	@Test
	void rejectsAnUnknownSensorType() {
		assertThat(violations(reading("s", "radiation", 1, "Sv"))).singleElement()
			.extracting(Violation::field)
			.isEqualTo("type");
	}

	@Test
	void rejectsMissingFieldsFromADirectCaller() {
		assertThatExceptionOfType(InvalidInputException.class)
			.isThrownBy(() -> this.validator.apply(new Reading("s", "co2", null, "ppm", NOW)))
			.withMessageContaining("required");
	}

	@Test
	void rejectsATimestampBeyondTheAllowedClockSkew() {
		Reading future = new Reading("s", "co2", 400.0, "ppm", NOW.plusSeconds(61));
		Reading withinSkew = new Reading("s", "co2", 400.0, "ppm", NOW.plusSeconds(59));

		assertThat(violations(future)).singleElement()
			.isEqualTo(new Violation("timestamp", "must not be in the future"));
		assertThat(this.validator.apply(withinSkew).timestamp()).isEqualTo(NOW.plusSeconds(59));
	}

	@Test
	void rejectsNonFiniteValues() {
		assertThat(violations(reading("s", "pressure", Double.NaN, "hPa"))).singleElement()
			.extracting(Violation::message)
			.isEqualTo("must be a finite number");
	}

	@Test
	void rejectsANullReading() {
		assertThatExceptionOfType(InvalidInputException.class).isThrownBy(() -> this.validator.apply(null));
	}

	private java.util.List<Violation> violations(Reading reading) {
		return assertThatExceptionOfType(InvalidInputException.class).isThrownBy(() -> this.validator.apply(reading))
			.actual()
			.violations();
	}

}

package dev.fnbridge.app.summary;

import java.time.Instant;
import java.util.Collections;
import java.util.List;

import dev.fnbridge.app.telemetry.Reading;
import dev.fnbridge.app.telemetry.Readings;
import dev.fnbridge.core.error.InvalidInputException;
import dev.fnbridge.core.error.Violation;
import org.junit.jupiter.api.Test;

import static dev.fnbridge.app.telemetry.Readings.reading;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.within;

class ReadingSummarizerTests {

	private final ReadingSummarizer summarizer = new ReadingSummarizer(Readings.validator(), 5);

	@Test
	void summarizesPerDeviceAndTypeInTheCanonicalUnit() {
		Instant early = Readings.NOW.minusSeconds(7200);
		List<DeviceSummary> summaries = this.summarizer.apply(List.of(new Reading("b", "temperature", 20.0, "C", early),
				reading("b", "temperature", 86, "F"), reading("a", "humidity", 40, "%"),
				reading("a", "humidity", 50, "%"), reading("a", "humidity", 90, "%")));

		assertThat(summaries).extracting(DeviceSummary::deviceId).containsExactly("a", "b");
		DeviceSummary humidity = summaries.get(0);
		assertThat(humidity.count()).isEqualTo(3);
		assertThat(humidity.min()).isEqualTo(40);
		assertThat(humidity.max()).isEqualTo(90);
		assertThat(humidity.mean()).isEqualTo(60);
		DeviceSummary temperature = summaries.get(1);
		assertThat(temperature.unit()).isEqualTo("C");
		assertThat(temperature.max()).isCloseTo(30, within(1e-9));
		assertThat(temperature.mean()).isCloseTo(25, within(1e-9));
		assertThat(temperature.from()).isEqualTo(early);
		assertThat(temperature.to()).isEqualTo(Readings.NOW.minusSeconds(3600));
	}

	@Test
	void keepsTypesOfOneDeviceApart() {
		List<DeviceSummary> summaries = this.summarizer
			.apply(List.of(reading("a", "humidity", 40, "%"), reading("a", "co2", 400, "ppm")));

		assertThat(summaries).extracting(DeviceSummary::type).containsExactly("co2", "humidity");
	}

	@Test
	void givesNothingForAnEmptyBatch() {
		assertThat(this.summarizer.apply(List.of())).isEmpty();
	}

	@Test
	void rejectsTheBatchNamingEveryInvalidReadingByIndex() {
		List<Reading> batch = new java.util.ArrayList<>(List.of(reading("a", "humidity", 40, "%"),
				reading("a", "humidity", 140, "%"), reading("a", "humidity", 40, "C")));
		batch.add(null);

		assertThatExceptionOfType(InvalidInputException.class).isThrownBy(() -> this.summarizer.apply(batch))
			.satisfies((ex) -> assertThat(ex.violations()).extracting(Violation::field)
				.containsExactly("[1].value", "[2].unit", "[3]"));
	}

	@Test
	void takesABatchOfExactlyTheLimit() {
		assertThat(this.summarizer.apply(Collections.nCopies(5, reading("a", "humidity", 40, "%")))).singleElement()
			.extracting(DeviceSummary::count)
			.isEqualTo(5L);
	}

	@Test
	void refusesABatchOverTheLimitBeforeValidatingItsReadings() {
		List<Reading> invalid = Collections.nCopies(6, reading("a", "humidity", 140, "%"));

		assertThatExceptionOfType(TooManyReadingsException.class).isThrownBy(() -> this.summarizer.apply(invalid))
			.withMessage("A batch has at most 5 readings, not 6");
	}

}

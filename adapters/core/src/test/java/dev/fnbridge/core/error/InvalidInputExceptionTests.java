package dev.fnbridge.core.error;

import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An invalid-input error stays small whatever the input: what HTTP, Kafka and Lambda
 * render of it is bounded.
 */
class InvalidInputExceptionTests {

	@Test
	void keepsTheFirstHundredViolationsAndCountsTheRest() {
		List<Violation> many = IntStream.range(0, 100_000)
			.mapToObj((i) -> new Violation("[" + i + "]", "null"))
			.toList();

		InvalidInputException error = new InvalidInputException(many);

		assertThat(error.violations()).hasSize(InvalidInputException.MAX_VIOLATIONS + 1);
		assertThat(error.violations().get(100)).isEqualTo(new Violation("", "and 99900 more violations"));
		assertThat(error.getMessage()).isEqualTo("[0]: null (and 99999 more)");
	}

	@Test
	void shortensAnOverlongFieldOrMessage() {
		InvalidInputException error = new InvalidInputException("x".repeat(10_000), "y".repeat(10_000));

		assertThat(error.violations().get(0).field()).hasSize(InvalidInputException.MAX_TEXT + 1);
		assertThat(error.violations().get(0).message()).hasSize(InvalidInputException.MAX_TEXT + 1).endsWith("…");
	}

	@Test
	void keepsAFewViolationsAsTheyAre() {
		InvalidInputException error = new InvalidInputException(
				List.of(new Violation("a", "bad"), new Violation("b", "worse")));

		assertThat(error.violations()).containsExactly(new Violation("a", "bad"), new Violation("b", "worse"));
		assertThat(error.getMessage()).isEqualTo("a: bad (and 1 more)");
	}

}

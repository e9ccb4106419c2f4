package dev.fnbridge.core.error;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ProblemDocumentTests {

	@Test
	void givesAServerSideFailureTheCorrelationIdItsLogLineHas() {
		ClassifiedError error = new ClassifiedError(ErrorCategory.UNEXPECTED, "An unexpected error occurred", List.of(),
				null);

		ProblemDocument problem = ProblemDocument.of(error, "/hello", "hello", "req-1");

		assertThat(problem.correlationId()).isEqualTo("req-1");
		assertThat(problem.status()).isEqualTo(500);
		assertThat(problem.type()).isEqualTo(ErrorCategory.UNEXPECTED.problemType());
	}

	@Test
	void makesUpACorrelationIdWhenTheTransportHasNone() {
		ClassifiedError error = new ClassifiedError(ErrorCategory.TRANSIENT, "busy", List.of(), null);

		assertThat(ProblemDocument.of(error, null, null, null).correlationId()).isNotBlank();
		assertThat(ProblemDocument.of(error, null, null, " ").correlationId()).isNotBlank();
	}

	@Test
	void givesAClientErrorNoCorrelationIdAndListsOnlyFieldViolations() {
		ClassifiedError fieldless = new ClassifiedError(ErrorCategory.INVALID_INPUT, "bad",
				List.of(new Violation("", "bad")), null);
		ClassifiedError withField = new ClassifiedError(ErrorCategory.INVALID_INPUT, "bad",
				List.of(new Violation("name", "must not be blank")), null);

		assertThat(ProblemDocument.of(fieldless, "/hello", "hello", "req-1").correlationId()).isNull();
		assertThat(ProblemDocument.of(fieldless, "/hello", "hello", null).errors()).isNull();
		assertThat(ProblemDocument.of(withField, "/hello", "hello", null).errors())
			.containsExactly(new Violation("name", "must not be blank"));
	}

	@Test
	void cutsTextsThatEchoTheCallerToFiveHundredCharacters() {
		String name = "x".repeat(65_536);
		ClassifiedError error = new ClassifiedError(ErrorCategory.NOT_FOUND, "No function named '" + name + "'",
				List.of(), null);

		ProblemDocument problem = ProblemDocument.of(error, "/" + name, name, null);

		assertThat(problem.detail()).hasSize(ProblemDocument.MAX_TEXT + 1).endsWith("…");
		assertThat(problem.instance()).hasSize(ProblemDocument.MAX_TEXT + 1);
		assertThat(problem.function()).hasSize(ProblemDocument.MAX_TEXT + 1);
	}

}

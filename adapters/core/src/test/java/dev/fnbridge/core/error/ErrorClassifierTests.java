package dev.fnbridge.core.error;

import java.util.List;
import java.util.Set;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.constraints.NotBlank;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ErrorClassifierTests {

	@Test
	void findsInvalidInputBehindFrameworkWrappers() {
		InvalidInputException invalid = new InvalidInputException("value", "must be at least -273.15");
		RuntimeException wrapped = new IllegalStateException("wrapper", new RuntimeException("inner", invalid));

		ClassifiedError error = ErrorClassifier.classify(wrapped);

		assertThat(error.category()).isEqualTo(ErrorCategory.INVALID_INPUT);
		assertThat(error.violations()).containsExactly(new Violation("value", "must be at least -273.15"));
		assertThat(error.cause()).isSameAs(invalid);
	}

	@Test
	void turnsBeanValidationViolationsIntoSortedFieldViolations() {
		Validator validator = Validation.buildDefaultValidatorFactory().getValidator();
		Set<ConstraintViolation<Sample>> violations = validator.validate(new Sample(" ", ""));

		ClassifiedError error = ErrorClassifier.classify(new ConstraintViolationException(violations));

		assertThat(error.category()).isEqualTo(ErrorCategory.INVALID_INPUT);
		assertThat(error.violations()).extracting(Violation::field).containsExactly("a", "b");
		assertThat(error.detail()).startsWith("a: ").endsWith("(and 1 more)");
	}

	@Test
	void hidesTheMessageOfUnexpectedFailures() {
		ClassifiedError error = ErrorClassifier.classify(new IllegalStateException("password=hunter2"));

		assertThat(error.category()).isEqualTo(ErrorCategory.UNEXPECTED);
		assertThat(error.detail()).doesNotContain("hunter2");
		assertThat(error.cause()).hasMessage("password=hunter2");
	}

	@Test
	void reportsTheRootCauseOfUnexpectedFailures() {
		NullPointerException root = new NullPointerException("npe");

		ClassifiedError error = ErrorClassifier.classify(new RuntimeException("outer", root));

		assertThat(error.cause()).isSameAs(root);
	}

	@Test
	void mapsEachTransportNeutralExceptionToItsCategory() {
		assertThat(ErrorClassifier.classify(new UnknownFunctionException("a,b", "b")).category())
			.isEqualTo(ErrorCategory.NOT_FOUND);
		assertThat(ErrorClassifier.classify(new PayloadTooLargeException(10)).category())
			.isEqualTo(ErrorCategory.PAYLOAD_TOO_LARGE);
		assertThat(ErrorClassifier.classify(new TransientFailureException("busy", null)).category())
			.isEqualTo(ErrorCategory.TRANSIENT);
	}

	@Test
	void survivesCyclicCauseChains() {
		RuntimeException first = new RuntimeException("first");
		RuntimeException second = new RuntimeException("second", first);
		first.initCause(second);

		assertThat(ErrorClassifier.classify(first).category()).isEqualTo(ErrorCategory.UNEXPECTED);
	}

	@Test
	void refusesAnInvalidInputExceptionWithoutViolations() {
		org.assertj.core.api.Assertions.assertThatIllegalArgumentException()
			.isThrownBy(() -> new InvalidInputException(List.of()));
	}

	@Test
	void placesViolationsUnderAParentPath() {
		assertThat(new Violation("value", "bad").under("[2]").field()).isEqualTo("[2].value");
		assertThat(new Violation("[0]", "bad").under("readings").field()).isEqualTo("readings[0]");
		assertThat(new Violation("", "bad").under("[1]").field()).isEqualTo("[1]");
	}

	record Sample(@NotBlank String b, @NotBlank String a) {
	}

}

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

	@Test
	void asksTheApplicationsMappersInTheirOrderForEachExceptionOfTheChain() {
		List<ErrorMapper> mappers = List.of(ErrorMapper.of(OutOfStockException.class, ErrorCategory.INVALID_INPUT),
				ErrorMapper.of(OutOfStockException.class, ErrorCategory.TRANSIENT),
				ErrorMapper.of(UnsupportedOperationException.class, ErrorCategory.TRANSIENT, (ex) -> "try again"));
		ErrorClassifier.install(mappers);
		try {
			ClassifiedError stock = ErrorClassifier
				.classify(new IllegalStateException("wrapper", new OutOfStockException("sku-1 is out of stock")));
			ClassifiedError other = ErrorClassifier
				.classify(new IllegalStateException("wrapper", new UnsupportedOperationException("not now")));

			assertThat(stock.category()).isEqualTo(ErrorCategory.INVALID_INPUT);
			assertThat(stock.detail()).isEqualTo("sku-1 is out of stock");
			assertThat(stock.violations()).containsExactly(new Violation("", "sku-1 is out of stock"));
			assertThat(other.category()).isEqualTo(ErrorCategory.TRANSIENT);
			assertThat(other.detail()).isEqualTo("try again");
		}
		finally {
			ErrorClassifier.uninstall(mappers);
		}
		assertThat(ErrorClassifier.classify(new OutOfStockException("sku-1")).category())
			.isEqualTo(ErrorCategory.UNEXPECTED);
	}

	@Test
	void keepsTheMappersOfAnApplicationStillRunningWhenALaterOneStops() {
		List<ErrorMapper> first = List.of(ErrorMapper.of(OutOfStockException.class, ErrorCategory.INVALID_INPUT));
		// An equal list from another application: removal goes by identity.
		List<ErrorMapper> second = new java.util.ArrayList<>(first);
		ErrorClassifier.install(first);
		try {
			ErrorClassifier.install(second);
			ErrorClassifier.uninstall(second);

			assertThat(ErrorClassifier.classify(new OutOfStockException("sku-1")).category())
				.isEqualTo(ErrorCategory.INVALID_INPUT);
		}
		finally {
			ErrorClassifier.uninstall(first);
		}
		assertThat(ErrorClassifier.classify(new OutOfStockException("sku-1")).category())
			.isEqualTo(ErrorCategory.UNEXPECTED);
	}

	@Test
	void letsAnApplicationsMapperOverrideADefault() {
		List<ErrorMapper> mappers = List.of(ErrorMapper.of(NumberFormatException.class, ErrorCategory.UNEXPECTED));
		ErrorClassifier.install(mappers);
		try {
			assertThat(ErrorClassifier.classify(new NumberFormatException("x")).category())
				.isEqualTo(ErrorCategory.UNEXPECTED);
		}
		finally {
			ErrorClassifier.uninstall(mappers);
		}
		assertThat(ErrorClassifier.classify(new NumberFormatException("x")).category())
			.isEqualTo(ErrorCategory.INVALID_INPUT);
	}

	@Test
	void treatsAnIllegalArgumentAsInvalidInputInTheFunctionsWords() {
		ClassifiedError error = ErrorClassifier
			.classify(new RuntimeException(new IllegalArgumentException("quantity must be positive\nat line 3")));

		assertThat(error.category()).isEqualTo(ErrorCategory.INVALID_INPUT);
		assertThat(error.detail()).isEqualTo("quantity must be positive");
	}

	@Test
	void keepsFrameworkWordsOfAnIllegalArgumentFromTheCaller() {
		ClassifiedError error = ErrorClassifier.classify(
				new IllegalArgumentException("Cannot convert java.lang.String to dev.fnbridge.app.hello.HelloRequest"));

		assertThat(error.category()).isEqualTo(ErrorCategory.INVALID_INPUT);
		assertThat(error.detail()).isEqualTo("The input was refused").doesNotContain("java.");
	}

	@Test
	void treatsAJacksonReadErrorAsInvalidInput() {
		Exception jackson = catchJackson();

		ClassifiedError error = ErrorClassifier.classify(new RuntimeException("wrapped", jackson));

		assertThat(error.category()).isEqualTo(ErrorCategory.INVALID_INPUT);
		assertThat(error.cause()).isSameAs(jackson);
	}

	private static Exception catchJackson() {
		try {
			tools.jackson.databind.json.JsonMapper.builder().build().readTree("{\"a\":");
			throw new AssertionError("malformed JSON was read");
		}
		catch (tools.jackson.core.JacksonException ex) {
			return ex;
		}
	}

	record Sample(@NotBlank String b, @NotBlank String a) {
	}

	static class OutOfStockException extends RuntimeException {

		OutOfStockException(String message) {
			super(message);
		}

	}

}

package dev.fnbridge.core.error;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;

/**
 * Sorts any throwable into an {@link ErrorCategory}. Frameworks wrap what a function
 * throws (Spring Cloud Function, reactive operators, messaging), so the cause chain is
 * searched for the first exception that names a category; anything else is
 * {@link ErrorCategory#UNEXPECTED}.
 */
public final class ErrorClassifier {

	private static final int MAX_CAUSE_DEPTH = 16;

	private static final String UNEXPECTED_DETAIL = "The function failed unexpectedly; quote the correlation id when reporting it.";

	private ErrorClassifier() {
	}

	/**
	 * Classifies a failure.
	 * @param failure what an invocation threw
	 * @return its category, caller-safe detail, violations and deciding cause
	 */
	public static ClassifiedError classify(Throwable failure) {
		Throwable current = failure;
		for (int depth = 0; current != null && depth < MAX_CAUSE_DEPTH; depth++) {
			ClassifiedError known = classifyOne(current);
			if (known != null) {
				return known;
			}
			current = current.getCause();
		}
		return new ClassifiedError(ErrorCategory.UNEXPECTED, UNEXPECTED_DETAIL, List.of(), rootCause(failure));
	}

	private static ClassifiedError classifyOne(Throwable candidate) {
		if (candidate instanceof InvalidInputException invalid) {
			return new ClassifiedError(ErrorCategory.INVALID_INPUT, invalid.getMessage(), invalid.violations(),
					invalid);
		}
		if (candidate instanceof ConstraintViolationException constraints) {
			List<Violation> violations = toViolations(constraints.getConstraintViolations());
			String detail = violations.isEmpty() ? "The input breaks a constraint"
					: new InvalidInputException(violations).getMessage();
			return new ClassifiedError(ErrorCategory.INVALID_INPUT, detail, violations, constraints);
		}
		if (candidate instanceof UnknownFunctionException unknown) {
			return new ClassifiedError(ErrorCategory.NOT_FOUND, unknown.getMessage(), List.of(), unknown);
		}
		if (candidate instanceof PayloadTooLargeException tooLarge) {
			return new ClassifiedError(ErrorCategory.PAYLOAD_TOO_LARGE, tooLarge.getMessage(), List.of(), tooLarge);
		}
		if (candidate instanceof TransientFailureException transientFailure) {
			return new ClassifiedError(ErrorCategory.TRANSIENT, transientFailure.getMessage(), List.of(),
					transientFailure);
		}
		return null;
	}

	/**
	 * Converts Bean Validation violations to the transport-neutral form, sorted by field
	 * so that answers are stable.
	 * @param constraintViolations the violations reported by a validator
	 * @return the violations, sorted by field path
	 */
	public static List<Violation> toViolations(Set<? extends ConstraintViolation<?>> constraintViolations) {
		List<Violation> violations = new ArrayList<>();
		if (constraintViolations != null) {
			for (ConstraintViolation<?> violation : constraintViolations) {
				violations.add(new Violation(String.valueOf(violation.getPropertyPath()), violation.getMessage()));
			}
		}
		violations.sort(Comparator.comparing(Violation::field).thenComparing(Violation::message));
		return violations;
	}

	private static Throwable rootCause(Throwable failure) {
		Throwable current = failure;
		for (int depth = 0; current.getCause() != null && current.getCause() != current
				&& depth < MAX_CAUSE_DEPTH; depth++) {
			current = current.getCause();
		}
		return current;
	}

}

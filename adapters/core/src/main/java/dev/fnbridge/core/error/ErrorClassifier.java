package dev.fnbridge.core.error;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;

/**
 * Sorts any throwable into an {@link ErrorCategory}. Frameworks wrap what a function
 * throws (Spring Cloud Function, reactive operators, messaging), so the cause chain is
 * searched for the first exception that names a category; anything else is
 * {@link ErrorCategory#UNEXPECTED}. For each exception of the chain, the application's
 * {@link ErrorMapper}s are asked first (installed by fnbridge's auto-configuration when
 * the application starts), then the defaults: fnbridge's own exceptions, Bean Validation,
 * Jackson's read errors and {@link IllegalArgumentException} as invalid input.
 */
public final class ErrorClassifier {

	private static final int MAX_CAUSE_DEPTH = 16;

	/** A qualified Java name in a message: framework words, not the function's. */
	private static final Pattern JAVA_NAME = Pattern.compile("\\b[a-z][a-z0-9_]*(\\.[a-z0-9_]+)+\\.[A-Z]\\w*");

	private static volatile List<ErrorMapper> mappers = List.of();

	/** Every running application's mappers, the latest first. */
	private static final Deque<List<ErrorMapper>> installed = new ArrayDeque<>();

	/**
	 * Installs the application's mappers, in the order they are asked. One application
	 * per JVM is what fnbridge runs (a server, a Lambda execution environment); where
	 * several run (a test suite's cached contexts), the latest started wins and the one
	 * before is back once it stops.
	 * @param applicationMappers the mappers, ordered
	 */
	public static synchronized void install(List<ErrorMapper> applicationMappers) {
		installed.push(applicationMappers);
		mappers = List.copyOf(applicationMappers);
	}

	/**
	 * Removes the mappers {@link #install} put in place (the application that installed
	 * them stops), leaving the mappers of the applications still running.
	 * @param applicationMappers the mappers installed
	 */
	public static synchronized void uninstall(List<ErrorMapper> applicationMappers) {
		// By identity: two applications may install equal lists.
		installed.removeIf((candidate) -> candidate == applicationMappers);
		List<ErrorMapper> current = installed.peek();
		mappers = (current != null) ? List.copyOf(current) : List.of();
	}

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
		for (ErrorMapper mapper : mappers) {
			ClassifiedError mapped = mapper.map(candidate);
			if (mapped != null) {
				return mapped;
			}
		}
		if (candidate instanceof InvalidInputException invalid) {
			return invalid.toClassifiedError();
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
		if (candidate instanceof IllegalArgumentException || isJacksonReadError(candidate)) {
			// A function refusing its argument, or reading JSON it was given: the input's
			// fault. The message is the function's own words to its caller, capped.
			String message = candidate.getMessage();
			String detail = (message == null || message.isBlank() || JAVA_NAME.matcher(message).find())
					? "The input was refused" : InvalidInputException.shorten(firstLine(message));
			return new ClassifiedError(ErrorCategory.INVALID_INPUT, detail, List.of(new Violation("", detail)),
					candidate);
		}
		return null;
	}

	private static boolean isJacksonReadError(Throwable candidate) {
		// Jackson 3 and 2, by name: neither is required on the classpath.
		for (Class<?> type = candidate.getClass(); type != null; type = type.getSuperclass()) {
			String name = type.getName();
			if (name.equals("tools.jackson.core.exc.StreamReadException")
					|| name.equals("tools.jackson.databind.DatabindException")
					|| name.equals("com.fasterxml.jackson.core.JsonProcessingException")) {
				return true;
			}
		}
		return false;
	}

	private static String firstLine(String message) {
		int end = message.indexOf('\n');
		return (end < 0) ? message : message.substring(0, end);
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

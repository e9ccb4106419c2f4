package dev.fnbridge.core.error;

import java.util.List;

/**
 * Thrown by a function whose input breaks its rules. Every transport treats it as a
 * client error: HTTP answers 400, Kafka dead-letters the record without retrying, Lambda
 * answers 400 behind API Gateway.
 */
public class InvalidInputException extends RuntimeException {

	private final transient List<Violation> violations;

	/**
	 * Creates the exception from field-level violations.
	 * @param violations what is wrong, at least one
	 */
	public InvalidInputException(List<Violation> violations) {
		super(summarize(violations), null, false, false);
		this.violations = List.copyOf(violations);
	}

	/**
	 * Creates the exception for a single violation.
	 * @param field the offending field path, empty for the whole input
	 * @param message what is wrong
	 */
	public InvalidInputException(String field, String message) {
		this(List.of(new Violation(field, message)));
	}

	/**
	 * The field-level violations, in the order found.
	 * @return an unmodifiable, non-empty list
	 */
	public List<Violation> violations() {
		return this.violations;
	}

	private static String summarize(List<Violation> violations) {
		if (violations.isEmpty()) {
			throw new IllegalArgumentException("an InvalidInputException needs at least one violation");
		}
		Violation first = violations.get(0);
		String text = first.field().isEmpty() ? first.message() : first.field() + ": " + first.message();
		return (violations.size() == 1) ? text : text + " (and " + (violations.size() - 1) + " more)";
	}

}

package dev.fnbridge.core.error;

import java.util.ArrayList;
import java.util.List;

/**
 * Thrown by a function whose input breaks its rules. Every transport treats it as a
 * client error: HTTP answers 400, Kafka dead-letters the record without retrying, Lambda
 * answers 400 behind API Gateway.
 */
public class InvalidInputException extends RuntimeException {

	/**
	 * The most violations one error carries; beyond them one more entry counts the rest,
	 * so an error's size is bounded whatever the input (100,000 invalid elements must not
	 * make a 28 MB answer).
	 */
	public static final int MAX_VIOLATIONS = 100;

	/** The longest field path or message kept, in characters. */
	static final int MAX_TEXT = 500;

	private final transient List<Violation> violations;

	/**
	 * Creates the exception from field-level violations, keeping the first
	 * {@value #MAX_VIOLATIONS}.
	 * @param violations what is wrong, at least one
	 */
	public InvalidInputException(List<Violation> violations) {
		this(violations, violations.size());
	}

	/**
	 * Creates the exception from the violations found first, and how many there were.
	 * @param violations what is wrong, at least one
	 * @param total how many violations there were in all, at least
	 * {@code violations.size()}
	 */
	public InvalidInputException(List<Violation> violations, int total) {
		this(bounded(violations, total));
	}

	private InvalidInputException(Bounded bounded) {
		super(summarize(bounded.violations(), bounded.total()), null, false, false);
		this.violations = bounded.violations();
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

	/**
	 * This exception as a classification: what an {@link ErrorMapper} returns to make an
	 * exception of its own invalid input with field violations.
	 * @return the classification, with this exception as its cause
	 */
	public ClassifiedError toClassifiedError() {
		return new ClassifiedError(ErrorCategory.INVALID_INPUT, getMessage(), this.violations, this);
	}

	private static Bounded bounded(List<Violation> violations, int total) {
		if (violations.isEmpty()) {
			throw new IllegalArgumentException("an InvalidInputException needs at least one violation");
		}
		List<Violation> kept = new ArrayList<>();
		for (Violation violation : violations.subList(0, Math.min(violations.size(), MAX_VIOLATIONS))) {
			kept.add(new Violation(shorten(violation.field()), shorten(violation.message())));
		}
		int all = Math.max(total, violations.size());
		if (all > kept.size()) {
			kept.add(new Violation("", "and " + (all - kept.size()) + " more violations"));
		}
		return new Bounded(List.copyOf(kept), all);
	}

	static String shorten(String text) {
		return (text == null || text.length() <= MAX_TEXT) ? text : text.substring(0, MAX_TEXT) + "…";
	}

	private static String summarize(List<Violation> violations, int total) {
		Violation first = violations.get(0);
		String text = first.field().isEmpty() ? first.message() : first.field() + ": " + first.message();
		return (total == 1) ? text : text + " (and " + (total - 1) + " more)";
	}

	private record Bounded(List<Violation> violations, int total) {
	}

}

package dev.fnbridge.core.error;

import java.util.List;

/**
 * A failure sorted into its category, with what may safely be told to the caller.
 *
 * @param category the category
 * @param detail a message safe to show the caller; for {@link ErrorCategory#UNEXPECTED} a
 * generic text, never the exception's own message
 * @param violations field-level violations, empty unless the input was invalid
 * @param cause the throwable that decided the category (for logs and headers such as the
 * dead-letter cause class)
 */
public record ClassifiedError(ErrorCategory category, String detail, List<Violation> violations, Throwable cause) {

	/**
	 * Creates a classified error.
	 * @param category the category
	 * @param detail a caller-safe message
	 * @param violations field-level violations, copied
	 * @param cause the deciding throwable
	 */
	public ClassifiedError {
		violations = List.copyOf(violations);
	}

}

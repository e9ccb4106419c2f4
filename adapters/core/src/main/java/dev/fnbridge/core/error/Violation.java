package dev.fnbridge.core.error;

import java.util.Objects;

/**
 * One broken rule in an input.
 *
 * @param field the path of the offending field, dotted and indexed ({@code value},
 * {@code [2].deviceId}); empty for the input as a whole
 * @param message what is wrong, for a person to read
 */
public record Violation(String field, String message) {

	/**
	 * Creates a violation.
	 * @param field the field path, never {@code null}
	 * @param message the reason, never {@code null}
	 */
	public Violation {
		Objects.requireNonNull(field, "field");
		Objects.requireNonNull(message, "message");
	}

	/**
	 * The same violation with its field placed under a parent path.
	 * @param prefix the parent path, e.g. {@code [2]}
	 * @return a violation whose field is {@code prefix.field} (or {@code prefix[..]})
	 */
	public Violation under(String prefix) {
		if (this.field.isEmpty()) {
			return new Violation(prefix, this.message);
		}
		String separator = this.field.startsWith("[") ? "" : ".";
		return new Violation(prefix + separator + this.field, this.message);
	}

}

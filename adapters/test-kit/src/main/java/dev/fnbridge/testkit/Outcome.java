package dev.fnbridge.testkit;

import tools.jackson.databind.JsonNode;

/**
 * What a function made of one input: an output, an error category (its slug, e.g.
 * {@code invalid-input}), or nothing.
 *
 * @param output the JSON output, or {@code null}
 * @param error the error category's slug, or {@code null}
 */
public record Outcome(JsonNode output, String error) {

	/** No output and no error: the function returned nothing. */
	public static final Outcome NONE = new Outcome(null, null);

	/**
	 * An output.
	 * @param output the JSON output
	 * @return the outcome
	 */
	public static Outcome output(JsonNode output) {
		return new Outcome(output, null);
	}

	/**
	 * An error.
	 * @param category the error category's slug
	 * @return the outcome
	 */
	public static Outcome error(String category) {
		return new Outcome(null, category);
	}

	/**
	 * Whether this is an error.
	 * @return {@code true} for an error category
	 */
	public boolean isError() {
		return this.error != null;
	}

}

package dev.fnbridge.core.error;

/**
 * Thrown by a transport when a request names a function, or a composition element, that
 * is not in the catalog.
 */
public class UnknownFunctionException extends RuntimeException {

	private final String definition;

	private final String element;

	/**
	 * Creates the exception.
	 * @param definition the whole definition asked for, e.g. {@code validateReading,nope}
	 * @param element the first element that does not exist, e.g. {@code nope}
	 */
	public UnknownFunctionException(String definition, String element) {
		this(definition, element, definition.equals(element) ? "No function named '" + element + "'"
				: "No function named '" + element + "' in '" + definition + "'");
	}

	/**
	 * Creates the exception with its own message.
	 * @param definition the whole definition asked for
	 * @param element the element that cannot be found
	 * @param message what the caller is told
	 */
	public UnknownFunctionException(String definition, String element, String message) {
		super(message, null, false, false);
		this.definition = definition;
		this.element = element;
	}

	/**
	 * The whole definition asked for.
	 * @return the definition
	 */
	public String definition() {
		return this.definition;
	}

	/**
	 * The element that does not exist.
	 * @return the unknown function name
	 */
	public String element() {
		return this.element;
	}

}

package dev.fnbridge.core.invocation;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * A body declared with a content type its function does not take: answered 415 by the
 * HTTP transports.
 */
public class UnsupportedContentTypeException extends RuntimeException {

	private final @Nullable String contentType;

	private final List<String> supported;

	/**
	 * Creates the exception.
	 * @param contentType the declared content type
	 * @param supported the types the function takes
	 */
	public UnsupportedContentTypeException(@Nullable String contentType, List<String> supported) {
		super("Content-Type '" + contentType + "' is not supported");
		this.contentType = contentType;
		this.supported = List.copyOf(supported);
	}

	/**
	 * The declared content type.
	 * @return the type as declared
	 */
	public @Nullable String getContentType() {
		return this.contentType;
	}

	/**
	 * The types the function takes.
	 * @return the types
	 */
	public List<String> getSupported() {
		return this.supported;
	}

}

package dev.fnbridge.core.invocation;

import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.util.InvalidMimeTypeException;
import org.springframework.util.MimeType;
import org.springframework.util.MimeTypeUtils;

/**
 * The content-type rules of every transport in one place: which declared types a function
 * takes and how the body is then read. No type, {@code application/json} or
 * {@code application/*+json} is JSON; {@code text/plain} is text for a function taking a
 * {@code String} (JSON otherwise, so a JSON string still reads); anything else, or a
 * header that is no media type, is refused: 415 over HTTP and behind API Gateway. Kafka
 * records are read as JSON unless they declare {@code text/plain}, since producers rarely
 * set a content type.
 */
public final class ContentTypes {

	private static final MimeType JSON_SUFFIX = MimeType.valueOf("application/*+json");

	private ContentTypes() {
	}

	/**
	 * The payload of a request body with its declared content type.
	 * @param function the function the body is for
	 * @param contentType the declared content type, or {@code null}
	 * @param body the body
	 * @return the payload to invoke the function with
	 * @throws UnsupportedContentTypeException for a type the function does not take
	 */
	public static Payload payload(ResolvedFunction function, @Nullable String contentType, byte[] body) {
		return readsAsText(function, contentType) ? Payload.text(body) : Payload.json(body);
	}

	/**
	 * Whether a body with this declared content type is read as text by the function
	 * (else as JSON); checked before the body is read, so a refused body never is.
	 * @param function the function the body is for
	 * @param contentType the declared content type, or {@code null}
	 * @return {@code true} for text, {@code false} for JSON
	 * @throws UnsupportedContentTypeException for a type the function does not take
	 */
	public static boolean readsAsText(ResolvedFunction function, @Nullable String contentType) {
		MimeType type = parse(contentType, function);
		if (isJson(type)) {
			return false;
		}
		if (isText(type) && function.takesRawText()) {
			return true;
		}
		throw new UnsupportedContentTypeException(contentType, supported(function));
	}

	/**
	 * Whether a declared content type is JSON (no type counts as JSON).
	 * @param contentType the declared content type, or {@code null}
	 * @return whether the body is read as JSON
	 */
	public static boolean isJson(@Nullable String contentType) {
		try {
			return isJson(parse(contentType));
		}
		catch (InvalidMimeTypeException ex) {
			return false;
		}
	}

	/**
	 * Whether a declared content type is {@code text/plain}.
	 * @param contentType the declared content type, or {@code null}
	 * @return whether the body is text
	 */
	public static boolean isText(@Nullable String contentType) {
		try {
			return contentType != null && isText(parse(contentType));
		}
		catch (InvalidMimeTypeException ex) {
			return false;
		}
	}

	/**
	 * The content types a function takes.
	 * @param function the function
	 * @return the types, JSON first
	 */
	public static List<String> supported(ResolvedFunction function) {
		return function.takesRawText() ? List.of("application/json", "application/*+json", "text/plain")
				: List.of("application/json", "application/*+json");
	}

	private static MimeType parse(@Nullable String contentType, ResolvedFunction function) {
		try {
			return parse(contentType);
		}
		catch (InvalidMimeTypeException ex) {
			throw new UnsupportedContentTypeException(contentType, supported(function));
		}
	}

	private static MimeType parse(@Nullable String contentType) {
		if (contentType == null || contentType.isBlank()) {
			return MimeTypeUtils.APPLICATION_JSON;
		}
		// MimeType compares type and subtype case-insensitively itself.
		return MimeTypeUtils.parseMimeType(contentType);
	}

	private static boolean isJson(MimeType type) {
		return MimeTypeUtils.APPLICATION_JSON.isCompatibleWith(type) || JSON_SUFFIX.includes(type);
	}

	private static boolean isText(MimeType type) {
		return MimeTypeUtils.TEXT_PLAIN.isCompatibleWith(type);
	}

}

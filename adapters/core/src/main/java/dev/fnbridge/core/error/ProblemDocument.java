package dev.fnbridge.core.error;

import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import org.jspecify.annotations.Nullable;

/**
 * The {@code application/problem+json} body (RFC 9457) of a failed invocation, the same
 * document whether HTTP or an API Gateway, ALB or function URL event in Lambda answers
 * it. Texts that may echo the caller's input (a 64 KB function name) are cut to
 * {@link #MAX_TEXT} characters, so an error stays small whatever the request.
 *
 * @param type the category's problem type URI
 * @param title the category's title
 * @param status the HTTP status
 * @param detail what went wrong, for the caller
 * @param instance the request path
 * @param function the function definition, when one was resolved
 * @param errors field violations of invalid input, when any names a field
 * @param correlationId for a server-side failure, the id its log line carries
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({ "type", "title", "status", "detail", "instance", "function", "errors", "correlationId" })
public record ProblemDocument(String type, String title, int status, @Nullable String detail, @Nullable String instance,
		@Nullable String function, @Nullable List<Violation> errors, @Nullable String correlationId) {

	/** The longest text member kept. */
	public static final int MAX_TEXT = 500;

	/**
	 * The problem of a classified error. A server-side failure (unexpected or transient)
	 * gets a correlation id; a client error none.
	 * @param error the classified error
	 * @param instance the request path, or {@code null}
	 * @param function the resolved definition, or {@code null}
	 * @param correlationId the id to log the failure with, or {@code null} for a new one
	 * @return the problem document
	 */
	public static ProblemDocument of(ClassifiedError error, @Nullable String instance, @Nullable String function,
			@Nullable String correlationId) {
		ErrorCategory category = error.category();
		boolean fields = error.violations().stream().anyMatch((violation) -> !violation.field().isEmpty());
		String id = null;
		if (!category.isClientError()) {
			id = (correlationId != null && !correlationId.isBlank()) ? correlationId : UUID.randomUUID().toString();
		}
		return new ProblemDocument(category.problemType(), category.title(), category.httpStatus(),
				bounded(error.detail()), bounded(instance), bounded(function), fields ? error.violations() : null, id);
	}

	/**
	 * The 415 problem of a body declared with a content type its function does not take.
	 * @param detail what was refused
	 * @param instance the request path, or {@code null}
	 * @param function the resolved definition, or {@code null}
	 * @return the problem document
	 */
	public static ProblemDocument unsupportedMediaType(String detail, @Nullable String instance,
			@Nullable String function) {
		return new ProblemDocument(ErrorCategory.PROBLEM_TYPE_PREFIX + "unsupported-media-type",
				"Unsupported Media Type", 415, bounded(detail), bounded(instance), bounded(function), null, null);
	}

	/**
	 * Cuts a text to {@link #MAX_TEXT} characters.
	 * @param text the text, or {@code null}
	 * @return the text, cut and marked with an ellipsis when longer
	 */
	public static @Nullable String bounded(@Nullable String text) {
		return (text == null || text.length() <= MAX_TEXT) ? text : text.substring(0, MAX_TEXT) + "…";
	}

}

package dev.fnbridge.core.error;

import java.util.List;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;

/**
 * Maps an exception to an error category once, for every transport: the HTTP status and
 * problem type, whether Kafka retries a record or dead-letters it at once, the Lambda
 * error or batch item failure. Declare beans of this type (ordered with {@code @Order} or
 * {@link org.springframework.core.Ordered}); for each exception in the cause chain, the
 * application's mappers are asked in order before fnbridge's defaults, and the first
 * non-null answer decides.
 *
 * <pre>{@code
 * &#64;Bean
 * ErrorMapper outOfStock() {
 *     return ErrorMapper.of(OutOfStockException.class, ErrorCategory.INVALID_INPUT);
 * }
 * }</pre>
 *
 * A detail goes to callers as it is: map to a message written for them, not to an
 * exception text that may name internals.
 */
@FunctionalInterface
public interface ErrorMapper {

	/**
	 * Classifies one exception of the cause chain.
	 * @param exception the exception
	 * @return its classification, or {@code null} to leave it to the next mapper
	 */
	@Nullable ClassifiedError map(Throwable exception);

	/**
	 * A mapper of one exception type (and its subtypes) to a category, with the
	 * exception's message (at most 500 characters) as the caller-facing detail.
	 * @param type the exception type
	 * @param category its category
	 * @return the mapper
	 */
	static ErrorMapper of(Class<? extends Throwable> type, ErrorCategory category) {
		return of(type, category, Throwable::getMessage);
	}

	/**
	 * A mapper of one exception type (and its subtypes) to a category, with a detail of
	 * its own.
	 * @param <T> the exception type
	 * @param type the exception type
	 * @param category its category
	 * @param detail the caller-facing detail of an exception (at most 500 characters are
	 * kept)
	 * @return the mapper
	 */
	static <T extends Throwable> ErrorMapper of(Class<T> type, ErrorCategory category,
			Function<? super T, String> detail) {
		return (exception) -> {
			if (!type.isInstance(exception)) {
				return null;
			}
			String text = detail.apply(type.cast(exception));
			text = (text == null || text.isBlank()) ? category.title() : InvalidInputException.shorten(text);
			List<Violation> violations = (category == ErrorCategory.INVALID_INPUT) ? List.of(new Violation("", text))
					: List.of();
			return new ClassifiedError(category, text, violations, exception);
		};
	}

}

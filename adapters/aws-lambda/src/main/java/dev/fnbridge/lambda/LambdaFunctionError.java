package dev.fnbridge.lambda;

import dev.fnbridge.core.error.ClassifiedError;
import dev.fnbridge.core.error.ErrorCategory;
import dev.fnbridge.core.error.ProblemDocument;

/**
 * A function error as the Lambda runtime reports it: {@code errorType} is this class's
 * name (one subclass per error category), {@code errorMessage} is the caller-safe detail,
 * and there is no stack trace (the trace is logged, never returned).
 */
public class LambdaFunctionError extends RuntimeException {

	private final ErrorCategory category;

	LambdaFunctionError(ErrorCategory category, String message) {
		// Cut as a problem's texts are: it can echo the event (a function name, a path).
		super(ProblemDocument.bounded(message), null, false, false);
		this.category = category;
	}

	/**
	 * The error category.
	 * @return the category
	 */
	public ErrorCategory category() {
		return this.category;
	}

	static LambdaFunctionError of(ClassifiedError error, String prefix) {
		String message = (prefix != null) ? prefix + ": " + error.detail() : error.detail();
		return switch (error.category()) {
			case INVALID_INPUT -> new InvalidInput(message);
			case NOT_FOUND -> new FunctionNotFound(message);
			case PAYLOAD_TOO_LARGE -> new PayloadTooLarge(message);
			case TRANSIENT -> new TransientFailure(message);
			case UNEXPECTED -> new UnexpectedError(message);
		};
	}

	/** The event or its payload is malformed or breaks the function's rules. */
	public static class InvalidInput extends LambdaFunctionError {

		InvalidInput(String message) {
			super(ErrorCategory.INVALID_INPUT, message);
		}

	}

	/** The function definition names no function of the application. */
	public static class FunctionNotFound extends LambdaFunctionError {

		FunctionNotFound(String message) {
			super(ErrorCategory.NOT_FOUND, message);
		}

	}

	/**
	 * The input is larger than accepted, or the response larger than Lambda returns from
	 * a synchronous invocation (6 MB).
	 */
	public static class PayloadTooLarge extends LambdaFunctionError {

		PayloadTooLarge(String message) {
			super(ErrorCategory.PAYLOAD_TOO_LARGE, message);
		}

	}

	/** A dependency failed in a way that may pass: Lambda's retries are worth it. */
	public static class TransientFailure extends LambdaFunctionError {

		TransientFailure(String message) {
			super(ErrorCategory.TRANSIENT, message);
		}

	}

	/** Anything else; the details are in the function's log under the request id. */
	public static class UnexpectedError extends LambdaFunctionError {

		UnexpectedError(String message) {
			super(ErrorCategory.UNEXPECTED, message);
		}

	}

}

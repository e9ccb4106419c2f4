package dev.fnbridge.stream;

import java.util.List;

import dev.fnbridge.core.error.ClassifiedError;
import dev.fnbridge.core.error.ErrorCategory;
import dev.fnbridge.core.error.ErrorClassifier;
import dev.fnbridge.core.error.Violation;

/**
 * The core error classification, plus what only the Kafka path meets: a payload the
 * message converter could not read (malformed JSON, wrong shape) is invalid input, not a
 * bug.
 */
final class StreamErrors {

	private static final int MAX_DEPTH = 16;

	private StreamErrors() {
	}

	static ClassifiedError classify(Throwable failure) {
		ClassifiedError classified = ErrorClassifier.classify(failure);
		if (classified.category() != ErrorCategory.UNEXPECTED) {
			return classified;
		}
		Throwable current = failure;
		for (int depth = 0; current != null && depth < MAX_DEPTH; depth++) {
			if (isConversionFailure(current)) {
				String detail = "The record's payload could not be read as the function's input: "
						+ firstLine(current.getMessage());
				return new ClassifiedError(ErrorCategory.INVALID_INPUT, detail, List.of(new Violation("", detail)),
						current);
			}
			current = current.getCause();
		}
		return classified;
	}

	private static boolean isConversionFailure(Throwable candidate) {
		String name = candidate.getClass().getName();
		return candidate instanceof org.springframework.messaging.converter.MessageConversionException
				|| candidate instanceof org.springframework.core.convert.ConversionException
				|| name.startsWith("tools.jackson.core.") || name.startsWith("tools.jackson.databind.exc.")
				|| name.startsWith("com.fasterxml.jackson.core.");
	}

	private static String firstLine(String message) {
		if (message == null) {
			return "unreadable";
		}
		int newline = message.indexOf('\n');
		String line = (newline >= 0) ? message.substring(0, newline) : message;
		return (line.length() > 300) ? line.substring(0, 300) + "..." : line;
	}

}

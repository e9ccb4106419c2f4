package dev.fnbridge.core.invocation;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;

import dev.fnbridge.core.error.InvalidInputException;
import dev.fnbridge.core.json.JsonPayloadReader;

import org.springframework.cloud.function.context.catalog.SimpleFunctionRegistry.FunctionInvocationWrapper;

/**
 * When one function may feed the next in a composition ({@code a,b} or {@code a|b}): the
 * same rule on every transport, so a composition a URL or an event names is refused the
 * same way (invalid input) before anything runs.
 */
public final class CompositionRules {

	private CompositionRules() {
	}

	/**
	 * Checks that {@code first}'s output can be {@code next}'s input: a consumer feeds
	 * nothing, a supplier takes nothing, and text or a number does not become a
	 * structured input (nor a structure a scalar one). Structured values pass (they are
	 * converted as JSON), so do inputs of any type.
	 * @param firstName the first function's name
	 * @param first the first function
	 * @param nextName the next function's name
	 * @param next the next function
	 * @param nextPayloadType the payload type the next function reads
	 * @throws InvalidInputException if the two do not compose
	 */
	public static void checkComposable(String firstName, FunctionInvocationWrapper first, String nextName,
			FunctionInvocationWrapper next, Type nextPayloadType) {
		String pair = "'" + firstName + "' cannot feed '" + nextName + "'";
		if (first.isConsumer()) {
			throw new InvalidInputException("", pair + ": it returns nothing");
		}
		if (next.isSupplier()) {
			throw new InvalidInputException("", pair + ": it takes no input");
		}
		Class<?> output = raw(DirectTargets.payloadType(first.getOutputType()));
		Class<?> input = raw(nextPayloadType);
		if (input == null || output == null || input == Object.class || output == Object.class
				|| input.isAssignableFrom(output) || kind(input).equals(kind(output))) {
			return;
		}
		throw new InvalidInputException("", pair + ": it returns " + JsonPayloadReader.describe(output) + ", not "
				+ JsonPayloadReader.describe(input));
	}

	/** The JSON kind of a type: a string, a number, a boolean, an array, or an object. */
	private static String kind(Class<?> type) {
		String described = JsonPayloadReader.describe(type);
		return described.startsWith("a whole number") ? "a number" : described;
	}

	private static Class<?> raw(Type type) {
		if (type instanceof Class<?> cls) {
			return cls;
		}
		if (type instanceof ParameterizedType parameterized && parameterized.getRawType() instanceof Class<?> cls) {
			return cls;
		}
		return null;
	}

}

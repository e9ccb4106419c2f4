package dev.fnbridge.core.invocation;

import java.lang.reflect.Type;
import java.util.function.Function;

import org.springframework.cloud.function.context.catalog.FunctionTypeUtils;
import org.springframework.cloud.function.context.catalog.SimpleFunctionRegistry.FunctionInvocationWrapper;

/**
 * When a catalog function can be called as it is. A single imperative function given an
 * input of its own type needs neither the catalog's conversion nor its message round
 * trip: a transport that has already read the input calls the bean directly, which is
 * work saved on every invocation.
 */
public final class DirectTargets {

	private DirectTargets() {
	}

	/**
	 * The bean behind a catalog function, if it may be called directly.
	 * @param function the catalog's wrapper
	 * @return the plain function, or {@code null} for compositions, reactive or
	 * message-typed functions, suppliers and consumers (those go through the wrapper)
	 */
	@SuppressWarnings("unchecked")
	public static Function<Object, Object> of(FunctionInvocationWrapper function) {
		boolean plain = function.isFunction() && !function.isComposed() && !function.isInputTypePublisher()
				&& !function.isOutputTypePublisher() && !function.isInputTypeMessage()
				&& !function.isOutputTypeMessage();
		return (plain && function.getTarget() instanceof Function<?, ?> target) ? (Function<Object, Object>) target
				: null;
	}

	/**
	 * The type a transport reads an input as: the function's input type with any
	 * {@code Publisher} and {@code Message} layers removed.
	 * @param inputType the declared input type
	 * @return the payload type, {@code Object} when unknown
	 */
	public static Type payloadType(Type inputType) {
		Type current = inputType;
		if (current != null && FunctionTypeUtils.isPublisher(current)) {
			current = FunctionTypeUtils.getImmediateGenericType(current, 0);
		}
		if (current != null && FunctionTypeUtils.isMessage(current)) {
			current = FunctionTypeUtils.getImmediateGenericType(current, 0);
		}
		return (current != null) ? current : Object.class;
	}

}

package dev.fnbridge.core.invocation;

import java.util.function.Function;

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

}

package dev.fnbridge.core.invocation;

import java.lang.reflect.Type;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;

import org.springframework.cloud.function.context.catalog.SimpleFunctionRegistry.FunctionInvocationWrapper;

/**
 * A function definition resolved once, for every transport: the catalog's invocable
 * wrapper and what reading and invoking need to know about it.
 *
 * @param definition the normalized definition, elements joined by {@code ,}
 * @param function the catalog's wrapper (composition and conversion between elements)
 * @param payloadType the type the input is read as ({@code null} for a supplier)
 * @param direct the bean itself when it may be called without the catalog, else
 * {@code null}
 * @param metricTag the {@code function} tag of its metrics: its definition, or a shared
 * tag once callers have named too many compositions
 */
public record ResolvedFunction(String definition, FunctionInvocationWrapper function, @Nullable Type payloadType,
		@Nullable Function<Object, Object> direct, String metricTag) {

	/**
	 * Resolves a catalog function under its own definition.
	 * @param definition the definition
	 * @param function the catalog's wrapper
	 * @return the resolved function, tagged with its definition
	 */
	public static ResolvedFunction of(String definition, FunctionInvocationWrapper function) {
		return of(definition, function, definition);
	}

	/**
	 * Resolves a catalog function.
	 * @param definition the definition
	 * @param function the catalog's wrapper
	 * @param metricTag the metrics tag
	 * @return the resolved function
	 */
	public static ResolvedFunction of(String definition, FunctionInvocationWrapper function, String metricTag) {
		Type payloadType = function.isSupplier() ? null : DirectTargets.payloadType(function.getInputType());
		return new ResolvedFunction(definition, function, payloadType, DirectTargets.of(function), metricTag);
	}

	/**
	 * Whether it takes no input.
	 * @return whether it is a supplier
	 */
	public boolean isSupplier() {
		return this.function.isSupplier();
	}

	/**
	 * Whether it returns nothing.
	 * @return whether it is a consumer
	 */
	public boolean isConsumer() {
		return this.function.isConsumer();
	}

	/**
	 * Whether it takes text as it is, so a {@code text/*} payload needs no JSON parsing.
	 * @return whether the input type is {@code String} or {@code CharSequence}
	 */
	public boolean takesRawText() {
		return this.payloadType == String.class || this.payloadType == CharSequence.class;
	}

}

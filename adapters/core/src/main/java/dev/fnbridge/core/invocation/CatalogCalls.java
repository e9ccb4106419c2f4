package dev.fnbridge.core.invocation;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.invoke.VarHandle;

import org.jspecify.annotations.Nullable;

import org.springframework.cloud.function.context.catalog.SimpleFunctionRegistry.FunctionInvocationWrapper;

/**
 * Calls a catalog function without touching the state Spring Cloud Function keeps on it
 * for its around-wrapper.
 * <p>
 * {@code FunctionInvocationWrapper.apply} marks the (shared, cached) wrapper as being
 * inside its around-wrapper by setting its {@code wrapped} field, and
 * {@code FunctionAroundWrapper.apply} clears it when the call returns (Spring Cloud
 * Function 5.0.x, and its main branch as of 2026-07). Any other thread calling the same
 * function meanwhile sees the mark and skips the around-wrapper, i.e. fnbridge's reading,
 * validation, keys and metrics: a Kafka record read while an HTTP request ran the same
 * composition, or while another consumer thread ran the same binding, was handled by
 * Spring Cloud Function's own conversion. So fnbridge never calls {@code apply} itself
 * (it calls the wrapper's {@code doApply}, which is what {@code apply} does once marked),
 * and clears the mark as soon as its around-wrapper is entered.
 */
public final class CatalogCalls {

	private static final @Nullable MethodHandle DO_APPLY;

	private static final @Nullable VarHandle WRAPPED;

	static {
		MethodHandle doApply = null;
		VarHandle wrapped = null;
		try {
			MethodHandles.Lookup lookup = MethodHandles.privateLookupIn(FunctionInvocationWrapper.class,
					MethodHandles.lookup());
			doApply = lookup.findVirtual(FunctionInvocationWrapper.class, "doApply",
					MethodType.methodType(Object.class, Object.class));
			wrapped = lookup.findVarHandle(FunctionInvocationWrapper.class, "wrapped", boolean.class);
		}
		catch (ReflectiveOperationException | RuntimeException ex) {
			// Another Spring Cloud Function: isSupported() says so, start-up refuses.
			doApply = null;
			wrapped = null;
		}
		DO_APPLY = doApply;
		WRAPPED = wrapped;
	}

	private CatalogCalls() {
	}

	/**
	 * Whether this Spring Cloud Function has the members fnbridge relies on.
	 * @return whether calls and marks work as described
	 */
	public static boolean isSupported() {
		return DO_APPLY != null && WRAPPED != null;
	}

	/**
	 * Invokes a catalog function (conversion and composition included) without its
	 * around-wrapper and without marking it.
	 * @param function the catalog's wrapper
	 * @param input the input ({@code null} for a supplier)
	 * @return the output ({@code null} for a consumer)
	 */
	public static @Nullable Object call(FunctionInvocationWrapper function, @Nullable Object input) {
		if (DO_APPLY == null) {
			throw new IllegalStateException(unsupported());
		}
		try {
			return DO_APPLY.invoke(function, input);
		}
		catch (RuntimeException | Error ex) {
			throw ex;
		}
		catch (Throwable ex) {
			// doApply declares nothing; a checked exception here was thrown sneakily by
			// the function and is the function's failure.
			throw new IllegalStateException(ex.getMessage(), ex);
		}
	}

	/**
	 * Clears the around-wrapper mark {@code apply} has just set, so other threads calling
	 * the same function are not taken past the around-wrapper.
	 * @param function the catalog's wrapper
	 */
	public static void clearMark(FunctionInvocationWrapper function) {
		if (WRAPPED != null) {
			WRAPPED.setVolatile(function, false);
		}
	}

	/**
	 * Why {@link #isSupported()} is false.
	 * @return the message
	 */
	public static String unsupported() {
		return "This Spring Cloud Function has no FunctionInvocationWrapper.doApply(Object) or 'wrapped' field, "
				+ "which fnbridge needs to call functions safely from several threads; use the Spring Cloud "
				+ "Function version of the Spring Cloud BOM fnbridge is built with.";
	}

}

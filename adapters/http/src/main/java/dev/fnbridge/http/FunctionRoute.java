package dev.fnbridge.http;

import java.lang.reflect.Type;
import java.util.function.Function;

import dev.fnbridge.core.invocation.DirectTargets;

import org.springframework.cloud.function.context.catalog.FunctionTypeUtils;
import org.springframework.cloud.function.context.catalog.SimpleFunctionRegistry.FunctionInvocationWrapper;
import org.springframework.messaging.Message;
import org.springframework.messaging.support.MessageBuilder;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * A function definition resolved once: the catalog's invocable wrapper plus what HTTP
 * needs to know about its input.
 *
 * @param definition the normalized definition, elements joined by {@code ,}
 * @param function the catalog's wrapper (handles composition and type conversion between
 * elements)
 * @param payloadType the type a request body is read as: the input type with any
 * {@code Publisher} and {@code Message} layers removed; {@code null} for suppliers
 * @param direct the plain function to call without the catalog's wrapper, or {@code null}
 * @param metricTag the {@code function} tag of its metrics: the definition, or
 * {@link FunctionRoutes#OTHER_COMPOSITIONS} past the bound on tagged compositions
 */
record FunctionRoute(String definition, FunctionInvocationWrapper function, Type payloadType,
		Function<Object, Object> direct, String metricTag) {

	static FunctionRoute of(String definition, FunctionInvocationWrapper function) {
		return of(definition, function, definition);
	}

	static FunctionRoute of(String definition, FunctionInvocationWrapper function, String metricTag) {
		Type payloadType = function.isSupplier() ? null : DirectTargets.payloadType(function.getInputType());
		return new FunctionRoute(definition, function, payloadType, DirectTargets.of(function), metricTag);
	}

	boolean isSupplier() {
		return this.function.isSupplier();
	}

	boolean isConsumer() {
		return this.function.isConsumer();
	}

	/**
	 * Whether the function takes text as it is, so a text/plain body needs no JSON
	 * parsing.
	 */
	boolean takesRawText() {
		return this.payloadType == String.class || this.payloadType == CharSequence.class;
	}

	/**
	 * Invokes the function with an already-typed payload, adapting it to the input shape
	 * the function declared.
	 * @param payload the parsed request body
	 * @return the plain result (publishers are awaited, messages unwrapped), or
	 * {@code null}
	 */
	Object invoke(Object payload) {
		if (this.direct != null) {
			return this.direct.apply(payload);
		}
		// Always a Message: Spring Cloud Function's around-wrapper resets its
		// per-function
		// "wrapped" flag only for message input, and a flag left set would make the Kafka
		// binding of the same function skip fnbridge's wrapper from then on.
		Object input = MessageBuilder.withPayload(payload).build();
		if (this.function.isInputTypePublisher()) {
			Object item = this.function.isInputTypeMessage() ? input : payload;
			input = FunctionTypeUtils.isMono(this.function.getInputType()) ? Mono.just(item) : Flux.just(item);
		}
		Object result;
		if (this.function.isConsumer()) {
			this.function.accept(input);
			result = null;
		}
		else {
			result = this.function.apply(input);
		}
		return unwrapResult(result);
	}

	/**
	 * Calls a supplier.
	 * @return the plain result
	 */
	Object supply() {
		return unwrapResult(this.function.get());
	}

	private static Object unwrapResult(Object result) {
		Object value = result;
		if (value instanceof Mono<?> mono) {
			value = mono.block();
		}
		else if (value instanceof Flux<?> flux) {
			value = flux.collectList().block();
		}
		if (value instanceof Message<?> message) {
			value = message.getPayload();
			if (value instanceof byte[] bytes) {
				// Message in, message out: the catalog has already written the result as
				// JSON.
				return new SerializedJson(bytes);
			}
		}
		return value;
	}

	/**
	 * A result the catalog has already serialized as JSON.
	 *
	 * @param bytes the JSON
	 */
	record SerializedJson(byte[] bytes) {
	}

}

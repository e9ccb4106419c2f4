package dev.fnbridge.lambda;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.function.Function;

import com.amazonaws.services.lambda.runtime.Context;
import dev.fnbridge.core.catalog.FrameworkFunction;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.messaging.Message;

/**
 * The function Spring Cloud Function's {@code FunctionInvoker} calls when it is the
 * deployment's handler ({@link FunctionInvokerSupport}): the event arrives as the raw
 * stream (the adapter's {@code InputStream} path does not parse it) with the Lambda
 * {@code Context} in the {@code aws-context} header, goes through the same
 * {@link LambdaDispatcher} as {@link FunctionHandler}, and the response bytes go back
 * unchanged. Failures propagate as the same {@link LambdaFunctionError}s, which the
 * adapter rethrows to the runtime.
 */
final class FunctionInvokerBridge
		implements Function<Message<InputStream>, byte[]>, FrameworkFunction, SmartInitializingSingleton {

	/** The header the adapter puts the Lambda context in. */
	private static final String AWS_CONTEXT = "aws-context";

	private final ConfigurableApplicationContext context;

	private volatile LambdaDispatcher dispatcher;

	FunctionInvokerBridge(ConfigurableApplicationContext context) {
		this.context = context;
	}

	/**
	 * Builds the dispatcher once every bean exists (the catalog holds this bean too), in
	 * the init phase, so a misconfigured definition fails the start, as with
	 * {@link FunctionHandler}.
	 */
	@Override
	public void afterSingletonsInstantiated() {
		String definition = this.context.getEnvironment().getProperty(FunctionInvokerSupport.DEFINITION);
		this.dispatcher = LambdaBootstrap.dispatcher(this.context, definition);
		SnapStartPriming.register(this.dispatcher);
	}

	@Override
	public byte[] apply(Message<InputStream> event) {
		Context lambda = (event.getHeaders().get(AWS_CONTEXT) instanceof Context value) ? value : null;
		byte[] bytes;
		try (InputStream in = event.getPayload()) {
			bytes = in.readAllBytes();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return this.dispatcher.dispatch(bytes, lambda);
	}

}

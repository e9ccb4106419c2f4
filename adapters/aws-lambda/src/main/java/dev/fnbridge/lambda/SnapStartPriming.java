package dev.fnbridge.lambda;

import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.fnbridge.core.invocation.Payload;
import dev.fnbridge.core.invocation.ResolvedFunction;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.crac.Context;
import org.crac.Core;
import org.crac.Resource;

/**
 * SnapStart priming: before the snapshot is taken, warm what every invocation will run
 * (each function's JSON reading, event parsing, response and problem rendering) so a
 * restored environment does not pay for class loading and first-time paths. Business code
 * is not called: a priming call must not have side effects.
 * <p>
 * Registered with {@code org.crac} (as AWS documents for SnapStart) and with the runtime
 * interface client's own hook registry when it is present (it is what runs the hooks in a
 * local rehearsal). Priming runs once either way.
 */
final class SnapStartPriming implements Resource {

	private static final Log logger = LogFactory.getLog(SnapStartPriming.class);

	/** CRaC contexts may hold resources weakly: keep them reachable. */
	private static Object runtimeHook;

	private static SnapStartPriming instance;

	private static final Payload EMPTY_OBJECT = Payload.json("{}".getBytes(StandardCharsets.UTF_8));

	/**
	 * An API Gateway event routed to no function (an empty routing header): envelope,
	 * routing, error and problem rendering run, the configured function does not.
	 */
	private static final byte[] HTTP_EVENT = ("{\"version\":\"2.0\",\"rawPath\":\"/primer\","
			+ "\"requestContext\":{\"http\":{\"method\":\"POST\"}},"
			+ "\"headers\":{\"content-type\":\"application/json\",\"x-fnbridge-function\":\"\"},\"body\":\"{}\"}")
		.getBytes(StandardCharsets.UTF_8);

	private static final String DYNAMODB_ITEM = "{\"s\":{\"S\":\"a\"},\"n\":{\"N\":\"1.5\"},"
			+ "\"m\":{\"M\":{\"l\":{\"L\":[{\"BOOL\":true},{\"NULL\":true}]}}},\"ss\":{\"SS\":[\"b\"]}}";

	private final LambdaDispatcher dispatcher;

	private final AtomicBoolean primed = new AtomicBoolean();

	SnapStartPriming(LambdaDispatcher dispatcher) {
		this.dispatcher = dispatcher;
	}

	static void register(LambdaDispatcher dispatcher) {
		instance = new SnapStartPriming(dispatcher);
		Core.getGlobalContext().register(instance);
		try {
			ClassLoader loader = ClassLoader.getSystemClassLoader();
			Class<?> core = Class.forName("com.amazonaws.services.lambda.crac.Core", true, loader);
			Class<?> resource = Class.forName("com.amazonaws.services.lambda.crac.Resource", true, loader);
			Object context = core.getMethod("getGlobalContext").invoke(null);
			runtimeHook = Proxy.newProxyInstance(loader, new Class<?>[] { resource }, (proxy, method, args) -> {
				if (method.getName().equals("beforeCheckpoint")) {
					instance.primeOnce();
				}
				return (method.getDeclaringClass() == Object.class) ? method.invoke(instance, args) : null;
			});
			context.getClass().getMethod("register", resource).invoke(context, runtimeHook);
		}
		catch (ReflectiveOperationException | LinkageError ex) {
			// Not inside the runtime interface client: org.crac alone.
		}
	}

	@Override
	public void beforeCheckpoint(Context<? extends Resource> context) {
		primeOnce();
	}

	@Override
	public void afterRestore(Context<? extends Resource> context) {
		// Nothing to renew: the application holds no connections or secrets.
	}

	private void primeOnce() {
		if (this.primed.compareAndSet(false, true)) {
			long start = System.nanoTime();
			int functions = prime();
			logger.info("SnapStart priming: " + functions + " functions primed in "
					+ (System.nanoTime() - start) / 1_000_000 + " ms");
		}
	}

	/**
	 * Warms every function's input reading and the envelope code paths, without calling
	 * any function.
	 * @return how many functions were primed
	 */
	int prime() {
		LambdaInvoker invoker = this.dispatcher.invoker();
		int primed = 0;
		for (ResolvedFunction function : invoker.functions()) {
			try {
				if (function.function().isFunction() && !function.function().isInputTypePublisher()) {
					invoker.pipeline().read(function, EMPTY_OBJECT);
				}
			}
			catch (RuntimeException ex) {
				// An empty object may be invalid input for some functions: the path is
				// warm.
			}
			primed++;
		}
		this.dispatcher.dispatch(HTTP_EVENT, "snap-start-priming");
		// Stream records' item conversion, without calling a function.
		DynamoDbItem.toJson(this.dispatcher.mapper().readTree(DYNAMODB_ITEM));
		return primed;
	}

}

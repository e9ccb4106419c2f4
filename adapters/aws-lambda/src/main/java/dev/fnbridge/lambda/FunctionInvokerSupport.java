package dev.fnbridge.lambda;

import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Lets Spring Cloud Function's own handler string,
 * {@code org.springframework.cloud.function.adapter.aws.FunctionInvoker::handleRequest},
 * serve fnbridge's responses: when Lambda's {@code _HANDLER} names it, the function the
 * deployment configured ({@code spring.cloud.function.definition}, e.g. {@code hello}) is
 * moved to {@value #DEFINITION}, and the adapter is given {@value #BRIDGE} to look up
 * instead: {@link FunctionInvokerBridge}, which hands the raw event to the same
 * dispatcher as {@link FunctionHandler}.
 * <p>
 * Why not the adapter's own invocation of {@code hello}: it re-wraps an API Gateway
 * response (spring-cloud-function#1328, #953), copies request and message headers into
 * responses (#986), answers every error as a Lambda function error with the exception's
 * stack (#789, #756), has no SQS or Kinesis partial batch response, logs each event at
 * INFO (#1140) and replaces an event by its top-level {@code payload} field (#1154,
 * #1425). Its {@code InputStream} input is the one path that passes the event through
 * untouched, and a {@code byte[]} result is written back as it is.
 */
public final class FunctionInvokerSupport implements EnvironmentPostProcessor, Ordered {

	/** The adapter's handler class. */
	static final String FUNCTION_INVOKER = "org.springframework.cloud.function.adapter.aws.FunctionInvoker";

	/** The bean the adapter is pointed at. */
	public static final String BRIDGE = "fnbridgeFunctionInvokerBridge";

	/** Where the configured definition moves to. */
	public static final String DEFINITION = "fnbridge.lambda.definition";

	/** Set while the adapter's handler starts the application. */
	static final String ACTIVE = "fnbridge.lambda.function-invoker";

	private static final String SPRING_DEFINITION = "spring.cloud.function.definition";

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		String handler = environment.getProperty("_HANDLER");
		if (handler == null || !handler.split(":")[0].strip().equals(FUNCTION_INVOKER)
				|| environment.getPropertySources().contains(BRIDGE)) {
			return;
		}
		String definition = environment.getProperty(SPRING_DEFINITION, "");
		environment.getPropertySources()
			.addFirst(new MapPropertySource(BRIDGE,
					Map.of(ACTIVE, "true", DEFINITION, definition, SPRING_DEFINITION, BRIDGE)));
	}

	@Override
	public int getOrder() {
		// After the application's configuration files, which may name the function.
		return Ordered.LOWEST_PRECEDENCE;
	}

}

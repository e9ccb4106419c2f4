package dev.fnbridge.lambda;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;

/**
 * Registers {@link FunctionInvokerBridge} while Spring Cloud Function's
 * {@code FunctionInvoker} starts the application ({@link FunctionInvokerSupport}); with
 * fnbridge's own handler, or over HTTP and Kafka, there is no such bean.
 */
@AutoConfiguration
@ConditionalOnProperty(FunctionInvokerSupport.ACTIVE)
public class FunctionInvokerConfiguration {

	@Bean(FunctionInvokerSupport.BRIDGE)
	FunctionInvokerBridge fnbridgeFunctionInvokerBridge(ConfigurableApplicationContext context) {
		return new FunctionInvokerBridge(context);
	}

}

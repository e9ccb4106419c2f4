package dev.fnbridge.lambda;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import dev.fnbridge.core.invocation.FunctionResolver;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.cloud.function.context.FunctionCatalog;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.messaging.support.MessageBuilder;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Spring Cloud Function's {@code FunctionInvoker} as the handler: the environment points
 * it at the bridge, which serves the configured function and is itself never a function
 * callers can name.
 */
@SpringBootTest(classes = EnvelopeTestSupport.Functions.class,
		properties = { FunctionInvokerSupport.ACTIVE + "=true", FunctionInvokerSupport.DEFINITION + "=hello" })
class FunctionInvokerBridgeTests {

	@Autowired
	FunctionCatalog catalog;

	@Autowired
	FunctionInvokerBridge bridge;

	@Test
	void pointsTheAdapterAtTheBridgeWhenLambdaNamesItsHandler() {
		StandardEnvironment environment = environment(
				"org.springframework.cloud.function.adapter.aws.FunctionInvoker::handleRequest", "hello");

		new FunctionInvokerSupport().postProcessEnvironment(environment, null);

		assertThat(environment.getProperty("spring.cloud.function.definition"))
			.isEqualTo(FunctionInvokerSupport.BRIDGE);
		assertThat(environment.getProperty(FunctionInvokerSupport.DEFINITION)).isEqualTo("hello");
	}

	@Test
	void leavesTheDefinitionAloneWithFnbridgesOwnHandler() {
		StandardEnvironment environment = environment("dev.fnbridge.lambda.FunctionHandler", "hello");

		new FunctionInvokerSupport().postProcessEnvironment(environment, null);

		assertThat(environment.getProperty("spring.cloud.function.definition")).isEqualTo("hello");
		assertThat(environment.containsProperty(FunctionInvokerSupport.DEFINITION)).isFalse();
	}

	@Test
	void answersTheRawEventWithTheConfiguredFunctionsResponse() {
		byte[] event = "{\"name\":\"Ada\"}".getBytes(StandardCharsets.UTF_8);

		byte[] response = this.bridge
			.apply(MessageBuilder.<InputStream>withPayload(new ByteArrayInputStream(event)).build());

		assertThat(new String(response, StandardCharsets.UTF_8)).isEqualTo("\"Hello, Ada!\"");
	}

	@Test
	void keepsTheBridgeOutOfTheFunctionsCallersCanName() {
		Object bridgeInTheCatalog = this.catalog.lookup(FunctionInvokerSupport.BRIDGE);
		assertThat(bridgeInTheCatalog).as("in the catalog, for the adapter").isNotNull();

		FunctionResolver resolver = new FunctionResolver(this.catalog, 16, 16, 16);

		assertThat(resolver.names()).contains("hello").doesNotContain(FunctionInvokerSupport.BRIDGE);
	}

	private static StandardEnvironment environment(String handler, String definition) {
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources()
			.addFirst(new MapPropertySource("lambda",
					Map.of("_HANDLER", handler, "spring.cloud.function.definition", definition)));
		return environment;
	}

}

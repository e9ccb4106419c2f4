package dev.fnbridge.app;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import dev.fnbridge.app.hello.HelloRequest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.cloud.function.context.FunctionCatalog;
import org.springframework.cloud.function.context.catalog.SimpleFunctionRegistry.FunctionInvocationWrapper;
import org.springframework.messaging.Message;
import org.springframework.messaging.support.MessageBuilder;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The functions as every transport finds them: through the catalog, by bean name, with
 * JSON conversion and composition done by Spring Cloud Function.
 */
// Catalog only: no transport. (An embedded broker of another test class leaves
// spring.kafka.bootstrap-servers set for the whole JVM.)
@SpringBootTest(webEnvironment = WebEnvironment.NONE, properties = "fnbridge.kafka.enabled=false")
class FunctionCatalogTests {

	@Autowired
	private FunctionCatalog catalog;

	@Test
	void findsEveryFunctionByItsPublicName() {
		assertThat(this.catalog.getNames(null)).contains("hello", "validateReading", "enrichReading", "detectAnomaly",
				"summarizeReadings");
	}

	@Test
	void greetsThroughTheCatalog() {
		FunctionInvocationWrapper hello = this.catalog.lookup("hello");

		assertThat(hello.apply(new HelloRequest("Ada"))).isEqualTo("Hello, Ada!");
	}

	@Test
	void runsTheTelemetryPipelineOnJsonMessagesAsOneComposedFunction() {
		FunctionInvocationWrapper pipeline = this.catalog.lookup("validateReading|enrichReading|detectAnomaly",
				"application/json");
		String reading = """
				{"deviceId":"sensor-1","type":"temperature","value":75,"unit":"C","timestamp":"%s"}
				""".formatted(Instant.now().minusSeconds(60));

		Object result = pipeline.apply(MessageBuilder.withPayload(reading.getBytes(StandardCharsets.UTF_8))
			.setHeader("contentType", "application/json")
			.build());

		assertThat(result).isInstanceOf(Message.class);
		String alert = new String((byte[]) ((Message<?>) result).getPayload(), StandardCharsets.UTF_8);
		assertThat(alert).contains("\"condition\":\"above-max\"", "\"site\":\"plant-a\"", "\"threshold\":60.0");
	}

}

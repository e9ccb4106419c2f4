package dev.fnbridge.benchmark.lambda;

import java.io.InputStream;
import java.io.OutputStream;
import java.util.function.Function;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * A reference point of the cold-start benchmark: the floor's work, with the greeting
 * coming from a function bean of a Spring Boot application that has nothing else: no
 * auto-configuration, no properties of its own, started the way fnbridge starts its
 * application on Lambda. The JSON work is the floor's own ({@link FloorHandler#answer}).
 * Its distance to the floor is what Spring Boot itself costs; the distance from it to
 * fnbridge is what fnbridge and the libraries it configures cost. Never deployed;
 * {@link ColdStartBenchmark} builds a task root around it.
 */
public class BootReferenceHandler implements RequestStreamHandler {

	private static final ConfigurableApplicationContext context = new SpringApplicationBuilder(Greeting.class)
		.web(WebApplicationType.NONE)
		.logStartupInfo(false)
		.run();

	@SuppressWarnings("unchecked")
	private static final Function<String, String> greet = context.getBean("greet", Function.class);

	@Override
	public void handleRequest(InputStream input, OutputStream output, Context lambdaContext) {
		FloorHandler.answer(input, output, greet);
	}

	/** The application: one function bean. */
	@Configuration(proxyBeanMethods = false)
	public static class Greeting {

		@Bean
		Function<String, String> greet() {
			return FloorHandler::greet;
		}

	}

}

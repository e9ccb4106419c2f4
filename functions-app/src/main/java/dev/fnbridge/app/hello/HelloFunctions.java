package dev.fnbridge.app.hello;

import java.util.function.Function;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Declares the {@code hello} function.
 */
@Configuration(proxyBeanMethods = false)
public class HelloFunctions {

	/**
	 * {@code hello}: {@link HelloRequest} in, greeting text out. See {@link Greeter}.
	 * @return the function
	 */
	@Bean
	public Function<HelloRequest, String> hello() {
		return new Greeter();
	}

}

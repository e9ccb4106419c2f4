package ${package}.hello;

import java.util.function.Function;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The {@code hello} function. The bean name is its public name: the HTTP path, the Kafka
 * binding {@code hello-in-0} and the Lambda {@code SPRING_CLOUD_FUNCTION_DEFINITION}.
 */
@Configuration(proxyBeanMethods = false)
public class HelloFunctions {

	/**
	 * {@code hello}: {@link HelloRequest} in, the greeting out.
	 * @return the function
	 */
	@Bean
	public Function<HelloRequest, String> hello() {
		return new Greeter();
	}

}

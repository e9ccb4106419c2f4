package ${package};

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The application: every {@code java.util.function} bean is served over HTTP
 * ({@code POST /<bean>}), on the Kafka topics {@code application.yml} binds it to, and on
 * AWS Lambda from {@code target/${artifactId}-lambda.zip}.
 */
@SpringBootApplication
public class Application {

	public static void main(String[] args) {
		SpringApplication.run(Application.class, args);
	}

}

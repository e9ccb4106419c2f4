package dev.fnbridge.peers.scf;

import java.util.Map;
import java.util.function.Function;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.cloud.function.json.JsonMapper;
import org.springframework.context.annotation.Bean;

/**
 * The cold-start benchmark's {@code hello} as a plain Spring Cloud Function application
 * on AWS Lambda: one {@code Function<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse>}
 * bean, served by the adapter's
 * {@code org.springframework.cloud.function.adapter.aws.FunctionInvoker::handleRequest},
 * which finds this class through {@code MAIN_CLASS}. Reads {@code name} from the event's
 * JSON body (World when missing or blank) and answers
 * {@code 200 application/json "Hello, <name>!"}. Never deployed.
 */
@SpringBootApplication
public class HelloApplication {

	public static void main(String[] args) {
		SpringApplication.run(HelloApplication.class, args);
	}

	/**
	 * The greeting behind API Gateway.
	 * @param mapper the adapter's JSON mapper, for the body
	 * @return the function
	 */
	@Bean
	public Function<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> hello(JsonMapper mapper) {
		return (event) -> {
			String body = (event.getBody() != null) ? event.getBody() : "{}";
			HelloRequest request = mapper.fromJson(body.getBytes(), HelloRequest.class);
			String name = (request != null && request.name() != null) ? request.name().strip() : "";
			String greeting = "Hello, " + (name.isEmpty() ? "World" : name) + "!";
			return APIGatewayV2HTTPResponse.builder()
				.withStatusCode(200)
				.withHeaders(Map.of("Content-Type", "application/json"))
				.withBody(new String(mapper.toJson(greeting)))
				.build();
		};
	}

	/**
	 * The body of a hello request.
	 *
	 * @param name whom to greet
	 */
	public record HelloRequest(String name) {
	}

}

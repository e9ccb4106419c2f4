package dev.fnbridge.peers.micronaut;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;

import io.micronaut.function.aws.MicronautRequestHandler;
import io.micronaut.json.JsonMapper;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Inject;

/**
 * The cold-start benchmark's {@code hello} as a Micronaut 4 function on AWS Lambda: a
 * {@link MicronautRequestHandler} for the API Gateway v2 event, whose application context
 * starts when the runtime client instantiates it (handler string: this class). Reads
 * {@code name} from the event's JSON body with Micronaut's {@link JsonMapper} (World when
 * missing or blank) and answers {@code 200 application/json "Hello, <name>!"}. Never
 * deployed.
 */
public class HelloHandler extends MicronautRequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {

	@Inject
	JsonMapper mapper;

	@Override
	public APIGatewayV2HTTPResponse execute(APIGatewayV2HTTPEvent event) {
		try {
			String body = (event.getBody() != null) ? event.getBody() : "{}";
			HelloRequest request = this.mapper.readValue(body, HelloRequest.class);
			String name = (request != null && request.name() != null) ? request.name().strip() : "";
			String greeting = "Hello, " + (name.isEmpty() ? "World" : name) + "!";
			return APIGatewayV2HTTPResponse.builder()
				.withStatusCode(200)
				.withHeaders(Map.of("Content-Type", "application/json"))
				.withBody(this.mapper.writeValueAsString(greeting))
				.build();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * The body of a hello request.
	 *
	 * @param name whom to greet
	 */
	@Serdeable
	public record HelloRequest(String name) {
	}

}

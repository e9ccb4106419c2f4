package dev.fnbridge.peers.quarkus;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.ObjectMapper;

import jakarta.inject.Inject;
import jakarta.inject.Named;

/**
 * The cold-start benchmark's {@code hello} as a Quarkus {@code quarkus-amazon-lambda}
 * function (JVM mode), served by
 * {@code io.quarkus.amazon.lambda.runtime.QuarkusStreamHandler::handleRequest}: Quarkus
 * reads the API Gateway v2 event and writes the response with its own ObjectMapper. Reads
 * {@code name} from the event's JSON body (World when missing or blank) and answers
 * {@code 200 application/json "Hello, <name>!"}. Never deployed.
 */
@Named("hello")
public class HelloLambda implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {

	@Inject
	ObjectMapper mapper;

	@Override
	public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
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
	public record HelloRequest(String name) {
	}

}

package dev.fnbridge.app.lambda;

import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One artifact serving every function behind API Gateway, routed by the request path (no
 * SPRING_CLOUD_FUNCTION_DEFINITION).
 */
class RoutedLambdaIntegrationTests extends LambdaEnvironment {

	@Override
	Map<String, String> environment() {
		return Map.of();
	}

	@Test
	void routesByTheLastPathSegment() throws Exception {
		assertThat(ok(invoke("apigw-v2-hello.json")).path("body").asString()).isEqualTo("\"Hello, Ada!\"");
	}

	@Test
	void answersAnUnknownRouteWith404() throws Exception {
		JsonNode response = ok(invoke("apigw-v2-unknown-route.json"));

		assertThat(response.path("statusCode").asInt()).isEqualTo(404);
		JsonNode problem = this.json.readTree(response.path("body").asString());
		assertThat(problem.path("type").asString()).isEqualTo("urn:fnbridge:problem:function-not-found");
		assertThat(problem.path("detail").asString()).isEqualTo("No function named 'nope'");
	}

	@Test
	void answersAValidationErrorWith400AndTheSameProblemAsHttp() throws Exception {
		JsonNode response = ok(invoke("apigw-v2-invalid-reading.json"));

		assertThat(response.path("statusCode").asInt()).isEqualTo(400);
		JsonNode problem = this.json.readTree(response.path("body").asString());
		assertThat(problem.path("title").asString()).isEqualTo("Invalid input");
		assertThat(problem.path("function").asString()).isEqualTo("validateReading");
		assertThat(problem.path("errors").get(0).path("field").asString()).isEqualTo("value");
	}

	@Test
	void refusesADirectInvocationWithoutAFunctionSelected() throws Exception {
		JsonNode error = functionError(invoke("direct-hello.json"),
				"dev.fnbridge.lambda.LambdaFunctionError$FunctionNotFound");

		assertThat(error.path("errorMessage").asString()).contains("SPRING_CLOUD_FUNCTION_DEFINITION");
	}

}

package dev.fnbridge.app.lambda;

import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code hello} deployed alone (SPRING_CLOUD_FUNCTION_DEFINITION=hello) behind every HTTP
 * event source, and invoked directly.
 */
class HelloLambdaIntegrationTests extends LambdaEnvironment {

	@Override
	Map<String, String> environment() {
		return Map.of("SPRING_CLOUD_FUNCTION_DEFINITION", "hello");
	}

	@Test
	void answersApiGatewayHttpApiWithTheSeedsProxyResponse() throws Exception {
		JsonNode response = ok(invoke("apigw-v2-hello.json"));

		assertThat(response.path("statusCode").asInt()).isEqualTo(200);
		assertThat(response.path("body").asString()).isEqualTo("\"Hello, Ada!\"");
		assertThat(response.path("headers").path("Content-Type").asString()).isEqualTo("application/json");
	}

	@Test
	void answersApiGatewayRestApiAndAlbAlike() throws Exception {
		JsonNode rest = ok(invoke("apigw-v1-hello.json"));
		JsonNode alb = ok(invoke("alb-hello.json"));

		assertThat(rest.path("statusCode").asInt()).isEqualTo(200);
		assertThat(rest.path("body").asString()).isEqualTo("\"Hello, Ada!\"");
		assertThat(alb.path("body").asString()).isEqualTo("\"Hello, Ada!\"");
		assertThat(alb.path("statusDescription").asString()).isEqualTo("200 OK");
		assertThat(alb.path("isBase64Encoded").isBoolean()).as("ALB requires the flag").isTrue();
	}

	@Test
	void answersApiGatewayWithExactlyStatusJsonContentTypeAndBody() throws Exception {
		for (String event : new String[] { "apigw-v2-hello.json", "apigw-v1-hello.json" }) {
			assertThat(ok(invoke(event))).as(event)
				.isEqualTo(this.json.readTree(
						"{\"statusCode\":200,\"headers\":{\"Content-Type\":\"application/json\"},\"body\":\"\\\"Hello, Ada!\\\"\"}"));
		}
	}

	@Test
	void takesAGetsInputFromTheQueryOfAFunctionUrl() throws Exception {
		JsonNode response = ok(invoke("function-url-hello-get.json"));

		assertThat(response.path("body").asString()).isEqualTo("\"Hello, Linus!\"");
	}

	@Test
	void answersAnAlbInMultiValueModeWithMultiValueHeaders() throws Exception {
		JsonNode response = ok(invoke("alb-multi-value-hello-get.json"));

		assertThat(response.path("body").asString()).isEqualTo("\"Hello, Ada Lovelace!\"");
		assertThat(response.path("multiValueHeaders").path("Content-Type").get(0).asString())
			.isEqualTo("application/json");
		assertThat(response.has("headers")).isFalse();
	}

	@Test
	void answersAnAlbQueryWithABrokenPercentEscapeWith400() throws Exception {
		JsonNode response = ok(invoke("alb-malformed-query.json"));

		assertThat(response.path("statusCode").asInt()).isEqualTo(400);
		assertThat(response.path("multiValueHeaders").path("Content-Type").get(0).asString())
			.isEqualTo("application/problem+json");
		assertThat(this.json.readTree(response.path("body").asString()).path("detail").asString())
			.isEqualTo("The query string is not valid percent-encoding");
	}

	@Test
	void answersAPostWithoutBodyWith400() throws Exception {
		JsonNode response = ok(invoke("apigw-v1-null-body.json"));

		assertThat(response.path("statusCode").asInt()).isEqualTo(400);
		assertThat(this.json.readTree(response.path("body").asString()).path("detail").asString())
			.isEqualTo("A JSON payload is required");
	}

	@Test
	void decodesBase64Bodies() throws Exception {
		assertThat(ok(invoke("apigw-v2-hello-base64.json")).path("body").asString()).isEqualTo("\"Hello, Grace!\"");
	}

	@Test
	void continuesTheTraceOfAnApiGatewayRequest() throws Exception {
		String traceId = "0af7651916cd43dd8448eb211c80319c";
		ObjectNode event = (ObjectNode) this.json.readTree(event("apigw-v2-hello.json"));
		((ObjectNode) event.path("headers")).put("traceparent", "00-" + traceId + "-b7ad6b7169203331-01");

		ok(invokeRaw(this.json.writeValueAsString(event)));

		assertThat(functionLog().lines().filter((line) -> line.startsWith("{\"_aws\"")))
			.anyMatch((line) -> line.contains("\"traceId\":\"" + traceId + "\""));
	}

	@Test
	void neverEchoesRequestHeaders() throws Exception {
		String body = invoke("apigw-v2-hello.json").body();

		assertThat(body).doesNotContainIgnoringCase("x-secret").doesNotContain("s3cr3t");
	}

	@Test
	void answersAMalformedBodyWith400ProblemJson() throws Exception {
		JsonNode response = ok(invoke("apigw-v2-malformed-body.json"));

		assertThat(response.path("statusCode").asInt()).isEqualTo(400);
		assertThat(response.path("headers").path("Content-Type").asString()).isEqualTo("application/problem+json");
		JsonNode problem = this.json.readTree(response.path("body").asString());
		assertThat(problem.path("type").asString()).isEqualTo("urn:fnbridge:problem:invalid-input");
		assertThat(problem.path("detail").asString()).startsWith("Malformed JSON at line 1");
		assertThat(problem.path("instance").asString()).isEqualTo("/hello");
	}

	@Test
	void answersADirectInvocationWithThePlainResult() throws Exception {
		assertThat(invoke("direct-hello.json").body()).isEqualTo("\"Hello, Ada!\"");
	}

	@Test
	void reportsAnEventThatIsNotJsonAsAWellFormedError() throws Exception {
		JsonNode error = functionError(invoke("direct-not-json.txt"),
				"dev.fnbridge.lambda.LambdaFunctionError$InvalidInput");

		assertThat(error.path("errorMessage").asString()).isEqualTo("The event is not JSON");
	}

	@Test
	void reportsAnUnsupportedEventSourceAndKeepsServing() throws Exception {
		JsonNode error = functionError(invoke("s3-unsupported.json"),
				"dev.fnbridge.lambda.LambdaFunctionError$InvalidInput");

		assertThat(error.path("errorMessage").asString()).isEqualTo("Unsupported event source 'aws:s3'");
		assertThat(functionError(invoke("mq-unsupported.json"), "dev.fnbridge.lambda.LambdaFunctionError$InvalidInput")
			.path("errorMessage")
			.asString()).isEqualTo("Unsupported event source 'aws:mq'");
		assertThat(functionError(invokeRaw("{\"Records\":[{\"cf\":{}}]}"),
				"dev.fnbridge.lambda.LambdaFunctionError$InvalidInput")
			.path("errorMessage")
			.asString()).isEqualTo("Unsupported event source 'CloudFront Lambda@Edge'");
		assertThat(functionError(invokeRaw("{\"Records\":[{\"data\":{}}]}"),
				"dev.fnbridge.lambda.LambdaFunctionError$InvalidInput")
			.path("errorMessage")
			.asString()).isEqualTo("Unsupported event: records without an event source");

		assertThat(invoke("direct-hello.json").body()).isEqualTo("\"Hello, Ada!\"");
	}

	@Test
	void logsNoPayloads() throws Exception {
		invoke("apigw-v2-hello-base64.json");

		assertThat(functionLog()).doesNotContain("Grace");
	}

}

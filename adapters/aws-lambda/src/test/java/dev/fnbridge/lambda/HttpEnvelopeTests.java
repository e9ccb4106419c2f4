package dev.fnbridge.lambda;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link HttpEnvelope} in-process: API Gateway v1 and v2, Function URL and ALB events,
 * answered with the proxy responses and problem bodies HTTP answers with.
 */
class HttpEnvelopeTests extends EnvelopeTestSupport {

	private HttpEnvelope envelope;

	@BeforeEach
	void createEnvelope() {
		this.envelope = new HttpEnvelope(this.mapper);
	}

	@Test
	void acceptsApiGatewayFunctionUrlAndAlbEventsOnly() {
		for (String file : new String[] { "apigw-v1-hello.json", "apigw-v2-hello.json", "function-url-hello-get.json",
				"alb-hello.json", "alb-multi-value-hello-get.json" }) {
			assertThat(this.envelope.accepts(this.mapper.readTree(event(file)))).as(file).isTrue();
		}
		for (String file : new String[] { "sqs-readings.json", "direct-hello.json", "eventbridge-reading.json",
				"msk-readings.json" }) {
			assertThat(this.envelope.accepts(this.mapper.readTree(event(file)))).as(file).isFalse();
		}
	}

	@Test
	void answersApiGatewayWithExactlyStatusJsonContentTypeAndBody() {
		JsonNode expected = this.mapper.readTree(
				"{\"statusCode\":200,\"headers\":{\"Content-Type\":\"application/json\"},\"body\":\"\\\"Hello, Ada!\\\"\"}");

		assertThat(handle(this.envelope, "apigw-v2-hello.json", context("hello"))).isEqualTo(expected);
		assertThat(handle(this.envelope, "apigw-v1-hello.json", context("hello"))).isEqualTo(expected);
	}

	@Test
	void answersAnAlbWithItsStatusLineAndEncodingFlag() {
		JsonNode proxy = handle(this.envelope, "alb-hello.json", context("hello"));

		assertThat(proxy.path("statusDescription").asString()).isEqualTo("200 OK");
		assertThat(proxy.path("isBase64Encoded").isBoolean()).isTrue();
		assertThat(proxy.path("body").asString()).isEqualTo("\"Hello, Ada!\"");
	}

	@Test
	void answersAnAlbInMultiValueModeWithMultiValueHeadersOnly() {
		JsonNode proxy = handle(this.envelope, "alb-multi-value-hello-get.json", context("hello"));

		assertThat(proxy.path("body").asString()).isEqualTo("\"Hello, Ada Lovelace!\"");
		assertThat(proxy.path("multiValueHeaders").path("Content-Type").get(0).asString())
			.isEqualTo("application/json");
		assertThat(proxy.has("headers")).isFalse();
	}

	@Test
	void answersAnAlbQueryWithABrokenPercentEscapeWith400() {
		JsonNode proxy = handle(this.envelope, "alb-malformed-query.json", context("hello"));

		assertThat(proxy.path("statusCode").asInt()).isEqualTo(400);
		assertThat(body(proxy).path("detail").asString()).isEqualTo("The query string is not valid percent-encoding");
	}

	@Test
	void takesAGetsInputFromTheQueryOfAFunctionUrl() {
		assertThat(handle(this.envelope, "function-url-hello-get.json", context("hello")).path("body").asString())
			.isEqualTo("\"Hello, Linus!\"");
	}

	@Test
	void decodesABase64Body() {
		assertThat(handle(this.envelope, "apigw-v2-hello-base64.json", context("hello")).path("body").asString())
			.isEqualTo("\"Hello, Grace!\"");
	}

	@Test
	void answersAPostWithoutBodyWith400() {
		JsonNode proxy = handle(this.envelope, "apigw-v1-null-body.json", context("hello"));

		assertThat(proxy.path("statusCode").asInt()).isEqualTo(400);
		assertThat(body(proxy).path("detail").asString()).isEqualTo("A JSON payload is required");
	}

	@Test
	void answersAMalformedBodyWith400ProblemJsonNamingTheFunctionAndPath() {
		JsonNode proxy = handle(this.envelope, "apigw-v2-malformed-body.json", context("hello"));

		assertThat(proxy.path("statusCode").asInt()).isEqualTo(400);
		assertThat(proxy.path("headers").path("Content-Type").asString()).isEqualTo("application/problem+json");
		JsonNode problem = body(proxy);
		assertThat(problem.path("type").asString()).isEqualTo("urn:fnbridge:problem:invalid-input");
		assertThat(problem.path("detail").asString()).startsWith("Malformed JSON at line 1");
		assertThat(problem.path("instance").asString()).isEqualTo("/hello");
		assertThat(problem.path("function").asString()).isEqualTo("hello");
		assertThat(problem.has("correlationId")).as("a client error has none").isFalse();
	}

	@Test
	void routesByTheLastPathSegmentWithoutAConfiguredFunction() {
		assertThat(handle(this.envelope, "apigw-v2-hello.json", context(null)).path("body").asString())
			.isEqualTo("\"Hello, Ada!\"");
	}

	@Test
	void answersAnUnknownRouteWith404WithoutAFunctionMember() {
		JsonNode proxy = handle(this.envelope, "apigw-v2-unknown-route.json", context(null));

		assertThat(proxy.path("statusCode").asInt()).isEqualTo(404);
		JsonNode problem = body(proxy);
		assertThat(problem.path("type").asString()).isEqualTo("urn:fnbridge:problem:function-not-found");
		assertThat(problem.path("detail").asString()).isEqualTo("No function named 'nope'");
		assertThat(problem.has("function")).isFalse();
	}

	@Test
	void routesByTheRoutingHeaderOverTheConfiguredFunction() {
		byte[] event = bytes(text("apigw-v2-hello.json").replace("\"headers\": {",
				"\"headers\": {\"x-fnbridge-function\": \"echo\","));

		JsonNode proxy = handle(this.envelope, event, context("hello"));

		assertThat(this.mapper.readTree(proxy.path("body").asString()).path("name").asString()).isEqualTo("Ada");
	}

	@Test
	void answersACompositionNamedInTheRoutingHeaderAndCountsItOnceUnderItsName() {
		byte[] event = bytes(text("apigw-v2-hello.json").replace("\"headers\": {",
				"\"headers\": {\"x-fnbridge-function\": \"echo|hello\","));

		JsonNode proxy = handle(this.envelope, event, context(null));

		assertThat(proxy.path("body").asString()).isEqualTo("\"Hello, Ada!\"");
		assertThat(this.invocations.outcomes).containsExactly("echo|hello success");
	}

	@Test
	void answersAValidationErrorWith400AndItsFieldViolations() {
		JsonNode proxy = handle(this.envelope, "apigw-v2-invalid-reading.json", context(null));

		assertThat(proxy.path("statusCode").asInt()).isEqualTo(400);
		JsonNode problem = body(proxy);
		assertThat(problem.path("function").asString()).isEqualTo("validateReading");
		assertThat(problem.path("errors").get(0).path("field").asString()).isEqualTo("value");
	}

	@Test
	void takesTheLastSegmentOfAGetAsTheArgumentOfTheFunctionBeforeIt() {
		JsonNode proxy = handle(this.envelope, get("/hello/Ada%20L"), context(null));

		assertThat(proxy.path("body").asString()).isEqualTo("\"Hello, Ada L!\"");
	}

	@Test
	void refusesAPathArgumentForASupplierWith400AsHttpDoes() {
		JsonNode proxy = handle(this.envelope, get("/greeting/x"), context("greeting"));

		assertThat(proxy.path("statusCode").asInt()).isEqualTo(400);
		assertThat(body(proxy).path("detail").asString()).isEqualTo("'greeting' takes no argument: GET /greeting");
	}

	@Test
	void answersAGetOfASupplierWithItsValue() {
		assertThat(handle(this.envelope, get("/greeting"), context(null)).path("body").asString()).isEqualTo("\"Hi\"");
	}

	@Test
	void answersAConsumerWith204AndNoBody() {
		JsonNode proxy = handle(this.envelope, "apigw-v2-hello.json", context("forget"));

		assertThat(proxy.path("statusCode").asInt()).isEqualTo(204);
		assertThat(proxy.has("body")).isFalse();
		assertThat(this.received.inputs).containsExactly(new HelloRequest("Ada"));
	}

	@Test
	void takesATextBodyAsTextForAFunctionTakingText() {
		byte[] event = bytes(text("apigw-v2-hello.json")
			.replace("\"content-type\": \"application/json\"", "\"content-type\": \"text/plain\"")
			.replace("{\\\"name\\\":\\\"Ada\\\"}", "ada"));

		assertThat(handle(this.envelope, event, context("shout")).path("body").asString()).isEqualTo("\"ADA\"");
	}

	@Test
	void answersABodyThatIsNeitherJsonNorTextWith415() {
		byte[] event = bytes(text("apigw-v2-hello.json").replace("\"content-type\": \"application/json\"",
				"\"content-type\": \"application/xml\""));

		JsonNode proxy = handle(this.envelope, event, context("hello"));

		assertThat(proxy.path("statusCode").asInt()).isEqualTo(415);
		assertThat(body(proxy).path("type").asString()).isEqualTo("urn:fnbridge:problem:unsupported-media-type");
		assertThat(this.invocations.outcomes).isEmpty();
	}

	@Test
	void carriesTheRequestIdAsCorrelationIdOfAServerSideFailure() {
		JsonNode proxy = handle(this.envelope, "apigw-v2-hello.json", context("boom"));

		assertThat(proxy.path("statusCode").asInt()).isEqualTo(500);
		JsonNode problem = body(proxy);
		assertThat(problem.path("correlationId").asString()).isEqualTo("req-1");
		assertThat(problem.toString()).doesNotContain("secret");
	}

	@Test
	void countsOneLambdaInvocationPerRequest() {
		handle(this.envelope, "apigw-v2-hello.json", context("hello"));
		handle(this.envelope, "apigw-v2-malformed-body.json", context("hello"));

		assertThat(this.invocations.outcomes).containsExactly("hello success", "hello client_error");
	}

	@Test
	void continuesTheTraceOfTheRequestHeaders() {
		byte[] event = bytes(text("apigw-v2-hello.json").replace("\"headers\": {",
				"\"headers\": {\"traceparent\": \"00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01\","));

		handle(this.envelope, event, tracedContext("hello"));

		assertThat(this.tracedParents).containsExactly("00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01");
	}

	@Test
	void takesTheQueryOfARestApiRequestThatHasOnlyMultiValueMaps() {
		JsonNode proxy = handle(this.envelope, "apigw-v1-multi-value-only-get.json", context(null));

		assertThat(proxy.path("statusCode").asInt()).isEqualTo(200);
		assertThat(proxy.path("body").asString()).isEqualTo("\"Hello, Ada!\"");
		assertThat(proxy.has("multiValueHeaders")).as("API Gateway takes single-value headers").isFalse();
	}

	@Test
	void decodesTheBase64BodyOfARestApiRequestWhoseContentTypeIsOnlyAMultiValueHeader() {
		assertThat(handle(this.envelope, "apigw-v1-base64-post.json", context(null)).path("body").asString())
			.isEqualTo("\"Hello, Grace!\"");
	}

	@Test
	void takesThePathArgumentOfARestApiRequestWithoutHeaders() {
		assertThat(handle(this.envelope, "apigw-v1-null-headers-path-argument.json", context(null)).path("body")
			.asString()).isEqualTo("\"Hello, Ada Lovelace!\"");
	}

	@Test
	void takesTheQueryOfAnHttpApiGetWithCookiesAsApiGatewayJoinedIt() {
		JsonNode proxy = handle(this.envelope, "apigw-v2-cookies-get.json", context(null));

		assertThat(proxy.path("body").asString()).isEqualTo("\"Hello, Ada,Grace!\"");
		assertThat(proxy.has("cookies")).as("request cookies are never echoed").isFalse();
	}

	@Test
	void answersAnHttpApiPostWithoutBodyMemberWith400() {
		JsonNode proxy = handle(this.envelope, "apigw-v2-post-without-body.json", context("hello"));

		assertThat(proxy.path("statusCode").asInt()).isEqualTo(400);
		assertThat(body(proxy).path("detail").asString()).isEqualTo("A JSON payload is required");
		assertThat(this.received.inputs).isEmpty();
	}

	@Test
	void readsABase64TextBodyAsUtf8TextForAFunctionTakingText() {
		JsonNode proxy = handle(this.envelope, "apigw-v2-base64-text.json", context(null));

		assertThat(this.received.inputs).containsExactly("grüß dich");
		assertThat(proxy.path("body").asString()).isEqualTo("\"GRÜSS DICH\"");
	}

	@Test
	void decodesTheBase64BodyOfAFunctionUrlPost() {
		assertThat(handle(this.envelope, "function-url-post-base64.json", context("hello")).path("body").asString())
			.isEqualTo("\"Hello, Hedy!\"");
	}

	@Test
	void answersAFunctionUrlPostToTheRootWithoutAConfiguredFunctionWith404() {
		JsonNode proxy = handle(this.envelope, "function-url-post-base64.json", context(null));

		assertThat(proxy.path("statusCode").asInt()).isEqualTo(404);
		JsonNode problem = body(proxy);
		assertThat(problem.path("type").asString()).isEqualTo("urn:fnbridge:problem:function-not-found");
		assertThat(problem.path("instance").asString()).isEqualTo("/");
	}

	@Test
	void answersAnAlbHealthCheckWithTheConfiguredFunctionsResult() {
		JsonNode proxy = handle(this.envelope, "alb-health-check.json", context("greeting"));

		assertThat(proxy.path("statusCode").asInt()).isEqualTo(200);
		assertThat(proxy.path("statusDescription").asString()).isEqualTo("200 OK");
		assertThat(proxy.path("body").asString()).isEqualTo("\"Hi\"");
	}

	@Test
	void answersAnAlbHealthCheckOfTheRootWithoutAConfiguredFunctionWithA404Problem() {
		JsonNode proxy = handle(this.envelope, "alb-health-check.json", context(null));

		assertThat(proxy.path("statusCode").asInt()).isEqualTo(404);
		assertThat(proxy.path("statusDescription").asString()).isEqualTo("404 Not Found");
		assertThat(proxy.path("isBase64Encoded").asBoolean(true)).isFalse();
		assertThat(body(proxy).path("status").asInt()).isEqualTo(404);
	}

	@Test
	void answersAnAlbMultiValuePostWithABase64BodyInMultiValueHeaders() {
		JsonNode proxy = handle(this.envelope, "alb-multi-value-post-base64.json", context(null));

		assertThat(proxy.path("body").asString()).isEqualTo("\"Hello, Barbara!\"");
		assertThat(proxy.path("multiValueHeaders").path("Content-Type").get(0).asString())
			.isEqualTo("application/json");
		assertThat(proxy.has("headers")).isFalse();
	}

	private static byte[] get(String path) {
		return bytes("{\"version\":\"2.0\",\"rawPath\":\"" + path + "\",\"rawQueryString\":\"\",\"headers\":{},"
				+ "\"requestContext\":{\"http\":{\"method\":\"GET\",\"path\":\"" + path
				+ "\"}},\"isBase64Encoded\":false}");
	}

}

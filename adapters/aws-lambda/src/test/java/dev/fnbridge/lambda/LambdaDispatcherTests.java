package dev.fnbridge.lambda;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Function;

import dev.fnbridge.core.invocation.InvocationPipeline;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.cloud.function.context.FunctionCatalog;
import org.springframework.context.annotation.Bean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * {@link LambdaDispatcher} in-process, with the functions of a real application context:
 * what it answers when a response would not fit Lambda's limit, and when an event's bytes
 * are not UTF-8.
 */
@SpringBootTest(classes = LambdaDispatcherTests.Functions.class)
class LambdaDispatcherTests {

	/** Lambda's limit for a synchronous invocation's response. */
	private static final int LIMIT = 6_291_456;

	/** The body of the events under {@code events/}, as it stands in the JSON text. */
	private static final String TEMPLATE_BODY = "{\\\"name\\\":\\\"Ada\\\"}";

	/** An overlong encoding of '/': not UTF-8, but lenient decoders read it as '/'. */
	private static final byte[] OVERLONG_SLASH = { (byte) 0xC0, (byte) 0xAF };

	@Autowired
	private FunctionCatalog catalog;

	@Autowired
	private ObjectMapper mapper;

	@Autowired
	private InvocationPipeline pipeline;

	@Test
	void answersApiGatewayWith413WhenTheResponseWouldExceedLambdasLimit() {
		byte[] response = dispatcher(null).dispatch(apiGatewayEvent("large", bytes(TEMPLATE_BODY)), "req-1");

		assertThat(response.length).isLessThan(LIMIT);
		JsonNode proxy = this.mapper.readTree(response);
		assertThat(proxy.path("statusCode").asInt()).isEqualTo(413);
		assertThat(proxy.path("headers").path("Content-Type").asString()).isEqualTo("application/problem+json");
		JsonNode problem = this.mapper.readTree(proxy.path("body").asString());
		assertThat(problem.path("type").asString()).isEqualTo("urn:fnbridge:problem:payload-too-large");
		assertThat(problem.path("title").asString()).isEqualTo("Payload too large");
		assertThat(problem.path("status").asInt()).isEqualTo(413);
		assertThat(problem.path("detail").asString()).contains("6291456");
		assertThat(problem.path("instance").asString()).isEqualTo("/large");
		assertThat(problem.path("function").asString()).isEqualTo("large");
	}

	@Test
	void measuresTheSerializedResponseNotTheFunctionsResult() {
		// 2 MB of quotes: the result is well under the limit, but each quote is escaped
		// once in the JSON result and again in the proxy response's body string.
		byte[] event = apiGatewayEvent("repeat", bytes("{\\\"text\\\":\\\"\\\\\\\"\\\",\\\"times\\\":2000000}"));

		JsonNode proxy = this.mapper.readTree(dispatcher(null).dispatch(event, "req-2"));

		assertThat(proxy.path("statusCode").asInt()).isEqualTo(413);
	}

	@Test
	void answersAResponseJustUnderTheLimit() {
		byte[] event = apiGatewayEvent("repeat", bytes("{\\\"text\\\":\\\"a\\\",\\\"times\\\":6000000}"));

		byte[] response = dispatcher(null).dispatch(event, "req-3");

		assertThat(response.length).isBetween(6_000_000, LIMIT);
		assertThat(this.mapper.readTree(response).path("statusCode").asInt()).isEqualTo(200);
	}

	@Test
	void answersAnAlbWith413OverItsOneMegabyteLimit() {
		byte[] event = event("alb-hello.json", "repeat", bytes("{\\\"text\\\":\\\"a\\\",\\\"times\\\":1100000}"));

		JsonNode proxy = this.mapper.readTree(dispatcher(null).dispatch(event, "req-9"));

		assertThat(proxy.path("statusCode").asInt()).isEqualTo(413);
		assertThat(proxy.path("statusDescription").asString()).startsWith("413 ");
		JsonNode problem = this.mapper.readTree(proxy.path("body").asString());
		assertThat(problem.path("type").asString()).isEqualTo("urn:fnbridge:problem:payload-too-large");
		assertThat(problem.path("detail").asString()).contains("1048576");
	}

	@Test
	void failsADirectInvocationWithPayloadTooLargeWhenTheResultWouldExceedLambdasLimit() {
		LambdaDispatcher dispatcher = dispatcher("large");

		assertThatExceptionOfType(LambdaFunctionError.PayloadTooLarge.class)
			.isThrownBy(() -> dispatcher.dispatch(bytes("{\"name\":\"Ada\"}"), "req-4"))
			.withMessageContaining("6291456");
	}

	@Test
	void answersApiGatewayWith400WhenTheEventIsNotUtf8() {
		byte[] body = concat(bytes("{\\\"name\\\":\\\"a"), OVERLONG_SLASH, bytes("b\\\"}"));

		JsonNode proxy = this.mapper.readTree(dispatcher(null).dispatch(apiGatewayEvent("hello", body), "req-5"));

		assertThat(proxy.path("statusCode").asInt()).isEqualTo(400);
		assertThat(proxy.path("headers").path("Content-Type").asString()).isEqualTo("application/problem+json");
		JsonNode problem = this.mapper.readTree(proxy.path("body").asString());
		assertThat(problem.path("type").asString()).isEqualTo("urn:fnbridge:problem:invalid-input");
		assertThat(problem.path("status").asInt()).isEqualTo(400);
		assertThat(problem.path("detail").asString()).isEqualTo("The event is not valid UTF-8");
	}

	@Test
	void failsADirectInvocationWithInvalidInputWhenTheEventIsNotUtf8() {
		LambdaDispatcher dispatcher = dispatcher("hello");
		byte[] event = concat(bytes("{\"name\":\"a"), OVERLONG_SLASH, bytes("b\"}"));

		assertThatExceptionOfType(LambdaFunctionError.InvalidInput.class)
			.isThrownBy(() -> dispatcher.dispatch(event, "req-7"))
			.withMessage("The event is not valid UTF-8");
	}

	@Test
	void greetsFromAnEventWithMultiByteCharacters() {
		byte[] event = apiGatewayEvent("hello", bytes("{\\\"name\\\":\\\"Zoë 漢字 🙂\\\"}"));

		JsonNode proxy = this.mapper.readTree(dispatcher(null).dispatch(event, "req-8"));

		assertThat(proxy.path("statusCode").asInt()).isEqualTo(200);
		assertThat(proxy.path("body").asString()).isEqualTo("\"Hello, Zoë 漢字 🙂!\"");
	}

	@Test
	void takesTheLastSegmentOfAGetAsThePathArgumentAsHttpDoes() {
		JsonNode proxy = this.mapper.readTree(dispatcher(null).dispatch(getEvent("/hello/Ada%20L"), "req-10"));

		assertThat(proxy.path("statusCode").asInt()).as(proxy.toString()).isEqualTo(200);
		assertThat(proxy.path("body").asString()).isEqualTo("\"Hello, Ada L!\"");
	}

	@Test
	void takesThePathArgumentOfTheConfiguredFunction() {
		JsonNode proxy = this.mapper.readTree(dispatcher("hello").dispatch(getEvent("/prod/hello/Ada"), "req-11"));

		assertThat(proxy.path("body").asString()).isEqualTo("\"Hello, Ada!\"");
	}

	@Test
	void answersAGetOfAnUnknownFunctionWithAnArgumentWith404() {
		JsonNode proxy = this.mapper.readTree(dispatcher(null).dispatch(getEvent("/nope/Ada"), "req-12"));

		assertThat(proxy.path("statusCode").asInt()).isEqualTo(404);
	}

	@Test
	void carriesTheCorrelationIdOfAServerSideFailureInTheProblem() {
		JsonNode proxy = this.mapper
			.readTree(dispatcher(null).dispatch(apiGatewayEvent("boom", bytes(TEMPLATE_BODY)), "req-13"));

		assertThat(proxy.path("statusCode").asInt()).isEqualTo(500);
		JsonNode problem = this.mapper.readTree(proxy.path("body").asString());
		assertThat(problem.path("type").asString()).isEqualTo("urn:fnbridge:problem:unexpected-error");
		assertThat(problem.path("correlationId").asString()).isEqualTo("req-13");
		assertThat(problem.path("detail").asString()).doesNotContain("secret");
	}

	@Test
	void keepsTheRouteCacheBoundedUnderAFloodOfDistinctRoutingHeaders() {
		LambdaDispatcher dispatcher = dispatcher(null);
		String template = new String(apiGatewayEvent("hello", bytes(TEMPLATE_BODY)), StandardCharsets.UTF_8);
		int notFound = 0;
		for (int i = 0; i < 10_000; i++) {
			String route = (i % 2 == 0) ? "nope" + i : "hello";
			byte[] event = bytes(
					template.replace("\"headers\": {", "\"headers\": {\"x-fnbridge-function\": \"" + route + "\","));
			int status = this.mapper.readTree(dispatcher.dispatch(event, "req-" + i)).path("statusCode").asInt();
			notFound += (status == 404) ? 1 : 0;
		}

		// Single functions are resolved at start-up and definitions that do not resolve
		// are never kept: the flood leaves nothing in the cache.
		assertThat(notFound).isEqualTo(5_000);
		assertThat(dispatcher.cachedDefinitions()).isZero();
	}

	@Test
	void refusesAFunctionComposedWithItselfWith400() {
		for (String definition : new String[] { "hello,hello", "hello|hello" }) {
			JsonNode problem = problem(dispatcher("hello").dispatch(routedEvent(definition), "req-14"), 400);

			assertThat(problem.path("type").asString()).isEqualTo("urn:fnbridge:problem:invalid-input");
			assertThat(problem.path("detail").asString()).isEqualTo("A composition cannot use 'hello' twice");
		}
	}

	@Test
	void refusesACompositionWhoseTypesDoNotFitWith400() {
		JsonNode problem = problem(dispatcher("hello").dispatch(routedEvent("hello,repeat"), "req-15"), 400);

		assertThat(problem.path("type").asString()).isEqualTo("urn:fnbridge:problem:invalid-input");
		assertThat(problem.path("detail").asString())
			.isEqualTo("'hello' cannot feed 'repeat': it returns a string, not a JSON object");
	}

	@Test
	void answersARoutingHeaderNamingSpringCloudFunctionsRouterWith404() {
		JsonNode problem = problem(dispatcher("hello").dispatch(routedEvent("functionRouter"), "req-16"), 404);

		assertThat(problem.path("type").asString()).isEqualTo("urn:fnbridge:problem:function-not-found");
	}

	@Test
	void boundsTheProblemOfAnUnknownFunctionWithAHugeName() {
		byte[] response = dispatcher("hello").dispatch(routedEvent("n".repeat(65_536)), "req-17");

		assertThat(response.length).isLessThan(2_000);
		assertThat(problem(response, 404).path("detail").asString()).startsWith("No function named 'nnn").endsWith("…");
	}

	@Test
	void boundsAFunctionErrorNamingAHugeEventSource() {
		byte[] event = bytes("{\"eventSource\":\"aws:" + "x".repeat(65_536) + "\"}");

		assertThatExceptionOfType(LambdaFunctionError.InvalidInput.class)
			.isThrownBy(() -> dispatcher("hello").dispatch(event, "req-18"))
			.satisfies((error) -> assertThat(error.getMessage()).hasSizeLessThan(600).endsWith("…"));
	}

	private JsonNode problem(byte[] response, int status) {
		JsonNode proxy = this.mapper.readTree(response);
		assertThat(proxy.path("statusCode").asInt()).as(proxy.toString()).isEqualTo(status);
		assertThat(proxy.path("headers").path("Content-Type").asString()).isEqualTo("application/problem+json");
		return this.mapper.readTree(proxy.path("body").asString());
	}

	/** The {@code hello} event with an {@code x-fnbridge-function} header. */
	private static byte[] routedEvent(String definition) {
		String event = new String(apiGatewayEvent("hello", bytes(TEMPLATE_BODY)), StandardCharsets.UTF_8);
		return bytes(event.replace("\"headers\": {", "\"headers\": {\"x-fnbridge-function\": \"" + definition + "\","));
	}

	private static byte[] getEvent(String path) {
		return bytes("{\"version\":\"2.0\",\"rawPath\":\"" + path + "\",\"rawQueryString\":\"\",\"headers\":{},"
				+ "\"requestContext\":{\"http\":{\"method\":\"GET\",\"path\":\"" + path
				+ "\"}},\"isBase64Encoded\":false}");
	}

	@Test
	void turnsAnEnvelopesUnforeseenFailureIntoAFunctionErrorWithoutItsMessage() {
		LambdaDispatcher dispatcher = failingDispatcher(new IllegalStateException("secret connection string"));

		assertThatExceptionOfType(LambdaFunctionError.UnexpectedError.class)
			.isThrownBy(() -> dispatcher.dispatch(bytes("{}"), "req-20"))
			.satisfies((error) -> assertThat(error.getMessage()).doesNotContain("secret"))
			.satisfies((error) -> assertThat(error.getStackTrace()).isEmpty());
	}

	@Test
	void turnsAnEnvelopesReadErrorOfAnEventFieldIntoInvalidInputWithoutJavaNames() {
		RuntimeException readError = org.assertj.core.api.Assertions
			.catchRuntimeException(() -> tools.jackson.databind.node.StringNode.valueOf("zero").asInt());
		LambdaDispatcher dispatcher = failingDispatcher(readError);

		assertThatExceptionOfType(LambdaFunctionError.InvalidInput.class)
			.isThrownBy(() -> dispatcher.dispatch(bytes("{}"), "req-21"))
			.withMessage("The event's fields do not have the shape of its event source");
	}

	/** A dispatcher whose one envelope fails as no envelope should. */
	private LambdaDispatcher failingDispatcher(RuntimeException failure) {
		LambdaEnvelope failing = new LambdaEnvelope() {

			@Override
			public boolean accepts(JsonNode event) {
				return true;
			}

			@Override
			public byte[] handle(JsonNode event, byte[] eventBytes, InvocationContext context) {
				throw failure;
			}

		};
		return new LambdaDispatcher(this.mapper, new LambdaInvoker(this.catalog, this.pipeline, null, null),
				new LambdaEnvelopes(java.util.List.of(failing)));
	}

	private LambdaDispatcher dispatcher(String definition) {
		return new LambdaDispatcher(this.catalog, this.mapper, this.pipeline, null, definition);
	}

	private static byte[] apiGatewayEvent(String function, byte[] body) {
		return event("apigw-v2-hello.json", function, body);
	}

	/**
	 * An event of {@code events/}, posted to {@code /<function>}, with the body string's
	 * content (as it stands between the quotes) replaced.
	 */
	private static byte[] event(String file, String function, byte[] body) {
		String template;
		try (InputStream in = LambdaDispatcherTests.class.getResourceAsStream("/events/" + file)) {
			template = new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("/hello", "/" + function);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		int at = template.indexOf(TEMPLATE_BODY);
		return concat(bytes(template.substring(0, at)), body, bytes(template.substring(at + TEMPLATE_BODY.length())));
	}

	private static byte[] concat(byte[]... parts) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		for (byte[] part : parts) {
			out.writeBytes(part);
		}
		return out.toByteArray();
	}

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	/** The payload of {@code hello} and {@code large}. */
	record HelloRequest(String name) {
	}

	/** The payload of {@code repeat}. */
	record Repetition(String text, int times) {
	}

	@SpringBootConfiguration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class Functions {

		@Bean
		Function<HelloRequest, String> hello() {
			return (request) -> "Hello, " + request.name() + "!";
		}

		/** About 6.5 MB of text, whatever the input. */
		@Bean
		Function<HelloRequest, String> large() {
			return (request) -> "a".repeat(6_500_000);
		}

		/** Fails with a message the caller must never see. */
		@Bean
		Function<HelloRequest, String> boom() {
			return (request) -> {
				throw new IllegalStateException("secret connection string");
			};
		}

		@Bean
		Function<Repetition, String> repeat() {
			return (repetition) -> repetition.text().repeat(repetition.times());
		}

	}

}

package dev.fnbridge.http;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest(classes = TestFunctionsApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT)
@ExtendWith(OutputCaptureExtension.class)
class FunctionHttpAdapterTests {

	private static final String JSON = "application/json";

	private static final String PROBLEM = "application/problem+json";

	private final HttpClient http = HttpClient.newHttpClient();

	private final JsonMapper json = JsonMapper.builder().build();

	@LocalServerPort
	private int port;

	@Test
	void answersJsonForAValidRequest() throws Exception {
		HttpResponse<String> response = post("/describe", JSON, "{\"name\":\"Ada\",\"age\":36}");

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Type")).hasValue(JSON);
		assertThat(response.body()).isEqualTo("\"Ada is 36\"");
	}

	@Test
	void readsTextBodiesAsTheyAreForStringFunctions() throws Exception {
		assertThat(post("/shout", "text/plain", "quiet please").body()).isEqualTo("\"QUIET PLEASE\"");
		assertThat(post("/shout", JSON, "\"json text\"").body()).isEqualTo("\"JSON TEXT\"");
	}

	@Test
	void rejectsMalformedJsonWithAProblemNamingTheLocation() throws Exception {
		HttpResponse<String> response = post("/describe", JSON, "{\"name\": \"Ada\",");

		JsonNode problem = problem(response, 400);
		assertThat(problem.path("type").asString()).isEqualTo("urn:fnbridge:problem:invalid-input");
		assertThat(problem.path("title").asString()).isEqualTo("Invalid input");
		assertThat(problem.path("detail").asString()).startsWith("Malformed JSON at line 1");
		assertThat(problem.path("function").asString()).isEqualTo("describe");
	}

	@Test
	void rejectsAJsonArraySentToAnObjectFunction() throws Exception {
		JsonNode problem = problem(post("/describe", JSON, "[{\"name\":\"Ada\"}]"), 400);

		assertThat(problem.path("detail").asString()).isEqualTo("The input must be a JSON object");
	}

	@Test
	void rejectsAWrongFieldTypeNamingTheFieldButNoJavaType() throws Exception {
		HttpResponse<String> response = post("/describe", JSON, "{\"name\":\"Ada\",\"age\":\"old\"}");

		JsonNode problem = problem(response, 400);
		assertThat(problem.path("errors").get(0).path("field").asString()).isEqualTo("age");
		assertThat(problem.path("errors").get(0).path("message").asString()).isEqualTo("Expected a whole number");
		assertThat(response.body()).doesNotContain("dev.fnbridge", "Person", "java.");
	}

	@Test
	void rejectsAnEmptyBody() throws Exception {
		JsonNode problem = problem(post("/describe", JSON, ""), 400);

		assertThat(problem.path("detail").asString()).isEqualTo("A JSON payload is required");
	}

	@Test
	void rejectsAJsonNullBody() throws Exception {
		JsonNode problem = problem(post("/describe", JSON, "null"), 400);

		assertThat(problem.path("detail").asString()).contains("not null");
	}

	@Test
	void rejectsAnUnsupportedMediaType() throws Exception {
		JsonNode problem = problem(post("/describe", "application/x-www-form-urlencoded", "name=Ada"), 415);

		assertThat(problem.path("type").asString()).isEqualTo("urn:fnbridge:problem:unsupported-media-type");
	}

	@Test
	void rejectsADeclaredBodyOverTheLimitWithoutReadingIt() throws Exception {
		JsonNode problem = problem(post("/shout", "text/plain", "x".repeat(2048)), 413);

		assertThat(problem.path("type").asString()).isEqualTo("urn:fnbridge:problem:payload-too-large");
	}

	@Test
	void rejectsAChunkedBodyOverTheLimit() throws Exception {
		byte[] body = ("\"" + "x".repeat(4096) + "\"").getBytes();
		BodyPublisher chunked = BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body));

		HttpResponse<String> response = send(request("/shout").header("Content-Type", JSON).POST(chunked));

		problem(response, 413);
	}

	@Test
	void acceptsABodyJustUnderTheLimit() throws Exception {
		String text = "y".repeat(1000);

		assertThat(post("/shout", "text/plain", text).statusCode()).isEqualTo(200);
	}

	@Test
	void answers404ForAnUnknownFunction() throws Exception {
		JsonNode problem = problem(post("/nope", JSON, "{}"), 404);

		assertThat(problem.path("type").asString()).isEqualTo("urn:fnbridge:problem:function-not-found");
		assertThat(problem.path("detail").asString()).isEqualTo("No function named 'nope'");
	}

	@Test
	void answers404NamingTheUnknownElementOfAComposition() throws Exception {
		JsonNode problem = problem(post("/describe,nope", JSON, "{\"name\":\"Ada\",\"age\":1}"), 404);

		assertThat(problem.path("detail").asString()).isEqualTo("No function named 'nope' in 'describe,nope'");
	}

	@Test
	void answers400ForAFunctionComposedWithItself() throws Exception {
		for (String path : new String[] { "/shout,shout", "/shout%7Cshout", "/events/shout,shout" }) {
			JsonNode problem = problem(post(path, JSON, "\"a\""), 400);

			assertThat(problem.path("type").asString()).isEqualTo("urn:fnbridge:problem:invalid-input");
			assertThat(problem.path("detail").asString()).isEqualTo("A composition cannot use 'shout' twice");
		}
	}

	@Test
	void answers400ForFunctionsWhoseTypesDoNotCompose() throws Exception {
		JsonNode problem = problem(post("/shout,describe", JSON, "\"a\""), 400);

		assertThat(problem.path("detail").asString())
			.isEqualTo("'shout' cannot feed 'describe': it returns a string, not a JSON object");
		assertThat(problem(post("/record,shout", JSON, "{}"), 400).path("detail").asString())
			.isEqualTo("'record' cannot feed 'shout': it returns nothing");
	}

	@Test
	void answers400ForACompositionOverTheLengthLimit() throws Exception {
		String thousand = String.join(",", java.util.Collections.nCopies(1000, "shout"));

		assertThat(problem(post("/" + thousand, JSON, "\"a\""), 400).path("detail").asString())
			.startsWith("A composition has at most 16 functions");
	}

	@Test
	void answersTheErrorPathItselfWith404ProblemJson() throws Exception {
		for (HttpResponse<String> response : java.util.List.of(get("/error"), post("/error", JSON, "{}"))) {
			assertThat(response.statusCode()).isEqualTo(404);
			assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
			assertThat(this.json.readTree(response.body()).path("type").asString())
				.isEqualTo("urn:fnbridge:problem:function-not-found");
		}
	}

	@Test
	void composesFunctionsJoinedByCommaOrPipe() throws Exception {
		String body = "{\"name\":\"Ada\",\"age\":36}";

		assertThat(post("/describe,shout", JSON, body).body()).isEqualTo("\"ADA IS 36\"");
		assertThat(post("/describe%7Cshout", JSON, body).body()).isEqualTo("\"ADA IS 36\"");
	}

	@Test
	void turnsAFunctionsValidationErrorInto400WithItsViolations() throws Exception {
		JsonNode problem = problem(post("/reject", JSON, "{\"name\":\"Ada\",\"age\":-1}"), 400);

		assertThat(problem.path("errors").get(0).path("field").asString()).isEqualTo("age");
		assertThat(problem.path("errors").get(0).path("message").asString()).isEqualTo("must be positive");
	}

	@Test
	void hidesAnUnexpectedFailureBehindACorrelationIdThatIsLogged(CapturedOutput output) throws Exception {
		HttpResponse<String> response = post("/boom", JSON, "{\"name\":\"Ada\",\"age\":1}");

		JsonNode problem = problem(response, 500);
		String correlationId = problem.path("correlationId").asString();
		assertThat(correlationId).isNotBlank();
		assertThat(response.headers().firstValue("X-Correlation-Id")).hasValue(correlationId);
		assertThat(response.body()).doesNotContain("hunter2", "IllegalStateException", "at dev.");
		assertThat(output.getOut() + output.getErr()).contains(correlationId).contains("hunter2");
	}

	@Test
	void answersTheCoreProblemDocumentWithItsMembersInOrder() throws Exception {
		JsonNode problem = problem(post("/busy", JSON, "{\"name\":\"Ada\",\"age\":1}"), 503);

		// The document Lambda answers HTTP events with (core ProblemDocument), member
		// for member.
		assertThat(problem.propertyNames()).containsExactly("type", "title", "status", "detail", "instance", "function",
				"correlationId");
		assertThat(problem.path("instance").asString()).isEqualTo("/busy");
		assertThat(problem.path("function").asString()).isEqualTo("busy");
	}

	@Test
	void answers503ForATransientFailure() throws Exception {
		JsonNode problem = problem(post("/busy", JSON, "{\"name\":\"Ada\",\"age\":1}"), 503);

		assertThat(problem.path("type").asString()).isEqualTo("urn:fnbridge:problem:transient-failure");
	}

	@Test
	void answersAUsersExceptionAsItsMapperSays() throws Exception {
		JsonNode problem = problem(post("/reserve", JSON, "{\"name\":\"Lamp\",\"age\":1}"), 400);

		assertThat(problem.path("type").asString()).isEqualTo("urn:fnbridge:problem:invalid-input");
		assertThat(problem.path("detail").asString()).isEqualTo("Lamp is out of stock");
	}

	@Test
	void answers204WhenAFunctionReturnsNothingAnd202ForAConsumer() throws Exception {
		assertThat(post("/nothing", JSON, "{\"name\":\"Ada\",\"age\":1}").statusCode()).isEqualTo(204);
		assertThat(post("/record", JSON, "{\"name\":\"Grace\",\"age\":85}").statusCode()).isEqualTo(202);
		assertThat(TestFunctionsApplication.recorded).contains(new TestFunctionsApplication.Person("Grace", 85));
	}

	@Test
	void servesSuppliersOnGetOnly() throws Exception {
		assertThat(get("/motto").body()).isEqualTo("\"keep it small\"");
		JsonNode problem = problem(post("/motto", JSON, "{}"), 405);
		assertThat(problem.path("type").asString()).isEqualTo("urn:fnbridge:problem:method-not-allowed");
	}

	@Test
	void answersNotFoundForEventsToASupplierWhichTakesNoInput() throws Exception {
		JsonNode problem = problem(post("/events/motto", JSON, "{}"), 404);

		assertThat(problem.path("detail").asString())
			.isEqualTo("'motto' takes no events: it is not bound to an input topic");
	}

	@Test
	void bindsAPathArgumentToTextNumbersAndSingleFieldRecords() throws Exception {
		assertThat(get("/shout/abc").body()).isEqualTo("\"ABC\"");
		assertThat(get("/twice/21").body()).isEqualTo("42");
		assertThat(get("/greet/Ada%20Lovelace").body()).isEqualTo("\"Hi Ada Lovelace\"");
	}

	@Test
	void rejectsPathArgumentsThatDoNotFit() throws Exception {
		assertThat(problem(get("/twice/many"), 400).path("detail").asString())
			.isEqualTo("The path argument must be a whole number");
		assertThat(problem(get("/describe/Ada"), 400).path("detail").asString())
			.contains("send it as a JSON body with POST");
	}

	@Test
	void neverEchoesRequestHeadersExceptThoseAllowed() throws Exception {
		HttpResponse<String> response = send(request("/describe").header("Content-Type", JSON)
			.header("X-Secret", "s3cr3t")
			.header("X-Request-Id", "req-42")
			.POST(BodyPublishers.ofString("{\"name\":\"Ada\",\"age\":1}")));

		assertThat(response.headers().map().keySet()).noneMatch((name) -> name.equalsIgnoreCase("X-Secret"));
		assertThat(response.headers().map().values()).noneMatch((values) -> values.contains("s3cr3t"));
		assertThat(response.headers().firstValue("X-Request-Id")).hasValue("req-42");
	}

	@Test
	void listsEveryFunctionWithItsPathAndTypes() throws Exception {
		JsonNode functions = this.json.readTree(get("/functions").body());

		assertThat(functions.valueStream().map((function) -> function.path("name").asString()))
			.contains("describe", "shout", "motto", "record")
			.doesNotContain("functionRouter");
		JsonNode describe = functions.valueStream()
			.filter((node) -> node.path("name").asString().equals("describe"))
			.findFirst()
			.orElseThrow();
		assertThat(describe.path("path").asString()).isEqualTo("/describe");
		assertThat(describe.path("inputType").asString()).isEqualTo("TestFunctionsApplication.Person");
		assertThat(describe.path("outputType").asString()).isEqualTo("String");
		assertThat(describe.path("inputSchema").path("type").asString()).isEqualTo("object");
		assertThat(describe.path("inputSchema").path("properties").has("age")).isTrue();
		assertThat(describe.path("outputSchema").path("type").asString()).isEqualTo("string");
	}

	@Test
	void tagsRequestMetricsWithTheFunction() throws Exception {
		post("/describe", JSON, "{\"name\":\"Ada\",\"age\":1}");
		post("/reject", JSON, "{\"name\":\"Ada\",\"age\":1}");

		String scrape = get("/actuator/prometheus").body();

		assertThat(scrape).containsPattern("http_server_requests_seconds_count\\{[^}]*function=\"describe\"");
		assertThat(scrape).containsPattern("fnbridge_function_invocations_seconds_count\\{error_type=\"invalid-input\","
				+ "function=\"reject\",outcome=\"client_error\",transport=\"http\"}");
	}

	private JsonNode problem(HttpResponse<String> response, int status) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
		assertThat(response.headers().firstValue("Content-Type")).hasValue(PROBLEM);
		JsonNode problem = this.json.readTree(response.body());
		assertThat(problem.path("status").asInt()).isEqualTo(status);
		assertThat(problem.path("title").asString()).isNotBlank();
		assertThat(response.body()).doesNotContain("Exception", "\tat ", "trace");
		return problem;
	}

	private HttpResponse<String> post(String path, String contentType, String body)
			throws IOException, InterruptedException {
		return send(request(path).header("Content-Type", contentType).POST(BodyPublishers.ofString(body)));
	}

	private HttpResponse<String> get(String path) throws IOException, InterruptedException {
		return send(request(path).GET());
	}

	private HttpRequest.Builder request(String path) {
		return HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path));
	}

	private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
		return this.http.send(request.build(), BodyHandlers.ofString());
	}

}

package dev.fnbridge.app;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The application as a user meets it over HTTP, with its real configuration.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "fnbridge.kafka.enabled=false")
class ApplicationHttpTests {

	private static final String PIPELINE = "/validateReading,enrichReading,detectAnomaly";

	private final HttpClient http = HttpClient.newHttpClient();

	private final JsonMapper json = JsonMapper.builder().build();

	@LocalServerPort
	private int port;

	@Test
	void greetsByNameAndDefaultsToWorld() throws Exception {
		assertThat(post("/hello", "{\"name\":\"Ada\"}").body()).isEqualTo("\"Hello, Ada!\"");
		assertThat(post("/hello", "{}").body()).isEqualTo("\"Hello, World!\"");
		assertThat(get("/hello/Ada").body()).isEqualTo("\"Hello, Ada!\"");
	}

	@Test
	void answersAnAlertWhenTheTelemetryPipelineSeesAThresholdCrossed() throws Exception {
		HttpResponse<String> response = post(PIPELINE, reading("sensor-1", "\"temperature\"", "75", "C"));

		assertThat(response.statusCode()).isEqualTo(200);
		JsonNode alert = this.json.readTree(response.body());
		assertThat(alert.path("condition").asString()).isEqualTo("above-max");
		assertThat(alert.path("site").asString()).isEqualTo("plant-a");
		assertThat(alert.path("deviceId").asString()).isEqualTo("sensor-1");
	}

	@Test
	void answersNoContentWhenTheReadingIsNormal() throws Exception {
		HttpResponse<String> response = post(PIPELINE, reading("sensor-1", "\"temperature\"", "21", "C"));

		assertThat(response.statusCode()).isEqualTo(204);
		assertThat(response.body()).isEmpty();
	}

	@Test
	void rejectsAnInvalidReadingListingEachViolation() throws Exception {
		String body = """
				{"deviceId":"sensor-1","type":"humidity","value":140,"unit":"C","timestamp":"2999-01-01T00:00:00Z"}
				""";

		HttpResponse<String> response = post(PIPELINE, body);

		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		JsonNode problem = this.json.readTree(response.body());
		assertThat(problem.path("errors").findValuesAsString("field")).containsExactlyInAnyOrder("unit", "timestamp");
	}

	@Test
	void rejectsAnUnknownDeviceInThePipeline() throws Exception {
		HttpResponse<String> response = post(PIPELINE, reading("sensor-404", "\"co2\"", "400", "ppm"));

		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(response.body()).contains("unknown device 'sensor-404'");
	}

	@Test
	void summarizesABatchOfReadings() throws Exception {
		String batch = "[" + reading("sensor-1", "\"co2\"", "400", "ppm") + ","
				+ reading("sensor-1", "\"co2\"", "600", "ppm") + "]";

		JsonNode summaries = this.json.readTree(post("/summarizeReadings", batch).body());

		assertThat(summaries).hasSize(1);
		assertThat(summaries.get(0).path("mean").asDouble()).isEqualTo(500);
		assertThat(summaries.get(0).path("count").asInt()).isEqualTo(2);
	}

	@Test
	void answersTransportErrorsAsTypedProblemsToo() throws Exception {
		HttpResponse<String> response = this.http.send(
				request("/hello").header("Content-Type", "text/plain").POST(BodyPublishers.ofString("Ada")).build(),
				BodyHandlers.ofString());

		assertThat(response.statusCode()).isEqualTo(415);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		assertThat(this.json.readTree(response.body()).path("type").asString())
			.isEqualTo("urn:fnbridge:problem:unsupported-media-type");
	}

	@Test
	void checksAnEventAgainstTheFunctionsInputBeforePublishingIt() throws Exception {
		HttpResponse<String> response = post("/events" + PIPELINE, "{\"deviceId\":\"sensor-1\",\"value\":\"hot\"}");

		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		assertThat(this.json.readTree(response.body()).path("errors").findValuesAsString("field")).contains("value");
	}

	@Test
	void answersNotFoundForEventsToAFunctionWithoutInputTopic() throws Exception {
		// Kafka is off in this test: no function is bound to a topic.
		HttpResponse<String> unbound = post("/events/hello", "{\"name\":\"Ada\"}");
		HttpResponse<String> unknown = post("/events/nope", "{}");

		assertThat(unbound.statusCode()).isEqualTo(404);
		assertThat(this.json.readTree(unbound.body()).path("detail").asString())
			.isEqualTo("'hello' takes no events: it is not bound to an input topic");
		assertThat(unknown.statusCode()).isEqualTo(404);
		assertThat(unknown.body()).contains("No function named 'nope'");
	}

	@Test
	void listsTheSixFunctions() throws Exception {
		JsonNode functions = this.json.readTree(get("/functions").body());

		assertThat(functions.valueStream().map((function) -> function.path("name").asString())).containsExactly(
				"detectAnomaly", "enrichReading", "hello", "notifyOwner", "summarizeReadings", "validateReading");
	}

	@Test
	void describesEachInputWithTheConstraintsTheFrameworkChecks() throws Exception {
		JsonNode reading = this.json.readTree(get("/functions").body())
			.valueStream()
			.filter((function) -> function.path("name").asString().equals("validateReading"))
			.findFirst()
			.orElseThrow()
			.path("inputSchema");

		assertThat(reading.path("properties").path("deviceId").path("maxLength").asInt()).isEqualTo(128);
		assertThat(reading.path("properties").path("timestamp").path("format").asString()).isEqualTo("date-time");
		assertThat(reading.path("required").valueStream().map(JsonNode::asString)).contains("deviceId", "type", "value",
				"unit", "timestamp");
	}

	@Test
	void rejectsMissingFieldsOfAReadingBeforeTheFunctionRuns() throws Exception {
		HttpResponse<String> response = post("/validateReading",
				"{\"deviceId\":\" \",\"type\":\"co2\",\"unit\":\"ppm\"}");

		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		assertThat(this.json.readTree(response.body())
			.path("errors")
			.valueStream()
			.map((error) -> error.path("field").asString()))
			.containsExactlyInAnyOrder("deviceId", "timestamp", "value");
	}

	@Test
	void exposesOnlyHealthInfoAndPrometheus() throws Exception {
		assertThat(get("/actuator/health").statusCode()).isEqualTo(200);
		assertThat(get("/actuator/prometheus").statusCode()).isEqualTo(200);
		assertThat(get("/actuator/info").statusCode()).isEqualTo(200);
		assertThat(get("/actuator/env").statusCode()).isEqualTo(404);
		assertThat(get("/actuator/beans").statusCode()).isEqualTo(404);
		assertThat(get("/actuator/heapdump").statusCode()).isEqualTo(404);
	}

	private static String reading(String deviceId, String type, String value, String unit) {
		return """
				{"deviceId":"%s","type":%s,"value":%s,"unit":"%s","timestamp":"%s"}""".formatted(deviceId, type, value,
				unit, Instant.now().minusSeconds(60));
	}

	private HttpResponse<String> post(String path, String body) throws IOException, InterruptedException {
		return this.http.send(
				request(path).header("Content-Type", "application/json").POST(BodyPublishers.ofString(body)).build(),
				BodyHandlers.ofString());
	}

	private HttpResponse<String> get(String path) throws IOException, InterruptedException {
		return this.http.send(request(path).GET().build(), BodyHandlers.ofString());
	}

	private HttpRequest.Builder request(String path) {
		return HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path));
	}

}

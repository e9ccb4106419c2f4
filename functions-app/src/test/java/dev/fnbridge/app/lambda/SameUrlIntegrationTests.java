package dev.fnbridge.app.lambda;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The same request means the same thing over HTTP and behind API Gateway: each request
 * goes to the running application and, as an API Gateway HTTP API event, to the packaged
 * zip serving every function (no SPRING_CLOUD_FUNCTION_DEFINITION); status, content type
 * and body must be equal (a problem's correlation id aside, which is per request).
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "fnbridge.kafka.enabled=false")
class SameUrlIntegrationTests extends LambdaEnvironment {

	private static final String HIGH_READING = "{\"deviceId\":\"sensor-1\",\"type\":\"temperature\",\"value\":99.5,"
			+ "\"unit\":\"C\",\"timestamp\":\"2026-01-01T00:00:00Z\"}";

	private final HttpClient http = HttpClient.newHttpClient();

	@LocalServerPort
	private int port;

	@Override
	Map<String, String> environment() {
		return Map.of();
	}

	static Stream<Request> requests() {
		return Stream.of(new Request("GET", "/hello/Ada", null, null),
				new Request("GET", "/hello/Ada%20Lovelace", null, null), new Request("GET", "/nope/Ada", null, null),
				new Request("POST", "/hello", "application/json", "{\"name\":\"Ada\"}"),
				new Request("POST", "/hello", "application/json; charset=UTF-8", "{}"),
				new Request("POST", "/hello", null, "{\"name\":\"Grace\"}"),
				new Request("POST", "/hello", "application/json", null),
				new Request("POST", "/hello", "application/json", "{\"name\":"),
				new Request("POST", "/hello", "application/json", "[]"),
				new Request("POST", "/hello", "application/json", "{\"name\":42}"),
				new Request("POST", "/hello", "application/xml", "<name>Ada</name>"),
				new Request("POST", "/hello", "text/plain", "Ada"), new Request("POST", "/hello", "not a type", "{}"),
				new Request("POST", "/validateReading,enrichReading,detectAnomaly", "application/json", HIGH_READING),
				new Request("POST", "/validateReading", "application/json", HIGH_READING.replace("99.5", "\"hot\"")),
				new Request("POST", "/validateReading", "application/json",
						HIGH_READING.replace("\"C\"", "null").replace("sensor-1", "")),
				new Request("POST", "/validateReading", "application/json",
						HIGH_READING.replace("sensor-1", "sensor-unknown")),
				new Request("POST", "/nope", "application/json", "{}"),
				new Request("POST", "/hello,nope", "application/json", "{}"),
				new Request("POST", "/hello,hello", "application/json", "{}"),
				new Request("POST", "/" + "hello,".repeat(300) + "hello", "application/json", "{}"));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("requests")
	void answersTheSameOverHttpAndBehindApiGateway(Request request) throws Exception {
		Answer overHttp = overHttp(request);
		Answer behindApiGateway = behindApiGateway(request);

		assertThat(behindApiGateway).as("behind API Gateway vs over HTTP").isEqualTo(overHttp);
	}

	private Answer overHttp(Request request) throws Exception {
		HttpRequest.Builder builder = HttpRequest
			.newBuilder(URI.create("http://localhost:" + this.port + request.path()))
			.method(request.method(),
					(request.body() != null) ? BodyPublishers.ofString(request.body()) : BodyPublishers.noBody());
		if (request.contentType() != null) {
			builder.header("Content-Type", request.contentType());
		}
		HttpResponse<String> response = this.http.send(builder.build(), BodyHandlers.ofString());
		return answer(response.statusCode(), response.headers().firstValue("Content-Type").orElse(null),
				response.body());
	}

	private Answer behindApiGateway(Request request) throws Exception {
		ObjectNode event = this.json.createObjectNode();
		event.put("version", "2.0")
			.put("routeKey", "$default")
			.put("rawPath", request.path())
			.put("rawQueryString", "");
		ObjectNode headers = event.putObject("headers");
		if (request.contentType() != null) {
			headers.put("content-type", request.contentType());
		}
		event.putObject("requestContext")
			.put("requestId", "same-url")
			.put("stage", "$default")
			.putObject("http")
			.put("method", request.method())
			.put("path", request.path());
		if (request.body() != null) {
			event.put("body", request.body());
		}
		event.put("isBase64Encoded", false);
		JsonNode response = ok(invokeRaw(this.json.writeValueAsString(event)));
		return answer(response.path("statusCode").asInt(), response.path("headers").path("Content-Type").asString(null),
				response.path("body").asString(null));
	}

	private Answer answer(int status, String contentType, String body) {
		if (body == null || body.isEmpty()) {
			return new Answer(status, contentType, null);
		}
		JsonNode json = this.json.readTree(body);
		if (json instanceof ObjectNode problem) {
			// Per request, and the header it is repeated in is the transport's own.
			problem.remove("correlationId");
		}
		return new Answer(status, contentType, json);
	}

	/**
	 * A request as a caller makes it.
	 *
	 * @param method the method
	 * @param path the raw path
	 * @param contentType the declared content type, or {@code null}
	 * @param body the body, or {@code null}
	 */
	record Request(String method, String path, String contentType, String body) {

		@Override
		public String toString() {
			String shown = (this.path.length() > 60) ? this.path.substring(0, 60) + "…" : this.path;
			return this.method + " " + shown + ((this.contentType != null) ? " (" + this.contentType + ")" : "")
					+ ((this.body != null) ? " " + this.body.substring(0, Math.min(this.body.length(), 40)) : "");
		}

	}

	/**
	 * What came back.
	 *
	 * @param status the status
	 * @param contentType the content type
	 * @param body the body as JSON, or {@code null}
	 */
	record Answer(int status, String contentType, JsonNode body) {
	}

}

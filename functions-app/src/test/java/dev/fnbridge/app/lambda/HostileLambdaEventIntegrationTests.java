package dev.fnbridge.app.lambda;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.stream.Stream;

import dev.fnbridge.lambda.local.InvocationResult;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Hostile events fed to the packaged zip in one execution environment (one runtime client
 * process), each followed by a valid API Gateway event that must still be greeted:
 * malformed and oddly shaped bodies, numbers out of range, bytes that are not UTF-8, bad
 * base64, unknown and impossible compositions, header floods and forged headers,
 * responses over Lambda's and the ALB's limits, unsupported event shapes, batches mixing
 * poison and valid records, deep nesting. A client's mistake is never a 5xx nor a
 * server-side function error; every error behind an HTTP event source is a small
 * {@code application/problem+json} body; no response names a Java class or shows a stack
 * trace.
 */
class HostileLambdaEventIntegrationTests extends LambdaEnvironment {

	/** The largest error document any hostile event may get back. */
	private static final int MAX_ERROR_BODY = 16 * 1024;

	private static final String PROBLEM = "urn:fnbridge:problem:";

	private static final String FUNCTION_ERROR = "dev.fnbridge.lambda.LambdaFunctionError$";

	/** An overlong encoding of '/': lenient decoders read it as '/'. */
	private static final byte[] OVERLONG_SLASH = { (byte) 0xC0, (byte) 0xAF };

	/** A lone high surrogate (U+D800) encoded as if it were a character. */
	private static final byte[] LONE_SURROGATE = { (byte) 0xED, (byte) 0xA0, (byte) 0x80 };

	private final Tally tally = new Tally();

	@Override
	Map<String, String> environment() {
		// One function pinned, so the batch sources have a function to feed; the routing
		// header still selects any other.
		return Map.of("SPRING_CLOUD_FUNCTION_DEFINITION", "hello");
	}

	@TestFactory
	Stream<DynamicTest> answersEveryHostileEventAsAClientMistakeAndKeepsServing() throws IOException {
		List<Case> cases = cases();
		assertThat(cases).hasSizeGreaterThanOrEqualTo(30);
		return cases.stream().map((hostile) -> DynamicTest.dynamicTest(hostile.name(), () -> {
			try {
				run(hostile);
			}
			catch (AssertionError ex) {
				// Dynamic tests' names do not reach every report: say which case failed.
				throw new AssertionError(hostile.name() + ": " + ex.getMessage(), ex);
			}
		}));
	}

	@AfterAll
	void printSummary() {
		System.out.println(this.tally.summary());
	}

	private void run(Case hostile) throws IOException, TimeoutException {
		InvocationResult result = this.tally.send(hostile.event());
		assertThat(result.body()).as("no Java names or stack traces")
			.doesNotContain("Exception")
			.doesNotContain("at dev.")
			.doesNotContain("java.");
		if (result.error()) {
			assertThat(result.body().length()).as("error document size").isLessThanOrEqualTo(MAX_ERROR_BODY);
			JsonNode error = this.json.readTree(result.body());
			assertThat(error.path("errorType").asString()).as(result.body()).startsWith(FUNCTION_ERROR);
			assertThat(error.path("errorType").asString()).as("a client mistake is no server-side error")
				.isIn(FUNCTION_ERROR + "InvalidInput", FUNCTION_ERROR + "FunctionNotFound",
						FUNCTION_ERROR + "PayloadTooLarge");
		}
		else if (hostile.http()) {
			JsonNode response = this.json.readTree(result.body());
			int status = response.path("statusCode").asInt();
			assertThat(status).as(result.body()).isBetween(200, 499);
			if (status >= 400) {
				assertThat(result.body().length()).as("error response size").isLessThanOrEqualTo(MAX_ERROR_BODY);
				assertThat(contentType(response)).isEqualTo("application/problem+json");
				JsonNode problem = this.json.readTree(response.path("body").asString());
				assertThat(problem.path("type").asString()).startsWith(PROBLEM);
				assertThat(problem.path("status").asInt()).isEqualTo(status);
			}
		}
		hostile.check().accept(result);

		InvocationResult valid = this.tally.send(event("apigw-v2-hello.json"));
		JsonNode greeting = ok(valid);
		assertThat(greeting.path("statusCode").asInt()).as("the valid event after it").isEqualTo(200);
		assertThat(greeting.path("body").asString()).as("the valid event after it").isEqualTo("\"Hello, Ada!\"");
	}

	private List<Case> cases() throws IOException {
		List<Case> cases = new ArrayList<>();
		// Malformed and truncated JSON bodies.
		cases.add(http("truncated JSON body", v2("{\"name\":\"Ad"), 400, "invalid-input"));
		cases.add(http("JSON body cut inside an escape", v2("{\"name\":\"\\u00"), 400, "invalid-input"));
		cases.add(http("body that is no JSON at all", v2("name=Ada&x=<script>"), 400, "invalid-input"));
		cases.add(http("trailing garbage after the JSON", v2("{\"name\":\"Ada\"}}}]"), 400, "invalid-input"));
		// Wrong shapes.
		cases.add(http("array where an object is expected", v2("[{\"name\":\"Ada\"}]"), 400, "invalid-input"));
		cases.add(http("string where an object is expected", v2("\"Ada\""), 400, "invalid-input"));
		cases.add(http("object for a text field", v2("{\"name\":{\"first\":\"Ada\"}}"), 400, "invalid-input"));
		cases.add(http("number into a text field", v2("{\"name\":42}"), 400, "invalid-input",
				(problem) -> assertThat(problem.path("errors").findValuesAsString("field")).containsExactly("name")));
		cases.add(http("string where a number is expected",
				withRoute(v2Event(reading("\"hot\"", "\"2026-01-01T10:00:00Z\"")), "validateReading"), 400,
				"invalid-input",
				(problem) -> assertThat(problem.path("errors").findValuesAsString("field")).contains("value")));
		// JSON null and empty bodies.
		cases.add(http("JSON null body", v2("null"), 400, "invalid-input"));
		cases.add(http("empty body", v2(""), 400, "invalid-input"));
		cases.add(http("white space body", v2(" \n\t "), 400, "invalid-input"));
		cases.add(http("no body", write(without(v2Event("x"), "body")), 400, "invalid-input"));
		cases.add(http("body that is an object, not a string",
				write(v2Event("x").set("body", this.json.readTree("{\"name\":\"Ada\"}"))), 400, "invalid-input"));
		cases.add(http("API Gateway REST API body of the wrong shape", v1("[1,2,3]"), 400, "invalid-input"));
		// Numbers out of range.
		cases.add(http("1e400 for a number",
				withRoute(v2Event(reading("1e400", "\"2026-01-01T10:00:00Z\"")), "validateReading"), 400,
				"invalid-input"));
		cases.add(http("1e300 for a timestamp", withRoute(v2Event(reading("21", "1e300")), "validateReading"), 400,
				"invalid-input",
				(problem) -> assertThat(problem.path("errors").findValuesAsString("field")).contains("timestamp")));
		// Bytes that are not UTF-8, and bad base64.
		cases.add(http("overlong UTF-8 (C0 AF) in a base64 body",
				v2Base64(concat(bytes("{\"name\":\"a"), OVERLONG_SLASH, bytes("b\"}"))), 400, "invalid-input"));
		cases.add(http("lone surrogate (ED A0 80) in a base64 body",
				v2Base64(concat(bytes("{\"name\":\"a"), LONE_SURROGATE, bytes("b\"}"))), 400, "invalid-input"));
		cases.add(new Case("lone surrogate as a JSON escape in a base64 body",
				v2Base64(bytes("{\"name\":\"\\ud800\"}")), true, (result) -> {
					JsonNode response = ok(result);
					// JSON may carry the escape; whatever the answer, it must still be
					// JSON.
					assertThat(response.path("statusCode").asInt()).isIn(200, 400);
					assertThat(this.json.readTree(response.path("body").asString()).isMissingNode()).isFalse();
				}));
		cases.add(http("body marked base64 that is not", write(v2Event("!!not*base64~~").put("isBase64Encoded", true)),
				400, "invalid-input"));
		// Unknown functions, impossible compositions.
		cases.add(http("unknown function in the routing header", withRoute(v2Event("{\"name\":\"Ada\"}"), "nope"), 404,
				"function-not-found"));
		cases
			.add(http("empty routing header", withRoute(v2Event("{\"name\":\"Ada\"}"), ""), 404, "function-not-found"));
		cases.add(http("unknown function with a 64 KB name in the routing header",
				withRoute(v2Event("{\"name\":\"Ada\"}"), "n".repeat(65_536)), 404, "function-not-found"));
		cases.add(http("routing header naming Spring Cloud Function's router",
				withRoute(v2Event("{\"name\":\"Ada\"}"), "functionRouter"), 404, "function-not-found"));
		cases.add(http("1,000-element composition in the routing header",
				withRoute(v2Event("{\"name\":\"Ada\"}"), String.join(",", Collections.nCopies(1000, "hello"))), 400,
				"invalid-input"));
		cases.add(http("self-composition hello,hello", withRoute(v2Event("{\"name\":\"Ada\"}"), "hello,hello"), 400,
				"invalid-input"));
		cases.add(http("self-composition hello|hello", withRoute(v2Event("{\"name\":\"Ada\"}"), "hello|hello"), 400,
				"invalid-input"));
		cases.add(http("type-mismatched composition hello,validateReading",
				withRoute(v2Event("{\"name\":\"Ada\"}"), "hello,validateReading"), 400, "invalid-input"));
		cases.add(http("composition with an unknown element", withRoute(v2Event("{\"name\":\"Ada\"}"), "hello,nope"),
				404, "function-not-found"));
		// The path selects nothing while the deployment pins a function: a hostile path
		// is still answered by the pinned function, never as a server error.
		cases.add(http("unknown function in the path", write(v2Event("{\"name\":\"Ada\"}").put("rawPath", "/nope")),
				"\"Hello, Ada!\""));
		cases.add(http("1,000-element composition in the path", write(v2Event("{\"name\":\"Ada\"}").put("rawPath",
				"/" + String.join(",", Collections.nCopies(1000, "hello")))), "\"Hello, Ada!\""));
		cases.add(http("64 KB path with a malformed body",
				write(v2Event("{\"name\":").put("rawPath", "/" + "p".repeat(65_536))), 400, "invalid-input"));
		cases.add(http("path argument with a broken percent escape", get("/hello/%ZZ"), 400, "invalid-input"));
		// Header floods and forged headers.
		cases.add(http("10,000 distinct headers", v2WithHeaders("{\"name\":\"Ada\"}", manyHeaders(10_000)),
				"\"Hello, Ada!\""));
		cases.add(http("forged fnbridge, correlation and Spring Cloud Function headers",
				v2WithHeaders("{\"name\":\"Ada\"}", forgedHeaders()), "\"Hello, Ada!\"",
				(response) -> assertThat(response.toString()).doesNotContain("forged")
					.doesNotContainIgnoringCase("x-correlation-id")));
		cases.add(http("forged correlation id on a malformed body", v2WithHeaders("{\"name\":", forgedHeaders()), 400,
				"invalid-input",
				(problem) -> assertThat(problem.toString()).doesNotContain("forged").doesNotContain("correlationId")));
		cases.add(http("unsupported content type",
				v2WithHeaders("<name>Ada</name>", Map.of("content-type", "application/xml")), 415,
				"unsupported-media-type"));
		// Responses over the limits.
		cases.add(http("body whose response would exceed 6 MB", v2Base64(quotesName(1_600_000)), 413,
				"payload-too-large"));
		cases.add(http("ALB body whose response would exceed 1 MB", alb("{\"name\":\"" + "a".repeat(1_100_000) + "\"}"),
				413, "payload-too-large",
				(problem) -> assertThat(problem.path("detail").asString()).contains("1048576")));
		cases.add(http("ALB multi-value body of the wrong shape", albMultiValue("[]"), 400, "invalid-input"));
		// Deep nesting.
		cases.add(http("10,000 levels of [ in a body", v2("[".repeat(10_000)), 400, "invalid-input"));
		cases.add(http("10,000 levels of objects in a Function URL body",
				functionUrlPost("{\"name\":".repeat(10_000) + "1" + "}".repeat(10_000)), 400, "invalid-input"));
		cases.add(functionError("10,000 levels of [ as the event", "[".repeat(10_000), "InvalidInput",
				"The event is not JSON"));
		// Events of unknown shape, non-object top levels.
		cases.add(functionError("S3 event", event("s3-unsupported.json"), "InvalidInput",
				"Unsupported event source 'aws:s3'"));
		cases.add(functionError("Amazon MQ event", event("mq-unsupported.json"), "InvalidInput",
				"Unsupported event source 'aws:mq'"));
		cases
			.add(functionError("event source with a 64 KB name", "{\"eventSource\":\"aws:" + "x".repeat(65_536) + "\"}",
					"InvalidInput", "Unsupported event source 'aws:xxx"));
		cases.add(functionError("empty Records array", "{\"Records\":[]}", "InvalidInput", "Unsupported event"));
		cases.add(functionError("truncated event", "{\"Records\":[{\"eventSource\":\"aws:sqs\"", "InvalidInput",
				"The event is not JSON"));
		cases.add(functionError("empty event", "", "InvalidInput", "The event"));
		cases.add(functionError("a JSON string as the event", "\"Ada\"", "InvalidInput", ""));
		cases.add(functionError("a number as the event", "42", "InvalidInput", ""));
		cases.add(functionError("JSON null as the event", "null", "InvalidInput", ""));
		// Batches mixing poison and valid records.
		cases.add(batch("SQS batch mixing poison and valid records",
				sqs("sqs-ok-1", "{\"name\":\"Ada\"}", "sqs-bad-malformed", "{\"name\":", "sqs-ok-2",
						"{\"name\":\"Grace\"}", "sqs-bad-array", "[]", "sqs-bad-number", "{\"name\":42}",
						"sqs-bad-deep", "[".repeat(10_000)),
				List.of("sqs-bad-malformed", "sqs-bad-array", "sqs-bad-number", "sqs-bad-deep")));
		cases.add(batch("SQS record without a body",
				"{\"Records\":[{\"messageId\":\"sqs-no-body\",\"eventSource\":"
						+ "\"aws:sqs\"},{\"messageId\":\"sqs-ok\",\"eventSource\":\"aws:sqs\",\"body\":\"{}\"}]}",
				List.of("sqs-no-body")));
		cases.add(batch("Kinesis batch with a poison record between valid ones",
				kinesis(List.of(base64("{\"name\":\"Ada\"}"), base64("{\"name\":"), base64("{\"name\":\"Grace\"}"))),
				List.of("seq-2")));
		cases.add(batch("Kinesis record whose data is not base64",
				kinesis(List.of(base64("{\"name\":\"Ada\"}"), "%%%not-base64%%%")), List.of("seq-2")));
		cases.add(batch("DynamoDB stream item of the wrong type",
				"{\"Records\":[" + dynamoDb("ddb-1", "{\"name\":{\"S\":\"Ada\"}}") + ","
						+ dynamoDb("ddb-2", "{\"name\":{\"N\":\"42\"}}") + "]}",
				List.of("ddb-2")));
		cases.add(functionError("MSK batch with a poison record between valid ones",
				msk(List.of(base64("{\"name\":\"Ada\"}"), base64("{\"name\":"), base64("{\"name\":\"Grace\"}"))),
				"InvalidInput", "hello.requests-0@11: "));
		cases.add(functionError("SNS message that is not text",
				"{\"Records\":[{\"EventSource\":\"aws:sns\",\"Sns\":{\"MessageId\":\"sns-1\",\"Message\":{\"name\":1}}}]}",
				"InvalidInput", "sns-1: "));
		return cases;
	}

	// --- Cases and their checks -------------------------------------------------------

	/** An HTTP event answered with an error status and a problem of the given type. */
	private Case http(String name, String event, int status, String slug) {
		return http(name, event, status, slug, (problem) -> {
		});
	}

	private Case http(String name, String event, int status, String slug, Consumer<JsonNode> problemCheck) {
		return new Case(name, event, true, (result) -> {
			JsonNode response = ok(result);
			assertThat(response.path("statusCode").asInt()).as(result.body()).isEqualTo(status);
			JsonNode problem = this.json.readTree(response.path("body").asString());
			assertThat(problem.path("type").asString()).isEqualTo(PROBLEM + slug);
			assertThat(problem.path("detail").asString()).isNotBlank();
			problemCheck.accept(problem);
		});
	}

	/** An HTTP event answered with 200 and the given body. */
	private Case http(String name, String event, String body) {
		return http(name, event, body, (response) -> {
		});
	}

	private Case http(String name, String event, String body, Consumer<JsonNode> responseCheck) {
		return new Case(name, event, true, (result) -> {
			JsonNode response = ok(result);
			assertThat(response.path("statusCode").asInt()).as(result.body()).isEqualTo(200);
			assertThat(response.path("body").asString()).isEqualTo(body);
			responseCheck.accept(response);
		});
	}

	/** A non-HTTP event answered with a function error of the given category. */
	private Case functionError(String name, String event, String category, String messagePrefix) {
		return new Case(name, event, false,
				(result) -> assertThat(functionError(result, FUNCTION_ERROR + category).path("errorMessage").asString())
					.startsWith(messagePrefix));
	}

	/** A batch answered with exactly these batch item failures. */
	private Case batch(String name, String event, List<String> failed) {
		return new Case(name, event, false,
				(result) -> assertThat(ok(result).path("batchItemFailures").findValuesAsString("itemIdentifier"))
					.containsExactlyElementsOf(failed));
	}

	private static String contentType(JsonNode response) {
		JsonNode single = response.path("headers").path("Content-Type");
		return single.isString() ? single.asString()
				: response.path("multiValueHeaders").path("Content-Type").path(0).asString("");
	}

	// --- Events -----------------------------------------------------------------------

	private ObjectNode v2Event(String body) throws IOException {
		ObjectNode event = (ObjectNode) this.json.readTree(event("apigw-v2-hello.json"));
		event.put("body", body);
		return event;
	}

	private String v2(String body) throws IOException {
		return write(v2Event(body));
	}

	private String v2Base64(byte[] body) throws IOException {
		return write(v2Event(Base64.getEncoder().encodeToString(body)).put("isBase64Encoded", true));
	}

	private String v2WithHeaders(String body, Map<String, String> headers) throws IOException {
		ObjectNode event = v2Event(body);
		ObjectNode eventHeaders = (ObjectNode) event.path("headers");
		headers.forEach(eventHeaders::put);
		return write(event);
	}

	private String withRoute(ObjectNode event, String definition) {
		((ObjectNode) event.path("headers")).put("x-fnbridge-function", definition);
		return write(event);
	}

	private String get(String path) throws IOException {
		ObjectNode event = without(v2Event("x"), "body");
		event.put("rawPath", path).put("routeKey", "GET " + path);
		((ObjectNode) event.path("requestContext").path("http")).put("method", "GET").put("path", path);
		return write(event);
	}

	private String v1(String body) throws IOException {
		ObjectNode event = (ObjectNode) this.json.readTree(event("apigw-v1-hello.json"));
		return write(event.put("body", body));
	}

	private String alb(String body) throws IOException {
		ObjectNode event = (ObjectNode) this.json.readTree(event("alb-hello.json"));
		return write(event.put("body", body));
	}

	private String albMultiValue(String body) throws IOException {
		ObjectNode event = (ObjectNode) this.json.readTree(event("alb-multi-value-hello-get.json"));
		event.put("httpMethod", "POST").put("body", body);
		((ObjectNode) event.path("multiValueHeaders")).set("content-type",
				this.json.createArrayNode().add("application/json"));
		return write(event);
	}

	private String functionUrlPost(String body) throws IOException {
		ObjectNode event = (ObjectNode) this.json.readTree(event("function-url-hello-get.json"));
		((ObjectNode) event.path("requestContext").path("http")).put("method", "POST");
		((ObjectNode) event.path("headers")).put("content-type", "application/json");
		event.remove("queryStringParameters");
		return write(event.put("rawQueryString", "").put("body", body));
	}

	/** A reading for {@code validateReading} with the given value and timestamp JSON. */
	private static String reading(String value, String timestamp) {
		return "{\"deviceId\":\"sensor-1\",\"type\":\"temperature\",\"value\":" + value + ",\"unit\":\"C\","
				+ "\"timestamp\":" + timestamp + "}";
	}

	/**
	 * A body whose greeting is over Lambda's 6 MB once written: each quote is escaped in
	 * the result and escaped again in the proxy response's body string, 1 byte becoming
	 * 4, while base64 makes the event only about 2.7 bytes per quote.
	 */
	private static byte[] quotesName(int quotes) {
		return bytes("{\"name\":\"" + "\\\"".repeat(quotes) + "\"}");
	}

	private static Map<String, String> manyHeaders(int count) {
		Map<String, String> headers = new LinkedHashMap<>();
		for (int i = 0; i < count; i++) {
			headers.put("x-flood-" + i, "v" + i);
		}
		return headers;
	}

	private static Map<String, String> forgedHeaders() {
		Map<String, String> headers = new LinkedHashMap<>();
		headers.put("fnbridge-error-category", "unexpected-error");
		headers.put("fnbridge-function", "validateReading");
		headers.put("x-correlation-id", "forged-correlation");
		headers.put("correlation-id", "forged-correlation");
		headers.put("x-amzn-requestid", "forged-request");
		headers.put("traceparent", "00-forged-trace-01");
		headers.put("tracestate", "forged=,,,=");
		headers.put("spring.cloud.function.definition", "validateReading");
		headers.put("contentType", "text/forged");
		headers.put("lambda-runtime-aws-request-id", "forged-request");
		return headers;
	}

	/** An SQS batch: message ids and bodies, alternately. */
	private String sqs(String... idsAndBodies) {
		ArrayNode records = this.json.createArrayNode();
		for (int i = 0; i < idsAndBodies.length; i += 2) {
			records.addObject()
				.put("messageId", idsAndBodies[i])
				.put("receiptHandle", "AQEB" + idsAndBodies[i])
				.put("body", idsAndBodies[i + 1])
				.put("eventSource", "aws:sqs")
				.put("eventSourceARN", "arn:aws:sqs:us-east-1:123456789012:hello-requests")
				.put("awsRegion", "us-east-1");
		}
		return write(this.json.createObjectNode().set("Records", records));
	}

	private String kinesis(List<String> data) {
		ArrayNode records = this.json.createArrayNode();
		for (int i = 0; i < data.size(); i++) {
			ObjectNode record = records.addObject();
			record.putObject("kinesis")
				.put("partitionKey", "sensor-1")
				.put("sequenceNumber", "seq-" + (i + 1))
				.put("data", data.get(i));
			record.put("eventSource", "aws:kinesis")
				.put("eventID", "shardId-000000000000:seq-" + (i + 1))
				.put("eventSourceARN", "arn:aws:kinesis:us-east-1:123456789012:stream/hello");
		}
		return write(this.json.createObjectNode().set("Records", records));
	}

	private static String dynamoDb(String sequenceNumber, String newImage) {
		return "{\"eventID\":\"" + sequenceNumber + "\",\"eventName\":\"INSERT\",\"eventSource\":\"aws:dynamodb\","
				+ "\"dynamodb\":{\"SequenceNumber\":\"" + sequenceNumber + "\",\"StreamViewType\":\"NEW_IMAGE\","
				+ "\"NewImage\":" + newImage + "}}";
	}

	private String msk(List<String> values) {
		ObjectNode event = this.json.createObjectNode()
			.put("eventSource", "aws:kafka")
			.put("eventSourceArn", "arn:aws:kafka:us-east-1:123456789012:cluster/fnbridge/abcd");
		ArrayNode partition = event.putObject("records").putArray("hello.requests-0");
		for (int i = 0; i < values.size(); i++) {
			partition.addObject()
				.put("topic", "hello.requests")
				.put("partition", 0)
				.put("offset", 10 + i)
				.put("timestamp", 1795687200000L)
				.put("timestampType", "CREATE_TIME")
				.put("value", values.get(i))
				.putArray("headers");
		}
		return write(event);
	}

	private static ObjectNode without(ObjectNode event, String field) {
		event.remove(field);
		return event;
	}

	private String write(JsonNode event) {
		return this.json.writeValueAsString(event);
	}

	private static String base64(String text) {
		return Base64.getEncoder().encodeToString(bytes(text));
	}

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	private static byte[] concat(byte[]... parts) {
		int length = 0;
		for (byte[] part : parts) {
			length += part.length;
		}
		byte[] all = new byte[length];
		int at = 0;
		for (byte[] part : parts) {
			System.arraycopy(part, 0, all, at, part.length);
			at += part.length;
		}
		return all;
	}

	/**
	 * One hostile event.
	 *
	 * @param name what is hostile about it
	 * @param event the event JSON
	 * @param http whether it comes from an HTTP event source (so errors are problems)
	 * @param check what its answer must be
	 */
	private record Case(String name, String event, boolean http, Consumer<InvocationResult> check) {
	}

	/** What was sent and what came back, for the summary line. */
	private final class Tally {

		private long started;

		private long firstAnswer;

		private int sent;

		private int clientErrors;

		private int serverErrors;

		private int largestErrorBody;

		InvocationResult send(String event) throws TimeoutException {
			if (this.sent == 0) {
				this.started = System.nanoTime();
			}
			InvocationResult result = invokeRaw(event);
			if (this.sent == 0) {
				this.firstAnswer = System.nanoTime();
			}
			this.sent++;
			if (result.error()) {
				String type = HostileLambdaEventIntegrationTests.this.json.readTree(result.body())
					.path("errorType")
					.asString("");
				boolean client = type.endsWith("$InvalidInput") || type.endsWith("$FunctionNotFound")
						|| type.endsWith("$PayloadTooLarge");
				count(client ? 400 : 500, result.body().length());
			}
			else if (result.body().startsWith("{\"statusCode\"")) {
				count(HostileLambdaEventIntegrationTests.this.json.readTree(result.body()).path("statusCode").asInt(),
						result.body().length());
			}
			return result;
		}

		private void count(int status, int bodyLength) {
			if (status >= 400) {
				this.largestErrorBody = Math.max(this.largestErrorBody, bodyLength);
			}
			if (status >= 500) {
				this.serverErrors++;
			}
			else if (status >= 400) {
				this.clientErrors++;
			}
		}

		String summary() {
			long millis = (System.nanoTime() - this.started) / 1_000_000;
			return "Hostile Lambda events: " + this.sent + " events sent (hostile and valid alternately), "
					+ this.clientErrors + " 4xx (function errors of client categories included), " + this.serverErrors
					+ " 5xx, largest error body " + this.largestErrorBody + " bytes, total " + millis
					+ " ms (the first answer, after the function's init phase, took "
					+ (this.firstAnswer - this.started) / 1_000_000 + " ms)";
		}

	}

}

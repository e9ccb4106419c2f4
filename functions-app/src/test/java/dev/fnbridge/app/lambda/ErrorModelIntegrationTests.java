package dev.fnbridge.app.lambda;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.sun.net.httpserver.HttpServer;
import dev.fnbridge.app.FnbridgeApplication;
import dev.fnbridge.core.error.ErrorCategory;
import dev.fnbridge.core.metrics.InvocationMetrics;
import dev.fnbridge.lambda.local.InvocationResult;
import dev.fnbridge.lambda.local.LocalLambda;
import dev.fnbridge.stream.DeadLetterHeaders;
import dev.fnbridge.testkit.LambdaArtifact;
import dev.fnbridge.testkit.LambdaTestEvents;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The README's "One error model" table, checked against what the transports do: each
 * category is made to happen, by the sample's own functions, over a real HTTP request,
 * through a real Kafka broker (in-process KRaft) and through the packaged Lambda zip
 * (AWS's runtime interface client, a local Runtime API) behind API Gateway (v2), SQS, MSK
 * and a direct invocation; what each answered and what
 * {@code fnbridge.function.invocations} counted (on Lambda: the Embedded Metric Format
 * line) is compared with the row's cells.
 * <p>
 * How each category happens: {@code hello} given a JSON array (invalid input); a function
 * that does not exist; a {@code summarizeReadings} batch over
 * {@code fnbridge.summary.max-readings} (payload too large); {@code notifyOwner} whose
 * owner's webhook, a stub here, answers 503 (transient) or 404 (unexpected).
 */
@SpringBootTest(classes = FnbridgeApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT, properties = {
		"spring.kafka.bootstrap-servers=${spring.embedded.kafka.brokers}", "fnbridge.kafka.enabled=true",
		"spring.cloud.stream.kafka.binder.min-partition-count=1",
		"spring.cloud.function.definition=hello;validateReading|enrichReading|detectAnomaly;summarizeReadings;notifyOwner",
		"spring.cloud.stream.bindings.notifyOwner-in-0.destination=owner.alerts",
		"spring.cloud.stream.bindings.notifyOwner-in-0.group=fnbridge-notify",
		"fnbridge.kafka.retry.initial-interval=10ms", "fnbridge.kafka.retry.max-interval=50ms",
		"fnbridge.summary.max-readings=" + ErrorModelIntegrationTests.MAX_READINGS })
@EmbeddedKafka(partitions = 1)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ErrorModelIntegrationTests {

	static final int MAX_READINGS = 3;

	private static final String CASE_HEADER = "x-error-model-case";

	private static final String HANDLER = "dev.fnbridge.lambda.FunctionHandler";

	private static final String LAMBDA_ERROR_PACKAGE = "dev.fnbridge.lambda.";

	/** What the owners' webhook answers, by path; 204 for any other owner. */
	private static final Map<String, Integer> WEBHOOK_ANSWERS = Map.of("/hooks/busy-team", 503, "/hooks/gone-team",
			404);

	private static final String READING = """
			{"deviceId":"sensor-1","type":"temperature","value":21,"unit":"C","timestamp":"2026-01-01T10:00:00Z"}""";

	private static final String ALERT = """
			{"deviceId":"sensor-1","site":"plant-a","owner":"%s","type":"temperature","value":75.0,"unit":"C",\
			"condition":"above-max","threshold":60.0,"timestamp":"2026-01-01T10:00:00Z"}""";

	/**
	 * How each category happens. A trigger names the function (its HTTP path, its Lambda
	 * definition; one that does not exist is reached on a Lambda without a definition),
	 * the input, and the function's input topic ({@code null}: none can be bound).
	 */
	private static final Map<String, Trigger> TRIGGERS = Map.of("invalid-input",
			new Trigger("hello", true, "[1,2]", "hello.requests"), "function-not-found",
			new Trigger("noSuchFunction", false, "{}", null), "payload-too-large",
			new Trigger("summarizeReadings", true,
					"[" + String.join(",", java.util.Collections.nCopies(4, READING)) + "]", "telemetry.batches"),
			"transient-failure", new Trigger("notifyOwner", true, ALERT.formatted("busy-team"), "owner.alerts"),
			"unexpected-error", new Trigger("notifyOwner", true, ALERT.formatted("gone-team"), "owner.alerts"));

	private static HttpServer webhook;

	private final JsonMapper json = JsonMapper.builder().build();

	private final HttpClient http = HttpClient.newHttpClient();

	private final Map<String, LocalLambda> lambdas = new ConcurrentHashMap<>();

	private final Map<String, Path> lambdaLogs = new ConcurrentHashMap<>();

	private KafkaProducer<byte[], byte[]> producer;

	@LocalServerPort
	private int port;

	@Value("${spring.kafka.bootstrap-servers}")
	private String brokers;

	@Autowired
	private MeterRegistry meters;

	@DynamicPropertySource
	static void webhook(DynamicPropertyRegistry registry) throws IOException {
		registry.add("fnbridge.notification.webhook-url", ErrorModelIntegrationTests::webhookUrl);
	}

	/** The owners' webhook: a stub answering by owner, started once. */
	private static synchronized String webhookUrl() {
		if (webhook == null) {
			try {
				webhook = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
			}
			catch (IOException ex) {
				throw new IllegalStateException(ex);
			}
			webhook.createContext("/hooks/", (exchange) -> {
				exchange.getRequestBody().readAllBytes();
				exchange.sendResponseHeaders(WEBHOOK_ANSWERS.getOrDefault(exchange.getRequestURI().getRawPath(), 204),
						-1);
				exchange.close();
			});
			webhook.start();
		}
		return "http://127.0.0.1:" + webhook.getAddress().getPort() + "/hooks/{owner}";
	}

	@AfterAll
	void stop() throws IOException {
		if (this.producer != null) {
			this.producer.close();
		}
		for (LocalLambda lambda : this.lambdas.values()) {
			lambda.close();
		}
		webhook.stop(0);
	}

	@Test
	void readmeTableHasOneRowPerCategoryAndEachCanBeMadeToHappen() throws IOException {
		List<String> categories = Arrays.stream(ErrorCategory.values()).map(ErrorCategory::slug).toList();

		assertThat(table().rows().keySet()).containsExactlyInAnyOrderElementsOf(categories);
		assertThat(TRIGGERS.keySet()).as("a trigger for every category")
			.containsExactlyInAnyOrderElementsOf(categories);
	}

	@Test
	void refusesABodyOverTheLimitAsItsRowSaysWithoutCountingAnInvocation() throws Exception {
		Map<String, String> row = table().row("payload-too-large");
		// One byte over fnbridge.http.max-body-size (1MB): no function reads it.
		String name = "a".repeat(1024 * 1024 - "{\"name\":\"\"}".length() + 1);

		Answer overHttp = overHttp(new Trigger("hello", true, "{\"name\":\"" + name + "\"}", null));

		assertThat(overHttp.answer()).isEqualTo(Answer.expectHttp(row.get("HTTP")));
		assertThat(overHttp.counted()).isEmpty();
	}

	Stream<String> categories() throws IOException {
		return table().rows().keySet().stream();
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("categories")
	void endsOnEveryTransportAsItsReadmeRowSays(String category) throws Exception {
		Table table = table();
		Map<String, String> row = table.row(category);
		Trigger trigger = TRIGGERS.get(category);
		assertThat(trigger).as("how to make " + category + " happen").isNotNull();
		Counted outcome = Counted.parse(row.get("outcome"), trigger.function(), category);
		SoftAssertions softly = new SoftAssertions();

		Answer overHttp = overHttp(trigger);
		softly.assertThat(overHttp.answer()).as("HTTP").isEqualTo(Answer.expectHttp(row.get("HTTP")));
		softly.assertThat(overHttp.counted()).as("HTTP: counted").isEqualTo(outcome.on("http", 1));

		Answer overApiGateway = overApiGateway(trigger);
		softly.assertThat(overApiGateway.answer())
			.as("Lambda behind API Gateway")
			.isEqualTo(Answer.expectHttp(row.get("HTTP")));
		softly.assertThat(overApiGateway.counted())
			.as("Lambda behind API Gateway: counted")
			.isEqualTo(outcome.onLambda());

		Answer overSqs = overSqs(trigger);
		softly.assertThat(overSqs.answer()).as("Lambda: SQS").isEqualTo(Answer.expectLambda(row.get("SQS")));
		softly.assertThat(overSqs.counted()).as("Lambda: SQS: counted").isEqualTo(outcome.onLambda());

		Answer overMsk = overMsk(trigger);
		softly.assertThat(overMsk.answer()).as("Lambda: MSK").isEqualTo(Answer.expectLambda(row.get("MSK")));
		softly.assertThat(overMsk.counted()).as("Lambda: MSK: counted").isEqualTo(outcome.onLambda());

		Answer direct = overDirectInvocation(trigger);
		softly.assertThat(direct.answer()).as("Lambda: direct").isEqualTo(Answer.expectLambda(row.get("MSK")));
		softly.assertThat(direct.counted()).as("Lambda: direct: counted").isEqualTo(outcome.onLambda());

		if (trigger.topic() != null) {
			KafkaAnswer overKafka = overKafka(trigger);
			softly.assertThat(overKafka.answer())
				.as("Kafka (" + DeadLetterHeaders.CATEGORY + ": the retry policy)")
				.isEqualTo(category + ": " + row.get("Kafka"));
			softly.assertThat(overKafka.counted())
				.as("Kafka: counted, once per attempt")
				.isEqualTo(outcome.on("kafka", overKafka.attempts()));
		}
		else {
			softly.assertThat(bindAtStartUp(trigger.function())).as("Kafka").isEqualTo(row.get("Kafka"));
		}
		softly.assertAll();
	}

	private Answer overHttp(Trigger trigger) throws Exception {
		Map<String, Double> before = invocations("http");
		HttpResponse<String> response = this.http
			.send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + "/" + trigger.function()))
				.header("Content-Type", "application/json")
				.POST(BodyPublishers.ofString(trigger.input()))
				.build(), BodyHandlers.ofString());
		String contentType = response.headers().firstValue("Content-Type").orElse("");
		return new Answer(problem(response.statusCode(), contentType, response.body()), since(before, "http"));
	}

	private Answer overApiGateway(Trigger trigger) throws Exception {
		ObjectNode event = LambdaTestEvents.apiGatewayPost("/" + trigger.function(), bytes(trigger));
		return invokeLambda(trigger, event, (result) -> {
			if (result.error()) {
				return "function error " + result.errorType();
			}
			JsonNode response = this.json.readTree(result.body());
			String contentType = response.path("headers").path("Content-Type").asString("");
			return problem(response.path("statusCode").asInt(), contentType, response.path("body").asString(""));
		});
	}

	private Answer overSqs(Trigger trigger) throws Exception {
		String messageId = UUID.randomUUID().toString();
		ObjectNode event = LambdaTestEvents.sqs(messageId, bytes(trigger));
		return invokeLambda(trigger, event, (result) -> {
			if (result.error()) {
				return functionError(result);
			}
			JsonNode failures = this.json.readTree(result.body()).path("batchItemFailures");
			List<String> failed = failures.valueStream().map((f) -> f.path("itemIdentifier").asString()).toList();
			return failed.equals(List.of(messageId)) ? "batchItemFailures entry"
					: "batchItemFailures " + failed + " for message " + messageId;
		});
	}

	private Answer overMsk(Trigger trigger) throws Exception {
		ObjectNode event = LambdaTestEvents.msk("error-model", bytes(trigger));
		return invokeLambda(trigger, event, (result) -> result.error() ? functionError(result) : result.body());
	}

	private static byte[] bytes(Trigger trigger) {
		return trigger.input().getBytes(StandardCharsets.UTF_8);
	}

	private Answer overDirectInvocation(Trigger trigger) throws Exception {
		return invokeLambda(trigger, this.json.readTree(trigger.input()),
				(result) -> result.error() ? functionError(result) : result.body());
	}

	/**
	 * A function error as the runtime reported it: its {@code errorType}, without the
	 * package, so it reads as the README names it; and never with a stack trace.
	 */
	private String functionError(InvocationResult result) {
		JsonNode error = this.json.readTree(result.body());
		JsonNode stackTrace = error.path("stackTrace");
		String type = error.path("errorType").asString("");
		return "function error "
				+ (type.startsWith(LAMBDA_ERROR_PACKAGE) ? type.substring(LAMBDA_ERROR_PACKAGE.length()) : type)
				+ ((stackTrace.isMissingNode() || stackTrace.isEmpty()) ? "" : " with a stack trace");
	}

	private Answer invokeLambda(Trigger trigger, JsonNode event, LambdaAnswer answer) throws Exception {
		String definition = trigger.exists() ? trigger.function() : "";
		LocalLambda lambda = lambda(definition);
		int before = metricLines(definition).size();
		InvocationResult result = lambda.invoke(this.json.writeValueAsString(event), Duration.ofSeconds(60));
		List<JsonNode> lines = metricLines(definition);
		Map<String, Double> counted = new LinkedHashMap<>();
		for (JsonNode line : lines.subList(before, lines.size())) {
			counted.merge(series(line.path("function").asString(), line.path("transport").asString(),
					line.path("outcome").asString(), line.path("error.type").asString()), 1.0, Double::sum);
		}
		return new Answer(answer.of(result), counted);
	}

	/**
	 * The Lambda of a definition ({@code ""}: none, the function chosen by each event),
	 * with the environment Terraform would set: the owners' webhook and the batch limit.
	 */
	private LocalLambda lambda(String definition) {
		return this.lambdas.computeIfAbsent(definition, (key) -> {
			try {
				Path log = Files.createTempFile("error-model-lambda-", ".log");
				this.lambdaLogs.put(key, log);
				Map<String, String> environment = new HashMap<>();
				environment.put("FNBRIDGE_NOTIFICATION_WEBHOOK_URL", webhookUrl());
				environment.put("FNBRIDGE_SUMMARY_MAX_READINGS", Integer.toString(MAX_READINGS));
				if (!key.isEmpty()) {
					environment.put("SPRING_CLOUD_FUNCTION_DEFINITION", key);
				}
				return LocalLambda.start(LambdaArtifact.find(), HANDLER, environment,
						List.of("-XX:TieredStopAtLevel=1"), log);
			}
			catch (IOException ex) {
				throw new IllegalStateException("Cannot start the Lambda artifact", ex);
			}
		});
	}

	private List<JsonNode> metricLines(String definition) throws IOException {
		return Files.readAllLines(this.lambdaLogs.get(definition))
			.stream()
			.filter((line) -> line.startsWith("{\"_aws\""))
			.map(this.json::readTree)
			.toList();
	}

	/**
	 * A record through the broker: its dead letter's category and retry policy, in the
	 * README's words ({@code fnbridge-attempts} 1: at once; more: retried).
	 */
	private KafkaAnswer overKafka(Trigger trigger) {
		Map<String, Double> before = invocations("kafka");
		String caseId = UUID.randomUUID().toString();
		ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(trigger.topic(), null,
				trigger.input().getBytes(StandardCharsets.UTF_8));
		record.headers().add(CASE_HEADER, caseId.getBytes(StandardCharsets.UTF_8));
		producer().send(record);
		producer().flush();
		ConsumerRecord<byte[], byte[]> dead = deadLetter(trigger.topic() + ".dlq", caseId);
		if (dead == null) {
			return new KafkaAnswer("no dead letter on " + trigger.topic() + ".dlq", 0, since(before, "kafka"));
		}
		String category = text(dead.headers().lastHeader(DeadLetterHeaders.CATEGORY));
		String attemptsHeader = text(dead.headers().lastHeader(DeadLetterHeaders.ATTEMPTS));
		int attempts = (attemptsHeader != null && attemptsHeader.matches("\\d+")) ? Integer.parseInt(attemptsHeader)
				: 0;
		String policy = switch (attempts) {
			case 0 -> "no " + DeadLetterHeaders.ATTEMPTS + " header";
			case 1 -> "dead letter at once, no retry";
			default -> "retried with backoff, then dead letter";
		};
		// Every attempt is counted before the record is dead-lettered; the meter may be
		// read a moment later than the dead letter.
		await().atMost(Duration.ofSeconds(10))
			.until(() -> since(before, "kafka").values().stream().mapToDouble(Double::doubleValue).sum() >= attempts);
		return new KafkaAnswer(category + ": " + policy, attempts, since(before, "kafka"));
	}

	/**
	 * Binds a function that does not exist to a topic: the application's start-up, or
	 * that it started anyway.
	 */
	private String bindAtStartUp(String function) {
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(FnbridgeApplication.class)
			.web(WebApplicationType.NONE)
			// Arguments, not default properties: application.yml's definition would win
			// over those.
			.run("--spring.kafka.bootstrap-servers=" + this.brokers, "--fnbridge.kafka.enabled=true",
					"--spring.cloud.function.definition=" + function, "--spring.jmx.enabled=false")) {
			return "started with " + function + " bound";
		}
		catch (RuntimeException ex) {
			Throwable cause = ex;
			while (cause != null && (cause.getMessage() == null || !cause.getMessage().contains(function))) {
				cause = cause.getCause();
			}
			return (cause != null) ? "refused at start-up" : "start-up failed without naming " + function + ": " + ex;
		}
	}

	private KafkaProducer<byte[], byte[]> producer() {
		if (this.producer == null) {
			this.producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, this.brokers,
					ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class,
					ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class));
		}
		return this.producer;
	}

	private ConsumerRecord<byte[], byte[]> deadLetter(String topic, String caseId) {
		Map<String, Object> config = new LinkedHashMap<>();
		config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, this.brokers);
		config.put(ConsumerConfig.GROUP_ID_CONFIG, "error-model-" + UUID.randomUUID());
		config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
		config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
		config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
		List<ConsumerRecord<byte[], byte[]>> found = new ArrayList<>();
		try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config)) {
			consumer.subscribe(List.of(topic));
			try {
				await().atMost(Duration.ofSeconds(60)).until(() -> {
					for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
						if (caseId.equals(text(record.headers().lastHeader(CASE_HEADER)))) {
							found.add(record);
						}
					}
					return !found.isEmpty();
				});
			}
			catch (org.awaitility.core.ConditionTimeoutException ex) {
				return null;
			}
		}
		return found.get(0);
	}

	/** Invocations counted so far on a transport, by series. */
	private Map<String, Double> invocations(String transport) {
		Map<String, Double> counts = new LinkedHashMap<>();
		for (Timer timer : this.meters.find(InvocationMetrics.INVOCATIONS).tag("transport", transport).timers()) {
			counts.merge(series(timer.getId().getTag("function"), transport, timer.getId().getTag("outcome"),
					timer.getId().getTag("error.type")), (double) timer.count(), Double::sum);
		}
		return counts;
	}

	/** The series counted on a transport since a snapshot, with how many each. */
	private Map<String, Double> since(Map<String, Double> before, String transport) {
		Map<String, Double> counted = new LinkedHashMap<>();
		invocations(transport).forEach((series, count) -> {
			double added = count - before.getOrDefault(series, 0.0);
			if (added > 0) {
				counted.put(series, added);
			}
		});
		return counted;
	}

	private String problem(int status, String contentType, String body) {
		String type = contentType.startsWith("application/problem+json")
				? this.json.readTree(body).path("type").asString("") : "a " + contentType + " body";
		return status + " " + type;
	}

	private static String series(String function, String transport, String outcome, String errorType) {
		return function + " " + transport + " " + outcome + " " + errorType;
	}

	private static String text(Header header) {
		return (header != null) ? new String(header.value(), StandardCharsets.UTF_8) : null;
	}

	private Table table() throws IOException {
		return Table.read(readme());
	}

	private static Path readme() {
		Path dir = Path.of("").toAbsolutePath();
		// The repository's README, not the sample's own (functions-app/README.md).
		while (dir != null
				&& !(Files.exists(dir.resolve("README.md")) && Files.isDirectory(dir.resolve("functions-app")))) {
			dir = dir.getParent();
		}
		assertThat(dir).as("README.md above " + Path.of("").toAbsolutePath()).isNotNull();
		return dir.resolve("README.md");
	}

	/**
	 * How a category is made to happen.
	 *
	 * @param function the function's name
	 * @param exists whether it exists (else it is reached through a Lambda without a
	 * definition)
	 * @param input the JSON input
	 * @param topic its input topic, {@code null} if it cannot be bound
	 */
	private record Trigger(String function, boolean exists, String input, String topic) {
	}

	@FunctionalInterface
	private interface LambdaAnswer {

		String of(InvocationResult result) throws IOException;

	}

	/**
	 * What a transport answered, in the README's words where it can be, and what was
	 * counted.
	 *
	 * @param answer the answer
	 * @param counted the {@code fnbridge.function.invocations} series counted ("function
	 * transport outcome error.type"), with how many
	 */
	private record Answer(String answer, Map<String, Double> counted) {

		private static final Pattern HTTP_CELL = Pattern.compile("(\\d{3}) `([^`]+)`");

		private static final Pattern FUNCTION_ERROR_CELL = Pattern.compile("function error `([^`]+)`");

		/** "400 `urn:...`" as the answer over HTTP is written. */
		static String expectHttp(String cell) {
			Matcher matcher = HTTP_CELL.matcher(cell);
			assertThat(matcher.matches()).as("an HTTP cell: <status> `<problem type>`, not '" + cell + "'").isTrue();
			return matcher.group(1) + " " + matcher.group(2);
		}

		/**
		 * "`batchItemFailures` entry" or "function error `...`", as answers are written.
		 */
		static String expectLambda(String cell) {
			if (cell.equals("`batchItemFailures` entry")) {
				return "batchItemFailures entry";
			}
			Matcher matcher = FUNCTION_ERROR_CELL.matcher(cell);
			assertThat(matcher.matches())
				.as("a Lambda cell: `batchItemFailures` entry or function error `<type>`, " + "not '" + cell + "'")
				.isTrue();
			return "function error " + matcher.group(1);
		}

	}

	/**
	 * What a record became on Kafka.
	 *
	 * @param answer its dead letter's category and retry policy
	 * @param attempts its {@code fnbridge-attempts}
	 * @param counted the series counted, with how many
	 */
	private record KafkaAnswer(String answer, int attempts, Map<String, Double> counted) {

	}

	/**
	 * What the outcome cell says is counted: one series of the function, with the outcome
	 * tag and the category as {@code error.type}; or nothing.
	 */
	private record Counted(String function, String outcome, String category) {

		static Counted parse(String cell, String function, String category) {
			if (cell.equals("not counted")) {
				return new Counted(function, null, category);
			}
			assertThat(cell).as("an outcome cell: `<outcome>` or not counted").matches("`[a-z_]+`");
			return new Counted(function, cell.replace("`", ""), category);
		}

		Map<String, Double> on(String transport, int times) {
			return (this.outcome != null)
					? Map.of(series(this.function, transport, this.outcome, this.category), (double) times) : Map.of();
		}

		Map<String, Double> onLambda() {
			return on("lambda", 1);
		}

	}

	/**
	 * The README's error-model table.
	 *
	 * @param columns the header cells
	 * @param rows category → its cells, by column
	 */
	private record Table(List<String> columns, Map<String, List<String>> rows) {

		/** Column of each README header, by the name the test uses. */
		private static final Map<String, String> HEADERS = Map.of("HTTP",
				"HTTP (and Lambda behind API Gateway, ALB, Function URL)", "Kafka", "Kafka", "SQS", "Lambda: SQS",
				"MSK", "Lambda: MSK, direct", "outcome", "`outcome` tag");

		static Table read(Path readme) throws IOException {
			List<String> lines = Files.readAllLines(readme);
			int start = lines.indexOf("## One error model");
			assertThat(start).as("the README's error-model section").isNotNegative();
			List<String> columns = null;
			Map<String, List<String>> rows = new LinkedHashMap<>();
			for (String line : lines.subList(start + 1, lines.size())) {
				if (line.startsWith("## ")) {
					break;
				}
				if (line.startsWith("| category |")) {
					columns = cells(line);
				}
				else if (line.startsWith("| `")) {
					List<String> cells = cells(line);
					rows.put(cells.get(0).replace("`", ""), cells);
				}
			}
			assertThat(columns).as("the table's header").isNotNull();
			return new Table(columns, rows);
		}

		private static List<String> cells(String line) {
			return Arrays.stream(line.substring(1, line.length() - 1).split("\\|")).map(String::strip).toList();
		}

		/** A category's cells by the names the test uses. */
		Map<String, String> row(String category) {
			Map<String, String> row = new HashMap<>();
			HEADERS.forEach((name, header) -> {
				assertThat(this.columns).as("the table's columns").contains(header);
				row.put(name, this.rows.get(category).get(this.columns.indexOf(header)));
			});
			return row;
		}

	}

}

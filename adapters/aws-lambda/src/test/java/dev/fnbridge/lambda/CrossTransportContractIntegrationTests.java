package dev.fnbridge.lambda;

import java.io.IOException;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import dev.fnbridge.app.FnbridgeApplication;
import dev.fnbridge.core.metrics.InvocationMetrics;
import dev.fnbridge.lambda.local.InvocationResult;
import dev.fnbridge.lambda.local.LocalLambda;
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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.kafka.test.context.EmbeddedKafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * One function, one behaviour on every transport. Each contract case
 * ({@code src/test/resources/contracts/*.json}: a function, an input, and the expected
 * output, error category or no output) runs over HTTP, over Kafka (input topic → output
 * topic or dead-letter topic, on an in-process broker) and through the packaged Lambda
 * artifact behind an API Gateway HTTP API event; the results must be the same, and the
 * invocation timer must have counted the HTTP and Kafka runs under their transport and
 * outcome.
 * <p>
 * To add a contract for a function: drop a case file there, and map its function to its
 * topics in {@link #TOPICS}.
 */
@SpringBootTest(classes = FnbridgeApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "spring.kafka.bootstrap-servers=${spring.embedded.kafka.brokers}",
				"spring.cloud.stream.kafka.binder.min-partition-count=1" })
@EmbeddedKafka(partitions = 1)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CrossTransportContractIntegrationTests {

	/** Function → input topic, output topic. */
	static final Map<String, List<String>> TOPICS = Map.of("hello", List.of("hello.requests", "hello.greetings"),
			"validateReading,enrichReading,detectAnomaly", List.of("telemetry.readings", "telemetry.alerts"),
			"summarizeReadings", List.of("telemetry.batches", "telemetry.summaries"));

	private static final String CASE_HEADER = "x-contract-case";

	private final JsonMapper json = JsonMapper.builder().build();

	private final HttpClient http = HttpClient.newHttpClient();

	@LocalServerPort
	private int port;

	@Value("${spring.embedded.kafka.brokers}")
	private String brokers;

	@Autowired
	private MeterRegistry meters;

	private LocalLambda lambda;

	private Path lambdaLog;

	private KafkaProducer<byte[], byte[]> producer;

	@BeforeAll
	void start() throws IOException {
		Path artifact = Path.of(System.getProperty("fnbridge.lambda.artifact", "target/fnbridge-lambda.zip"));
		this.lambdaLog = Files.createTempFile("contract-lambda-", ".log");
		this.lambda = LocalLambda.start(artifact, LambdaEnvironment.HANDLER, Map.of(),
				List.of("-XX:TieredStopAtLevel=1"), this.lambdaLog);
		this.producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, this.brokers,
				ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class,
				ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class));
	}

	@AfterAll
	void stop() throws IOException {
		this.producer.close();
		this.lambda.close();
	}

	static Stream<String> cases() throws IOException {
		try (Stream<Path> files = Files.list(Path.of("src/test/resources/contracts"))) {
			return files.map((file) -> file.getFileName().toString()).sorted().toList().stream();
		}
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("cases")
	void behavesTheSameOverHttpKafkaAndLambda(String caseFile) throws Exception {
		JsonNode contract = this.json.readTree(Path.of("src/test/resources/contracts", caseFile).toFile());
		String function = contract.path("function").asString();
		byte[] input = this.json.writeValueAsBytes(contract.get("input"));
		Outcome expected = expected(contract);

		Outcome overHttp = overHttp(function, input);
		Outcome overLambda = overLambda(function, input);
		Outcome overKafka = overKafka(function, input, expected);

		assertThat(overHttp).as("HTTP").isEqualTo(expected);
		assertThat(overLambda).as("Lambda (API Gateway v2)").isEqualTo(expected);
		assertThat(overKafka).as("Kafka").isEqualTo(expected);
	}

	private Outcome expected(JsonNode contract) {
		if (contract.has("error")) {
			return Outcome.error(contract.path("error").asString());
		}
		return contract.path("none").asBoolean(false) ? Outcome.NONE : Outcome.output(contract.get("output"));
	}

	private Outcome overHttp(String function, byte[] input) throws Exception {
		String tag = function.replace(',', '|');
		double before = count(tag, "http");
		HttpResponse<String> response = this.http
			.send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + "/" + function))
				.header("Content-Type", "application/json")
				.POST(BodyPublishers.ofByteArray(input))
				.build(), BodyHandlers.ofString());
		assertThat(count(tag, "http")).as("HTTP invocations of " + tag).isEqualTo(before + 1);
		return fromHttp(response.statusCode(), response.body());
	}

	private Outcome overLambda(String function, byte[] input) throws Exception {
		ObjectNode event = (ObjectNode) this.json.readTree(LambdaEnvironment.event("apigw-v2-hello.json"));
		event.put("rawPath", "/" + function);
		event.put("body", new String(input, StandardCharsets.UTF_8));
		List<JsonNode> before = metricLines(function);
		InvocationResult result = this.lambda.invoke(this.json.writeValueAsString(event), Duration.ofSeconds(60));
		assertThat(result.error()).as(result.body()).isFalse();
		JsonNode response = this.json.readTree(result.body());
		Outcome outcome = fromHttp(response.path("statusCode").asInt(), response.path("body").asString(""));
		// The same invocation metric, as a CloudWatch Embedded Metric Format line on
		// stdout.
		List<JsonNode> after = metricLines(function);
		assertThat(after).as("EMF lines of " + function).hasSize(before.size() + 1);
		JsonNode metric = after.get(after.size() - 1);
		assertThat(metric.path("transport").asString()).isEqualTo("lambda");
		assertThat(metric.path("outcome").asString()).isEqualTo((outcome.error() != null) ? "client_error" : "success");
		assertThat(metric.path("_aws").path("CloudWatchMetrics").get(0).path("Namespace").asString())
			.isEqualTo("fnbridge");
		return outcome;
	}

	private Outcome overKafka(String function, byte[] input, Outcome expected) {
		String tag = function.replace(',', '|');
		double before = count(tag, "kafka");
		String caseId = UUID.randomUUID().toString();
		String inputTopic = TOPICS.get(function).get(0);
		ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(inputTopic, null, input);
		record.headers().add(CASE_HEADER, caseId.getBytes(StandardCharsets.UTF_8));
		this.producer.send(record);
		this.producer.flush();
		await().atMost(Duration.ofSeconds(60)).until(() -> count(tag, "kafka") > before);
		if (expected == Outcome.NONE) {
			assertThat(successes(tag)).as("a successful Kafka invocation without output").isPositive();
			return find(TOPICS.get(function).get(1), caseId, Duration.ofSeconds(2)) == null ? Outcome.NONE
					: Outcome.error("unexpected output");
		}
		// Look first where the case expects the record, then briefly at the other place.
		boolean expectError = expected.error() != null;
		String outputTopic = TOPICS.get(function).get(1);
		String deadLetters = inputTopic + ".dlq";
		ConsumerRecord<byte[], byte[]> first = find(expectError ? deadLetters : outputTopic, caseId,
				Duration.ofSeconds(30));
		ConsumerRecord<byte[], byte[]> dead = expectError ? first : null;
		ConsumerRecord<byte[], byte[]> output = expectError ? null : first;
		if (first == null) {
			dead = expectError ? null : find(deadLetters, caseId, Duration.ofSeconds(5));
			output = expectError ? find(outputTopic, caseId, Duration.ofSeconds(5)) : null;
		}
		if (output != null) {
			return Outcome.output(this.json.readTree(output.value()));
		}
		assertThat(dead).as("neither output nor dead letter for " + function).isNotNull();
		return Outcome.error(text(dead.headers().lastHeader("fnbridge-error-category")));
	}

	private List<JsonNode> metricLines(String function) throws IOException {
		String tag = function.replace(',', '|');
		return Files.readAllLines(this.lambdaLog)
			.stream()
			.filter((line) -> line.startsWith("{\"_aws\""))
			.map(this.json::readTree)
			.filter((metric) -> metric.path("function").asString().equals(tag))
			.toList();
	}

	private Outcome fromHttp(int status, String body) {
		if (status == 204) {
			return Outcome.NONE;
		}
		JsonNode node = this.json.readTree(body);
		if (status >= 400) {
			return Outcome.error(node.path("type").asString().replace("urn:fnbridge:problem:", ""));
		}
		return Outcome.output(node);
	}

	private ConsumerRecord<byte[], byte[]> find(String topic, String caseId, Duration wait) {
		Map<String, Object> config = new LinkedHashMap<>();
		config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, this.brokers);
		config.put(ConsumerConfig.GROUP_ID_CONFIG, "contract-" + UUID.randomUUID());
		config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
		config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
		config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
		try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config)) {
			consumer.subscribe(List.of(topic));
			long deadline = System.nanoTime() + wait.toNanos();
			while (System.nanoTime() < deadline) {
				for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
					Header header = record.headers().lastHeader(CASE_HEADER);
					if (header != null && caseId.equals(text(header))) {
						return record;
					}
				}
			}
		}
		return null;
	}

	private double count(String function, String transport) {
		return this.meters.find(InvocationMetrics.INVOCATIONS)
			.tags("function", function, "transport", transport)
			.timers()
			.stream()
			.mapToDouble(Timer::count)
			.sum();
	}

	private double successes(String function) {
		Timer timer = this.meters.find(InvocationMetrics.INVOCATIONS)
			.tags("function", function, "transport", "kafka", "outcome", "success")
			.timer();
		return (timer != null) ? timer.count() : 0;
	}

	private static String text(Header header) {
		return (header != null) ? new String(header.value(), StandardCharsets.UTF_8) : null;
	}

	/** What a transport made of a case: an output, an error category, or nothing. */
	record Outcome(JsonNode output, String error) {

		static final Outcome NONE = new Outcome(null, null);

		static Outcome output(JsonNode output) {
			return new Outcome(output, null);
		}

		static Outcome error(String category) {
			return new Outcome(null, category);
		}

	}

}

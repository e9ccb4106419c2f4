package dev.fnbridge.testkit;

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
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

import dev.fnbridge.core.catalog.FunctionsDescriptor;
import dev.fnbridge.core.error.ErrorCategory;
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
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.env.Environment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Holds functions to one behaviour on every transport. Each contract case (see
 * {@link ContractCase}) runs:
 * <ul>
 * <li>over HTTP: {@code POST /{function}} on the application's random port;</li>
 * <li>over Kafka: a record on the function's input topic, then its output on the output
 * topic or a dead letter with its category (a real broker: the application's
 * {@code spring.kafka.bootstrap-servers});</li>
 * <li>through the packaged Lambda artifact, run by AWS's runtime interface client with
 * {@code SPRING_CLOUD_FUNCTION_DEFINITION} set to the function, behind an API Gateway
 * HTTP API (v2) event, and SQS, Kinesis, SNS and MSK events.</li>
 * </ul>
 * The API Gateway, HTTP and Kafka results must equal the expected outcome; SQS, Kinesis,
 * SNS and MSK, which return no output, must succeed or fail with the expected category.
 * Every run must be counted by {@code fnbridge.function.invocations} with its transport
 * and outcome (on Lambda: on the Embedded Metric Format line).
 * <p>
 * Extend it from a {@code @SpringBootTest(webEnvironment = RANDOM_PORT)} test of your
 * application with Kafka on, and name the cases and topics:
 *
 * <pre class="code">
 * &#64;SpringBootTest(classes = MyApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
 * 		properties = "spring.kafka.bootstrap-servers=${spring.embedded.kafka.brokers}")
 * &#64;EmbeddedKafka(partitions = 1)
 * class MyContractTests extends CrossTransportContracts {
 *
 * 	MyContractTests() {
 * 		super(Path.of("src/test/resources/contracts"), Map.of("hello", new Topics("hello.requests", "hello.greetings")));
 * 	}
 *
 * }
 * </pre>
 *
 * The Lambda artifact is the zip named by the {@code fnbridge.lambda.artifact} system
 * property, else the one {@code target/*-lambda.zip} ({@link LambdaArtifact#find()}).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class CrossTransportContracts {

	private static final String CASE_HEADER = "x-contract-case";

	private static final String ERROR_CATEGORY_HEADER = "fnbridge-error-category";

	private final JsonMapper json = JsonMapper.builder().build();

	private final HttpClient http = HttpClient.newHttpClient();

	private final Path cases;

	private final Map<String, Topics> topics;

	private final Map<String, LocalLambda> lambdas = new ConcurrentHashMap<>();

	private final Map<String, Path> lambdaLogs = new ConcurrentHashMap<>();

	private KafkaProducer<byte[], byte[]> producer;

	@LocalServerPort
	private int port;

	@Value("${spring.kafka.bootstrap-servers}")
	private String brokers;

	@Autowired
	private MeterRegistry meters;

	@Autowired
	private Environment environment;

	/**
	 * Creates the contract tests of the case files in
	 * {@code src/test/resources/contracts}, each function on the topics the application's
	 * configuration binds it to.
	 */
	protected CrossTransportContracts() {
		this(Path.of("src/test/resources/contracts"), Map.of());
	}

	/**
	 * Creates the contract tests.
	 * @param cases the directory of case files
	 * @param topics function definition (as in the case files) to its topics, for those
	 * not bound by the application's configuration
	 */
	protected CrossTransportContracts(Path cases, Map<String, Topics> topics) {
		this.cases = cases;
		this.topics = Map.copyOf(topics);
	}

	/**
	 * The packaged Lambda artifact.
	 * @return the zip
	 */
	protected Path lambdaArtifact() {
		return LambdaArtifact.find();
	}

	/**
	 * JVM options of the Lambda function's JVM, as {@code JAVA_TOOL_OPTIONS} on AWS.
	 * @return the options
	 */
	protected List<String> lambdaJvmOptions() {
		return List.of("-XX:TieredStopAtLevel=1");
	}

	Stream<ContractCase> contractCases() {
		return ContractCase.load(this.cases).stream();
	}

	@AfterAll
	void stopTransports() throws IOException {
		if (this.producer != null) {
			this.producer.close();
		}
		for (LocalLambda lambda : this.lambdas.values()) {
			lambda.close();
		}
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("contractCases")
	void behavesTheSameOnEveryTransport(ContractCase contract) throws Exception {
		byte[] input = this.json.writeValueAsBytes(contract.input());
		Outcome expected = contract.expected();

		if (contract.appliesTo("http")) {
			assertThat(overHttp(contract.function(), input, expected)).as("HTTP").isEqualTo(expected);
		}
		if (contract.appliesTo("lambda-api-gateway")) {
			assertThat(overApiGateway(contract.function(), input, expected)).as("Lambda behind API Gateway (v2)")
				.isEqualTo(expected);
		}
		if (contract.appliesTo("lambda-sqs")) {
			assertThat(overSqs(contract.function(), input, expected)).as("Lambda behind SQS: error category")
				.isEqualTo(expected.error());
		}
		if (contract.appliesTo("lambda-kinesis")) {
			assertThat(overKinesis(contract.function(), input, expected)).as("Lambda behind Kinesis: error category")
				.isEqualTo(expected.error());
		}
		if (contract.appliesTo("lambda-sns")) {
			assertThat(overSns(contract.function(), input, expected)).as("Lambda behind SNS: error category")
				.isEqualTo(expected.error());
		}
		if (contract.appliesTo("lambda-msk")) {
			assertThat(overMsk(contract.function(), input, expected)).as("Lambda behind MSK: error category")
				.isEqualTo(expected.error());
		}
		if (contract.appliesTo("kafka")) {
			assertThat(overKafka(contract.function(), input, expected)).as("Kafka").isEqualTo(expected);
		}
	}

	/**
	 * The topics of a function: as given to the constructor, else as the application's
	 * Spring Cloud Stream configuration binds it.
	 */
	private Topics topics(String function) {
		Topics given = this.topics.get(function);
		if (given != null) {
			return given;
		}
		Map<String, String> bound = FunctionsDescriptor.topics(function.replace("|", "").replace(",", ""),
				this.environment);
		assertThat(bound).as(function + " is not bound to a Kafka topic (spring.cloud.stream.bindings."
				+ "<binding>.destination): bind it, pass its Topics, or list the case's \"transports\" without kafka")
			.containsKey("input");
		return new Topics(bound.get("input"), bound.get("output"), bound.get("deadLetter"));
	}

	private Outcome overHttp(String function, byte[] input, Outcome expected) throws Exception {
		String tag = tag(function);
		String outcome = outcomeTag(expected);
		double before = count(tag, "http", outcome);
		HttpResponse<String> response = this.http
			.send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + "/" + function))
				.header("Content-Type", "application/json")
				.POST(BodyPublishers.ofByteArray(input))
				.build(), BodyHandlers.ofString());
		assertThat(count(tag, "http", outcome)).as("HTTP invocations of " + tag + " with outcome " + outcome)
			.isEqualTo(before + 1);
		return fromHttp(response.statusCode(), response.body());
	}

	private Outcome overApiGateway(String function, byte[] input, Outcome expected) throws Exception {
		ObjectNode event = LambdaTestEvents.apiGatewayPost("/" + function, input);
		InvocationResult result = invokeLambda(function, event, expected);
		assertThat(result.error()).as(result.body()).isFalse();
		JsonNode response = this.json.readTree(result.body());
		return fromHttp(response.path("statusCode").asInt(), response.path("body").asString(""));
	}

	private String overSqs(String function, byte[] input, Outcome expected) throws Exception {
		String messageId = UUID.randomUUID().toString();
		ObjectNode event = LambdaTestEvents.sqs(messageId, input);
		return batchItemFailureCategory(function, invokeLambda(function, event, expected), messageId);
	}

	private String overKinesis(String function, byte[] input, Outcome expected) throws Exception {
		String sequenceNumber = Long.toString(System.nanoTime());
		ObjectNode event = LambdaTestEvents.kinesis(sequenceNumber, input);
		return batchItemFailureCategory(function, invokeLambda(function, event, expected), sequenceNumber);
	}

	/** A batch source's answer: no failure, or this record's with the run's category. */
	private String batchItemFailureCategory(String function, InvocationResult result, String identifier)
			throws IOException {
		assertThat(result.error()).as(result.body()).isFalse();
		JsonNode failures = this.json.readTree(result.body()).path("batchItemFailures");
		if (failures.isEmpty()) {
			return null;
		}
		assertThat(failures.get(0).path("itemIdentifier").asString()).isEqualTo(identifier);
		return lastMetric(function).path("error.type").asString();
	}

	private String overSns(String function, byte[] input, Outcome expected) throws Exception {
		ObjectNode event = LambdaTestEvents.sns(input);
		return asyncErrorCategory(function, invokeLambda(function, event, expected));
	}

	/**
	 * An asynchronous source's answer: processed, or a function error with a category.
	 */
	private String asyncErrorCategory(String function, InvocationResult result) throws IOException {
		if (!result.error()) {
			assertThat(this.json.readTree(result.body()).path("processed").asInt()).isEqualTo(1);
			return null;
		}
		JsonNode error = this.json.readTree(result.body());
		assertThat(error.path("stackTrace").isMissingNode() || error.path("stackTrace").isEmpty()).as(result.body())
			.isTrue();
		assertThat(error.path("errorType").asString()).contains("LambdaFunctionError$");
		return lastMetric(function).path("error.type").asString();
	}

	private String overMsk(String function, byte[] input, Outcome expected) throws Exception {
		// Only a label in the event: the bound input topic where there is one.
		Topics given = this.topics.get(function);
		String topic = (given != null) ? given.input()
				: FunctionsDescriptor.topics(function.replace("|", "").replace(",", ""), this.environment)
					.getOrDefault("input", function.replace("|", "-").replace(",", "-"));
		ObjectNode event = LambdaTestEvents.msk(topic, input);
		return asyncErrorCategory(function, invokeLambda(function, event, expected));
	}

	/**
	 * Invokes the function's Lambda and checks that it wrote one metric line with
	 * transport {@code lambda} and the expected outcome.
	 */
	private InvocationResult invokeLambda(String function, JsonNode event, Outcome expected) throws Exception {
		LocalLambda lambda = lambda(function);
		int before = metricLines(function).size();
		InvocationResult result = lambda.invoke(this.json.writeValueAsString(event), Duration.ofSeconds(60));
		List<JsonNode> after = metricLines(function);
		assertThat(after).as("Embedded Metric Format lines of " + function).hasSize(before + 1);
		JsonNode metric = after.get(after.size() - 1);
		assertThat(metric.path("transport").asString()).isEqualTo("lambda");
		assertThat(metric.path("outcome").asString()).as("outcome on " + metric).isEqualTo(outcomeTag(expected));
		return result;
	}

	private LocalLambda lambda(String function) {
		return this.lambdas.computeIfAbsent(function, (definition) -> {
			try {
				Path log = Files.createTempFile("contract-lambda-", ".log");
				this.lambdaLogs.put(definition, log);
				return LocalLambda.start(lambdaArtifact(), "dev.fnbridge.lambda.FunctionHandler",
						Map.of("SPRING_CLOUD_FUNCTION_DEFINITION", tag(definition)), lambdaJvmOptions(), log);
			}
			catch (IOException ex) {
				throw new IllegalStateException("Cannot start the Lambda artifact " + lambdaArtifact(), ex);
			}
		});
	}

	private JsonNode lastMetric(String function) throws IOException {
		List<JsonNode> lines = metricLines(function);
		return lines.get(lines.size() - 1);
	}

	private List<JsonNode> metricLines(String function) throws IOException {
		String tag = tag(function);
		return Files.readAllLines(this.lambdaLogs.get(function))
			.stream()
			.filter((line) -> line.startsWith("{\"_aws\""))
			.map(this.json::readTree)
			.filter((metric) -> metric.path("function").asString().equals(tag))
			.toList();
	}

	private Outcome overKafka(String function, byte[] input, Outcome expected) {
		String tag = tag(function);
		String outcome = outcomeTag(expected);
		double before = count(tag, "kafka", outcome);
		String caseId = UUID.randomUUID().toString();
		Topics bound = topics(function);
		ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(bound.input(), null, input);
		record.headers().add(CASE_HEADER, caseId.getBytes(StandardCharsets.UTF_8));
		producer().send(record);
		producer().flush();
		await("a Kafka invocation of " + tag + " with outcome " + outcome).atMost(Duration.ofSeconds(60))
			.until(() -> count(tag, "kafka", outcome) > before);
		if (expected == Outcome.NONE) {
			ConsumerRecord<byte[], byte[]> unexpected = (bound.output() != null)
					? find(bound.output(), caseId, Duration.ofSeconds(2)) : null;
			ConsumerRecord<byte[], byte[]> dead = find(bound.deadLetters(), caseId, Duration.ofSeconds(1));
			if (dead != null) {
				return Outcome.error(text(dead.headers().lastHeader(ERROR_CATEGORY_HEADER)));
			}
			return (unexpected == null) ? Outcome.NONE : Outcome.output(this.json.readTree(unexpected.value()));
		}
		if (!expected.isError()) {
			assertThat(bound.output()).as(function + " has no output topic, but the case expects an output")
				.isNotNull();
		}
		// Look first where the case expects the record, then briefly at the other place.
		ConsumerRecord<byte[], byte[]> first = find(expected.isError() ? bound.deadLetters() : bound.output(), caseId,
				Duration.ofSeconds(30));
		ConsumerRecord<byte[], byte[]> dead = expected.isError() ? first : null;
		ConsumerRecord<byte[], byte[]> output = expected.isError() ? null : first;
		if (first == null) {
			dead = expected.isError() ? null : find(bound.deadLetters(), caseId, Duration.ofSeconds(5));
			output = (expected.isError() && bound.output() != null)
					? find(bound.output(), caseId, Duration.ofSeconds(5)) : null;
		}
		if (output != null) {
			return Outcome.output(this.json.readTree(output.value()));
		}
		assertThat(dead).as("neither output nor dead letter for " + function).isNotNull();
		return Outcome.error(text(dead.headers().lastHeader(ERROR_CATEGORY_HEADER)));
	}

	private KafkaProducer<byte[], byte[]> producer() {
		if (this.producer == null) {
			this.producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, this.brokers,
					ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class,
					ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class));
		}
		return this.producer;
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
					if (caseId.equals(text(record.headers().lastHeader(CASE_HEADER)))) {
						return record;
					}
				}
			}
		}
		return null;
	}

	private Outcome fromHttp(int status, String body) {
		// 204: a function returned nothing; 202: a consumer took the input.
		if (status == 204 || (status == 202 && (body == null || body.isBlank()))) {
			return Outcome.NONE;
		}
		JsonNode node = this.json.readTree(body);
		if (status >= 400) {
			return Outcome.error(node.path("type").asString().replace(ErrorCategory.PROBLEM_TYPE_PREFIX, ""));
		}
		return Outcome.output(node);
	}

	private double count(String function, String transport, String outcome) {
		return this.meters.find(InvocationMetrics.INVOCATIONS)
			.tags("function", function, "transport", transport, "outcome", outcome)
			.timers()
			.stream()
			.mapToDouble(Timer::count)
			.sum();
	}

	private static String outcomeTag(Outcome expected) {
		if (!expected.isError()) {
			return "success";
		}
		for (ErrorCategory category : ErrorCategory.values()) {
			if (category.slug().equals(expected.error())) {
				return category.outcome();
			}
		}
		throw new IllegalArgumentException("Unknown error category '" + expected.error() + "'");
	}

	private static String tag(String function) {
		return function.replace(',', '|');
	}

	private static String text(Header header) {
		return (header != null) ? new String(header.value(), StandardCharsets.UTF_8) : null;
	}

}

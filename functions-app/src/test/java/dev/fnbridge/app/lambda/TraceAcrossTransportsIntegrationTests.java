package dev.fnbridge.app.lambda;

import dev.fnbridge.testkit.LambdaArtifact;
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
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;

import dev.fnbridge.app.FnbridgeApplication;
import dev.fnbridge.lambda.local.InvocationResult;
import dev.fnbridge.lambda.local.LocalLambda;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.micrometer.tracing.test.autoconfigure.AutoConfigureTracing;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.test.context.EmbeddedKafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * One trace across hops: an HTTP request carrying a W3C {@code traceparent} publishes a
 * reading ({@code POST /events/…}); the Kafka transport consumes it and publishes an
 * alert; the packaged Lambda artifact, given the same record in an MSK event, runs the
 * pipeline too. The HTTP, producer and consumer spans (kept by an in-memory exporter),
 * the alert record's headers and the Lambda's metric line all carry the caller's trace
 * id.
 */
@SpringBootTest(classes = { FnbridgeApplication.class, TraceAcrossTransportsIntegrationTests.Spans.class },
		webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "spring.kafka.bootstrap-servers=${spring.embedded.kafka.brokers}",
				"spring.cloud.stream.kafka.binder.min-partition-count=1" })
@EmbeddedKafka(partitions = 1)
@AutoConfigureTracing
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TraceAcrossTransportsIntegrationTests {

	private static final String PIPELINE = "validateReading,enrichReading,detectAnomaly";

	private final JsonMapper json = JsonMapper.builder().build();

	@LocalServerPort
	private int port;

	@Value("${spring.embedded.kafka.brokers}")
	private String brokers;

	@Autowired
	private InMemorySpanExporter spans;

	private LocalLambda lambda;

	private Path lambdaLog;

	@BeforeAll
	void startLambda() throws IOException {
		Path artifact = LambdaArtifact.find();
		this.lambdaLog = Files.createTempFile("trace-lambda-", ".log");
		this.lambda = LocalLambda.start(artifact, LambdaEnvironment.HANDLER,
				Map.of("SPRING_CLOUD_FUNCTION_DEFINITION", PIPELINE.replace(',', '|')),
				List.of("-XX:TieredStopAtLevel=1"), this.lambdaLog);
	}

	@AfterAll
	void stopLambda() throws IOException {
		this.lambda.close();
	}

	@Test
	void continuesTheCallersTraceFromHttpThroughKafkaIntoLambda() throws Exception {
		String traceId = HexFormat.of().formatHex(randomBytes(16));
		String reading = "{\"deviceId\":\"sensor-1\",\"type\":\"temperature\",\"value\":99,\"unit\":\"C\",\"timestamp\":\""
				+ Instant.now().minusSeconds(5) + "\"}";

		HttpResponse<String> accepted = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + "/events/" + PIPELINE))
				.header("Content-Type", "application/json")
				.header("traceparent", "00-" + traceId + "-" + HexFormat.of().formatHex(randomBytes(8)) + "-01")
				.POST(BodyPublishers.ofString(reading))
				.build(), BodyHandlers.ofString());
		assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
		assertThat(this.json.readTree(accepted.body()).path("key").asString()).isEqualTo("sensor-1");

		ConsumerRecord<byte[], byte[]> published = recordOfTrace("telemetry.readings", traceId);
		ConsumerRecord<byte[], byte[]> alert = recordOfTrace("telemetry.alerts", traceId);
		assertThat(this.json.readTree(alert.value()).path("condition").asString()).isEqualTo("above-max");

		InvocationResult result = this.lambda.invoke(mskEvent(published), Duration.ofSeconds(60));
		assertThat(result.error()).as(result.body()).isFalse();
		assertThat(this.json.readTree(result.body()).path("processed").asInt()).isEqualTo(1);
		assertThat(lambdaMetricTraceIds()).as("trace ids on the Lambda's metric lines").contains(traceId);

		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(
					() -> assertThat(kindsOf(traceId)).contains(SpanKind.SERVER, SpanKind.PRODUCER, SpanKind.CONSUMER));
		SpanData server = spanOf(traceId, SpanKind.SERVER);
		SpanData producer = spanOf(traceId, SpanKind.PRODUCER);
		SpanData consumer = spanOf(traceId, SpanKind.CONSUMER);
		assertThat(server.getParentSpanContext().isRemote()).isTrue();
		// One chain: request -> publish -> the pipeline's record span -> its output
		// record.
		assertThat(producer.getParentSpanId()).isEqualTo(server.getSpanId());
		assertThat(consumer.getParentSpanId()).isEqualTo(producer.getSpanId());
		assertThat(traceparent(published)).isEqualTo("00-" + traceId + "-" + producer.getSpanId() + "-01");
		assertThat(traceparent(alert)).isEqualTo("00-" + traceId + "-" + consumer.getSpanId() + "-01");
	}

	private SpanData spanOf(String traceId, SpanKind kind) {
		List<SpanData> spans = this.spans.getFinishedSpanItems()
			.stream()
			.filter((span) -> span.getTraceId().equals(traceId) && span.getKind() == kind)
			.toList();
		assertThat(spans)
			.as("%s spans of the trace: %s", kind,
					spans.stream().map((span) -> span.getName() + " " + span.getAttributes()).toList())
			.hasSize(1);
		return spans.get(0);
	}

	private static String traceparent(ConsumerRecord<byte[], byte[]> record) {
		return new String(record.headers().lastHeader("traceparent").value(), StandardCharsets.UTF_8);
	}

	private List<SpanKind> kindsOf(String traceId) {
		return this.spans.getFinishedSpanItems()
			.stream()
			.filter((span) -> span.getTraceId().equals(traceId))
			.map(SpanData::getKind)
			.toList();
	}

	private ConsumerRecord<byte[], byte[]> recordOfTrace(String topic, String traceId) {
		try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(
				Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, this.brokers, ConsumerConfig.GROUP_ID_CONFIG,
						"trace-" + traceId + "-" + topic, ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
						ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class,
						ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class))) {
			consumer.subscribe(List.of(topic));
			long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
			while (System.nanoTime() < deadline) {
				for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
					Header traceparent = record.headers().lastHeader("traceparent");
					if (traceparent != null
							&& new String(traceparent.value(), StandardCharsets.UTF_8).contains("-" + traceId + "-")) {
						return record;
					}
				}
			}
		}
		throw new AssertionError("no record of trace " + traceId + " on " + topic);
	}

	/**
	 * The record as Lambda's MSK event source delivers it: base64 key and value, header
	 * bytes.
	 */
	private String mskEvent(ConsumerRecord<byte[], byte[]> record) {
		ObjectNode event = this.json.createObjectNode();
		event.put("eventSource", "aws:kafka");
		event.put("eventSourceArn", "arn:aws:kafka:us-east-1:123456789012:cluster/fnbridge/1");
		ObjectNode entry = this.json.createObjectNode();
		entry.put("topic", record.topic());
		entry.put("partition", record.partition());
		entry.put("offset", record.offset());
		entry.put("timestamp", record.timestamp());
		entry.put("timestampType", "CREATE_TIME");
		entry.put("key", Base64.getEncoder().encodeToString(record.key()));
		entry.put("value", Base64.getEncoder().encodeToString(record.value()));
		ArrayNode headers = entry.putArray("headers");
		for (Header header : record.headers()) {
			ArrayNode bytes = headers.addObject().putArray(header.key());
			for (byte b : header.value()) {
				bytes.add(b);
			}
		}
		event.putObject("records").putArray(record.topic() + "-" + record.partition()).add(entry);
		return this.json.writeValueAsString(event);
	}

	private List<String> lambdaMetricTraceIds() throws IOException {
		List<String> ids = new ArrayList<>();
		for (String line : Files.readAllLines(this.lambdaLog)) {
			if (line.startsWith("{\"_aws\"")) {
				JsonNode metric = this.json.readTree(line);
				ids.add(metric.path("traceId").asString(""));
			}
		}
		return ids;
	}

	private static byte[] randomBytes(int length) {
		byte[] bytes = new byte[length];
		new Random().nextBytes(bytes);
		bytes[0] |= 1;
		return bytes;
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class Spans {

		@Bean
		InMemorySpanExporter inMemorySpanExporter() {
			return InMemorySpanExporter.create();
		}

	}

}

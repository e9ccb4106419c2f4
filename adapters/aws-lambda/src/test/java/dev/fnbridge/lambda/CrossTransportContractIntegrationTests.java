package dev.fnbridge.lambda;

import java.nio.file.Path;
import java.util.Map;

import dev.fnbridge.app.FnbridgeApplication;
import dev.fnbridge.testkit.CrossTransportContracts;
import dev.fnbridge.testkit.Topics;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.kafka.test.context.EmbeddedKafka;

/**
 * The contract cases in {@code src/test/resources/contracts} over HTTP, Kafka (in-process
 * broker) and the packaged Lambda artifact behind API Gateway, SQS and MSK events, with
 * fnbridge's test kit. To add a contract: drop a case file there; a new function also
 * needs its topics below.
 */
@SpringBootTest(classes = FnbridgeApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "spring.kafka.bootstrap-servers=${spring.embedded.kafka.brokers}",
				"spring.cloud.stream.kafka.binder.min-partition-count=1" })
@EmbeddedKafka(partitions = 1)
class CrossTransportContractIntegrationTests extends CrossTransportContracts {

	CrossTransportContractIntegrationTests() {
		super(Path.of("src/test/resources/contracts"), Map.of("hello", new Topics("hello.requests", "hello.greetings"),
				"validateReading,enrichReading,detectAnomaly", new Topics("telemetry.readings", "telemetry.alerts"),
				"summarizeReadings", new Topics("telemetry.batches", "telemetry.summaries")));
	}

}

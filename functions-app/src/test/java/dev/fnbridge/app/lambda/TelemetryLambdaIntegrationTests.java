package dev.fnbridge.app.lambda;

import java.time.Duration;
import java.util.Map;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The telemetry pipeline deployed as one function, fed by SQS, Kinesis, MSK, self-managed
 * Kafka, SNS and EventBridge.
 */
class TelemetryLambdaIntegrationTests extends LambdaEnvironment {

	@Override
	Map<String, String> environment() {
		return Map.of("SPRING_CLOUD_FUNCTION_DEFINITION", "validateReading|enrichReading|detectAnomaly");
	}

	@Test
	void reportsOnlyTheFailedSqsRecordsAsBatchItemFailures() throws Exception {
		JsonNode response = ok(invoke("sqs-readings.json"));

		assertThat(response.path("batchItemFailures").findValuesAsString("itemIdentifier"))
			.containsExactly("2e1424d4-f796-459a-8184-9c92662be6da", "4b1c2a9e-1111-4c3b-9d51-8e2f00000003");
	}

	@Test
	void processesEveryMskRecord() throws Exception {
		assertThat(ok(invoke("msk-readings.json")).path("processed").asInt()).isEqualTo(3);
	}

	@Test
	void failsAnMskBatchAtThePoisonRecordNamingItsOffset() throws Exception {
		JsonNode error = functionError(invoke("msk-readings-poison.json"),
				"dev.fnbridge.lambda.LambdaFunctionError$InvalidInput");

		assertThat(error.path("errorMessage").asString())
			.startsWith("telemetry.readings-1@4: value: out of physical range");
	}

	@Test
	void processesSelfManagedKafkaRecords() throws Exception {
		assertThat(ok(invoke("self-managed-kafka-readings.json")).path("processed").asInt()).isEqualTo(1);
	}

	@Test
	void takesTheDetailOfAnEventBridgeEvent() throws Exception {
		JsonNode alert = ok(invoke("eventbridge-reading.json"));

		assertThat(alert.path("condition").asString()).isEqualTo("above-max");
		assertThat(alert.path("site").asString()).isEqualTo("plant-a");
	}

	@Test
	void processesEveryKinesisRecordInOrder() throws Exception {
		long before = successes();

		assertThat(ok(invoke("kinesis-readings.json")).path("batchItemFailures").isEmpty()).isTrue();
		await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(successes()).isEqualTo(before + 2));
	}

	@Test
	void stopsAKinesisBatchAtThePoisonRecordAndReportsItsSequenceNumber() throws Exception {
		long before = successes();

		JsonNode response = ok(invoke("kinesis-readings-poison.json"));

		assertThat(response.path("batchItemFailures").findValuesAsString("itemIdentifier"))
			.containsExactly("49590338271490256608559692540925702759324208523137515522");
		// Lambda retries the shard from the failed record: the one after it must not run
		// now as well.
		await().during(Duration.ofMillis(300))
			.atMost(Duration.ofSeconds(5))
			.untilAsserted(() -> assertThat(successes()).isEqualTo(before + 1));
	}

	@Test
	void passesEachInsertedOrModifiedDynamoDbItemAsPlainJsonAndNoRemovals() throws Exception {
		long before = successes();

		assertThat(ok(invoke("dynamodb-readings.json")).path("batchItemFailures").isEmpty()).isTrue();
		// INSERT and MODIFY reach the function; the REMOVE between them does not.
		await().during(Duration.ofMillis(300))
			.atMost(Duration.ofSeconds(5))
			.untilAsserted(() -> assertThat(successes()).isEqualTo(before + 2));
	}

	@Test
	void stopsADynamoDbStreamBatchAtThePoisonItemAndReportsItsSequenceNumber() throws Exception {
		long before = successes();

		JsonNode response = ok(invoke("dynamodb-readings-poison.json"));

		assertThat(response.path("batchItemFailures").findValuesAsString("itemIdentifier"))
			.containsExactly("111000000000000000000003");
		await().during(Duration.ofMillis(300))
			.atMost(Duration.ofSeconds(5))
			.untilAsserted(() -> assertThat(successes()).isEqualTo(before + 1));
	}

	@Test
	void invokesTheFunctionWithAnSnsMessageInItsCallersTrace() throws Exception {
		JsonNode result = ok(invoke("sns-reading.json"));

		assertThat(result.path("processed").asInt()).isEqualTo(1);
		await().atMost(Duration.ofSeconds(5))
			.untilAsserted(() -> assertThat(functionLog()).contains("\"outcome\":\"success\"",
					"\"traceId\":\"4bf92f3577b34da6a3ce929d0e0e4736\""));
	}

	@Test
	void failsAnSnsInvocationNamingTheMessage() throws Exception {
		JsonNode error = functionError(invoke("sns-reading-invalid.json"),
				"dev.fnbridge.lambda.LambdaFunctionError$InvalidInput");

		assertThat(error.path("errorMessage").asString())
			.startsWith("c2a1f0e3-7d7b-5c55-9a1e-1a2b3c4d5e6f: value: out of physical range");
	}

	private long successes() throws Exception {
		return Pattern.compile("\"transport\":\"lambda\",\"outcome\":\"success\"")
			.matcher(functionLog())
			.results()
			.count();
	}

}

package dev.fnbridge.lambda;

import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The telemetry pipeline deployed as one function, fed by SQS, MSK, self-managed Kafka
 * and EventBridge.
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

}

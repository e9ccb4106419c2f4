package dev.fnbridge.lambda;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * {@link LambdaEnvelopes}: which envelope each event source's events reach, and the
 * sources refused by name.
 */
class LambdaEnvelopesTests extends EnvelopeTestSupport {

	private LambdaEnvelopes envelopes;

	@BeforeEach
	void createRegistry() {
		this.envelopes = LambdaEnvelopes.standard(this.mapper);
	}

	@Test
	void givesEachEventSourceItsEnvelope() {
		assertThat(envelopeOf("apigw-v1-hello.json")).isInstanceOf(HttpEnvelope.class);
		assertThat(envelopeOf("apigw-v2-hello.json")).isInstanceOf(HttpEnvelope.class);
		assertThat(envelopeOf("function-url-hello-get.json")).isInstanceOf(HttpEnvelope.class);
		assertThat(envelopeOf("alb-multi-value-hello-get.json")).isInstanceOf(HttpEnvelope.class);
		assertThat(envelopeOf("sqs-readings.json")).isInstanceOf(SqsEnvelope.class);
		assertThat(envelopeOf("kinesis-readings.json")).isInstanceOf(KinesisEnvelope.class);
		assertThat(envelopeOf("dynamodb-readings.json")).isInstanceOf(DynamoDbEnvelope.class);
		assertThat(envelopeOf("sns-reading.json")).isInstanceOf(SnsEnvelope.class);
		assertThat(envelopeOf("msk-readings.json")).isInstanceOf(KafkaEnvelope.class);
		assertThat(envelopeOf("self-managed-kafka-readings.json")).isInstanceOf(KafkaEnvelope.class);
		assertThat(envelopeOf("eventbridge-reading.json")).isInstanceOf(EventBridgeEnvelope.class);
		assertThat(envelopeOf("direct-hello.json")).isInstanceOf(DirectEnvelope.class);
	}

	@Test
	void refusesSourcesWithoutAnEnvelopeByName() {
		assertRefused(event("s3-unsupported.json"), "Unsupported event source 'aws:s3'");
		assertRefused(event("mq-unsupported.json"), "Unsupported event source 'aws:mq'");
		assertRefused(bytes("{\"Records\":[{\"data\":{}}]}"), "Unsupported event: records without an event source");
		assertRefused(bytes("{\"Records\":[]}"), "Unsupported event: records without an event source");
	}

	@Test
	void refusesApiGatewayWebSocketRoutesByNameWithoutInvokingAFunction() {
		assertRefused(event("apigw-websocket-connect.json"), "Unsupported event source 'API Gateway WebSocket'");
		assertRefused(event("apigw-websocket-message.json"), "Unsupported event source 'API Gateway WebSocket'");
		assertThat(this.invocations.outcomes).isEmpty();
	}

	@Test
	void refusesACloudWatchLogsSubscriptionByName() {
		assertRefused(event("cloudwatch-logs.json"), "Unsupported event source 'CloudWatch Logs'");
		assertThat(this.invocations.outcomes).isEmpty();
	}

	@Test
	void refusesLambdaAtEdgeAndSesRecordsByName() {
		assertRefused(event("cloudfront-viewer-request.json"), "Unsupported event source 'CloudFront Lambda@Edge'");
		assertRefused(event("ses-receipt.json"), "Unsupported event source 'aws:ses'");
	}

	@Test
	void passesCognitoTriggersIotRulesAndScheduledEventsToTheirEnvelopes() {
		assertThat(envelopeOf("cognito-pre-sign-up.json")).isInstanceOf(DirectEnvelope.class);
		assertThat(envelopeOf("iot-rule-reading.json")).isInstanceOf(DirectEnvelope.class);
		assertThat(envelopeOf("eventbridge-scheduled.json")).isInstanceOf(EventBridgeEnvelope.class);
	}

	@Test
	void recognizesABatchByItsRecordsBeforeItsOtherFields() {
		// Kafka's and EventBridge's fields do not make an S3 batch theirs.
		assertRefused(bytes("{\"Records\":[{\"eventSource\":\"aws:s3\"}],\"eventSource\":\"aws:kafka\","
				+ "\"records\":{},\"detail-type\":\"x\",\"detail\":{}}"), "Unsupported event source 'aws:s3'");
		assertRefused(bytes("{\"eventSource\":\"aws:docdb\",\"detail-type\":\"x\",\"detail\":{}}"),
				"Unsupported event source 'aws:docdb'");
	}

	@Test
	void refusesAnEventOfSourcesWithoutAnEnvelopeWithoutInvokingAFunction() {
		assertThatExceptionOfType(LambdaFunctionError.InvalidInput.class)
			.isThrownBy(() -> dispatcher("validateReading").dispatch(event("s3-unsupported.json"), "req-1"));
		assertThat(this.invocations.outcomes).isEmpty();
	}

	private LambdaEnvelope envelopeOf(String file) {
		return this.envelopes.envelopeOf(this.mapper.readTree(event(file)));
	}

	private void assertRefused(byte[] event, String message) {
		LambdaEnvelope envelope = this.envelopes.envelopeOf(this.mapper.readTree(event));
		assertThatExceptionOfType(LambdaFunctionError.InvalidInput.class)
			.isThrownBy(() -> envelope.handle(this.mapper.readTree(event), event, context("hello")))
			.withMessage(message);
	}

}

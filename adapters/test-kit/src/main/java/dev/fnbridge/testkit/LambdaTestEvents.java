package dev.fnbridge.testkit;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;

import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Minimal Lambda events of each source, one record each, as AWS sends them: for tests
 * that invoke a packaged zip through {@code LocalLambda}.
 */
public final class LambdaTestEvents {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final String ACCOUNT = "arn:aws:%s:us-east-1:123456789012:";

	private LambdaTestEvents() {
	}

	/**
	 * An API Gateway HTTP API (payload 2.0) {@code POST} with a JSON body.
	 * @param path the request path, e.g. {@code /hello}
	 * @param body the body
	 * @return the event
	 */
	public static ObjectNode apiGatewayPost(String path, byte[] body) {
		ObjectNode event = JSON.createObjectNode();
		event.put("version", "2.0");
		event.put("routeKey", "POST " + path);
		event.put("rawPath", path);
		event.put("rawQueryString", "");
		event.putObject("headers").put("content-type", "application/json");
		ObjectNode context = event.putObject("requestContext");
		context.put("requestId", UUID.randomUUID().toString());
		context.put("stage", "$default");
		context.putObject("http").put("method", "POST").put("path", path).put("protocol", "HTTP/1.1");
		event.put("body", new String(body, StandardCharsets.UTF_8));
		event.put("isBase64Encoded", false);
		return event;
	}

	/**
	 * An SQS event of one message, received once.
	 * @param messageId the message id, which a batch item failure names
	 * @param body the message body
	 * @return the event
	 */
	public static ObjectNode sqs(String messageId, byte[] body) {
		ObjectNode event = JSON.createObjectNode();
		ObjectNode record = event.putArray("Records").addObject();
		record.put("messageId", messageId);
		record.put("receiptHandle", "test");
		record.put("body", new String(body, StandardCharsets.UTF_8));
		record.putObject("attributes").put("ApproximateReceiveCount", "1");
		record.putObject("messageAttributes");
		record.put("eventSource", "aws:sqs");
		record.put("eventSourceARN", ACCOUNT.formatted("sqs") + "tests");
		record.put("awsRegion", "us-east-1");
		return event;
	}

	/**
	 * A Kinesis event of one record.
	 * @param sequenceNumber the record's sequence number, which a batch item failure
	 * names
	 * @param data the record's data
	 * @return the event
	 */
	public static ObjectNode kinesis(String sequenceNumber, byte[] data) {
		ObjectNode event = JSON.createObjectNode();
		ObjectNode record = event.putArray("Records").addObject();
		ObjectNode kinesis = record.putObject("kinesis");
		kinesis.put("kinesisSchemaVersion", "1.0");
		kinesis.put("partitionKey", "test");
		kinesis.put("sequenceNumber", sequenceNumber);
		kinesis.put("data", Base64.getEncoder().encodeToString(data));
		kinesis.put("approximateArrivalTimestamp", System.currentTimeMillis() / 1000.0);
		record.put("eventSource", "aws:kinesis");
		record.put("eventVersion", "1.0");
		record.put("eventID", "shardId-000000000000:" + sequenceNumber);
		record.put("eventName", "aws:kinesis:record");
		record.put("awsRegion", "us-east-1");
		record.put("eventSourceARN", ACCOUNT.formatted("kinesis") + "stream/tests");
		return event;
	}

	/**
	 * An SNS event of one notification.
	 * @param message the message
	 * @return the event
	 */
	public static ObjectNode sns(byte[] message) {
		ObjectNode event = JSON.createObjectNode();
		ObjectNode record = event.putArray("Records").addObject();
		record.put("EventSource", "aws:sns");
		record.put("EventVersion", "1.0");
		record.put("EventSubscriptionArn", ACCOUNT.formatted("sns") + "tests:subscription");
		ObjectNode sns = record.putObject("Sns");
		sns.put("Type", "Notification");
		sns.put("MessageId", UUID.randomUUID().toString());
		sns.put("TopicArn", ACCOUNT.formatted("sns") + "tests");
		sns.put("Message", new String(message, StandardCharsets.UTF_8));
		sns.put("Timestamp", Instant.now().toString());
		sns.putObject("MessageAttributes");
		return event;
	}

	/**
	 * An MSK (Kafka event source) event of one record at offset 0 of partition 0.
	 * @param topic the topic, a label in the event
	 * @param value the record's value
	 * @return the event
	 */
	public static ObjectNode msk(String topic, byte[] value) {
		ObjectNode event = JSON.createObjectNode();
		event.put("eventSource", "aws:kafka");
		event.put("eventSourceArn", ACCOUNT.formatted("kafka") + "cluster/tests/1");
		ObjectNode record = event.putObject("records").putArray(topic + "-0").addObject();
		record.put("topic", topic);
		record.put("partition", 0);
		record.put("offset", 0);
		record.put("timestamp", System.currentTimeMillis());
		record.put("timestampType", "CREATE_TIME");
		record.put("value", Base64.getEncoder().encodeToString(value));
		record.putArray("headers");
		return event;
	}

}

package dev.fnbridge.lambda;

import java.util.Base64;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

import dev.fnbridge.core.error.InvalidInputException;
import dev.fnbridge.core.invocation.ContentTypes;
import dev.fnbridge.core.invocation.Payload;
import tools.jackson.databind.JsonNode;

/** Fields several event sources share, read the same way for each. */
final class EventFields {

	private EventFields() {
	}

	/**
	 * Whether an event is a batch of {@code Records} (SQS, Kinesis, DynamoDB, SNS, and
	 * sources without an envelope such as S3).
	 * @param event the event
	 * @return whether it has a {@code Records} array
	 */
	static boolean hasRecords(JsonNode event) {
		return event.isObject() && event.path("Records").isArray();
	}

	/**
	 * The source of a {@code Records} batch, from its first record ({@code eventSource},
	 * or SNS's {@code EventSource}).
	 * @param event the event
	 * @return the source, empty if there is none
	 */
	static String recordsSource(JsonNode event) {
		JsonNode first = event.path("Records").path(0);
		return first.path("eventSource").asString(first.path("EventSource").asString(""));
	}

	/**
	 * Whether an event is a {@code Records} batch of one source.
	 * @param event the event
	 * @param source the source, e.g. {@code aws:sqs}
	 * @return whether it is
	 */
	static boolean isRecordsOf(JsonNode event, String source) {
		return hasRecords(event) && source.equals(recordsSource(event));
	}

	/**
	 * The top-level {@code eventSource} (Kafka, Amazon MQ, ...).
	 * @param event the event
	 * @return the source, empty if there is none
	 */
	static String eventSource(JsonNode event) {
		return event.path("eventSource").asString("");
	}

	/**
	 * The trace fields of SQS or SNS message attributes, keys lower-cased as the
	 * propagator looks them up.
	 * @param attributes the attributes object
	 * @param valueField where an attribute keeps its text ({@code stringValue} on SQS,
	 * {@code Value} on SNS)
	 * @return the carrier
	 */
	static Map<String, String> traceCarrier(JsonNode attributes, String valueField) {
		Map<String, String> carrier = new HashMap<>();
		attributes.properties()
			.forEach((attribute) -> carrier.put(attribute.getKey().toLowerCase(Locale.ROOT),
					attribute.getValue().path(valueField).asString("")));
		return carrier;
	}

	/**
	 * The {@code contentType} message attribute of SQS or SNS, as the Spring Cloud AWS
	 * messaging libraries set it.
	 * @param attributes the attributes object
	 * @param valueField where an attribute keeps its text ({@code stringValue} on SQS,
	 * {@code Value} on SNS)
	 * @return the declared type, or {@code null}
	 */
	static String contentType(JsonNode attributes, String valueField) {
		for (Map.Entry<String, JsonNode> attribute : attributes.properties()) {
			if (attribute.getKey().equalsIgnoreCase("contentType")) {
				return attribute.getValue().path(valueField).asString(null);
			}
		}
		return null;
	}

	/**
	 * A record's payload by the rule of the Kafka transport: JSON, unless it declares
	 * {@code text/plain} (then text for a function taking text).
	 * @param bytes the payload
	 * @param contentType the declared type, or {@code null}; quotes (a JSON-encoded
	 * {@code MimeType}, as Spring's header mapper writes it) and spaces are ignored
	 * @return the payload
	 */
	static Payload payload(byte[] bytes, String contentType) {
		return (contentType != null && ContentTypes.isText(contentType.replace("\"", "").strip())) ? Payload.text(bytes)
				: Payload.json(bytes);
	}

	/**
	 * A base64 record field (Kinesis data, Kafka keys and values).
	 * @param base64 the text
	 * @return the bytes
	 * @throws InvalidInputException if it is not base64
	 */
	static byte[] decode(String base64) {
		try {
			return Base64.getDecoder().decode(base64);
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidInputException("", "A record field is not valid base64");
		}
	}

}

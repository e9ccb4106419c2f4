package dev.fnbridge.lambda;

import dev.fnbridge.core.error.InvalidInputException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * DynamoDB Streams: the item each record inserted or modified, as plain JSON
 * ({@link DynamoDbItem}), is one invocation, in shard order, with the stream batch
 * semantics of {@link StreamBatchEnvelope}. A removal has no new item: it is passed by,
 * since functions receive items, not deletions.
 */
final class DynamoDbEnvelope extends StreamBatchEnvelope {

	DynamoDbEnvelope(ObjectMapper mapper) {
		super(mapper, "aws:dynamodb");
	}

	@Override
	byte[] payload(JsonNode record) {
		if ("REMOVE".equals(record.path("eventName").asString(""))) {
			return null;
		}
		JsonNode image = record.path("dynamodb").path("NewImage");
		if (!image.isObject()) {
			throw new InvalidInputException("",
					"The stream record has no new image: set the stream's view type to NEW_IMAGE or NEW_AND_OLD_IMAGES");
		}
		return mapper().writeValueAsBytes(DynamoDbItem.toJson(image));
	}

	@Override
	String sequenceNumber(JsonNode record) {
		return record.path("dynamodb").path("SequenceNumber").asString("");
	}

}

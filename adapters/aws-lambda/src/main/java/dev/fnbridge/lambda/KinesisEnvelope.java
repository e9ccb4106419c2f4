package dev.fnbridge.lambda;

import dev.fnbridge.core.error.InvalidInputException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Kinesis: each record's base64 {@code data} is one invocation, in shard order, with the
 * stream batch semantics of {@link StreamBatchEnvelope}.
 */
final class KinesisEnvelope extends StreamBatchEnvelope {

	KinesisEnvelope(ObjectMapper mapper) {
		super(mapper, "aws:kinesis");
	}

	@Override
	byte[] payload(JsonNode record) {
		JsonNode data = record.path("kinesis").path("data");
		if (!data.isString()) {
			throw new InvalidInputException("", "A payload is required");
		}
		return EventFields.decode(data.asString());
	}

	@Override
	String sequenceNumber(JsonNode record) {
		return record.path("kinesis").path("sequenceNumber").asString("");
	}

}

package dev.fnbridge.lambda;

import java.util.Arrays;

import dev.fnbridge.core.error.InvalidInputException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Kinesis: each record's base64 {@code data} is one invocation, in shard order, with the
 * stream batch semantics of {@link StreamBatchEnvelope}. A record the Kinesis Producer
 * Library aggregated is refused as such (a batch item failure), not read as JSON.
 */
final class KinesisEnvelope extends StreamBatchEnvelope {

	/** The first bytes of a record the Kinesis Producer Library aggregated. */
	private static final byte[] KPL_MAGIC = { (byte) 0xF3, (byte) 0x89, (byte) 0x9A, (byte) 0xC2 };

	KinesisEnvelope(ObjectMapper mapper) {
		super(mapper, "aws:kinesis");
	}

	@Override
	byte[] payload(JsonNode record) {
		JsonNode data = record.path("kinesis").path("data");
		if (!data.isString()) {
			throw new InvalidInputException("", "A payload is required");
		}
		byte[] bytes = EventFields.decode(data.asString());
		if (isAggregated(bytes)) {
			throw new InvalidInputException("",
					"The record is a KPL aggregate: deaggregate it, or produce without aggregation");
		}
		return bytes;
	}

	/** Whether data starts with the Kinesis Producer Library's aggregation magic. */
	private static boolean isAggregated(byte[] bytes) {
		return bytes.length > KPL_MAGIC.length
				&& Arrays.equals(bytes, 0, KPL_MAGIC.length, KPL_MAGIC, 0, KPL_MAGIC.length);
	}

	@Override
	String sequenceNumber(JsonNode record) {
		return record.path("kinesis").path("sequenceNumber").asString("");
	}

}

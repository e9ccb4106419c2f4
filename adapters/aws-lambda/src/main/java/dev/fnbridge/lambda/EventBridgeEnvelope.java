package dev.fnbridge.lambda;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * EventBridge: the event's {@code detail} is the configured function's input, its JSON
 * result the answer, as for a direct invocation.
 */
final class EventBridgeEnvelope implements LambdaEnvelope {

	private final ObjectMapper mapper;

	EventBridgeEnvelope(ObjectMapper mapper) {
		this.mapper = mapper;
	}

	@Override
	public boolean accepts(JsonNode event) {
		return event.isObject() && event.has("detail-type") && event.has("detail");
	}

	@Override
	public byte[] handle(JsonNode event, byte[] eventBytes, InvocationContext context) {
		return DirectEnvelope.answer(this.mapper.writeValueAsBytes(event.get("detail")), context);
	}

}

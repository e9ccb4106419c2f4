package dev.fnbridge.lambda;

import java.util.List;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * The envelopes, in the order they are asked: the first that accepts an event handles it.
 * HTTP sources first (their events have no {@code eventSource}), then the {@code Records}
 * batches, Kafka, EventBridge and, for anything else, a direct invocation. A batch or an
 * {@code aws:} source without an envelope here (S3, SES, Amazon MQ, DocumentDB streams,
 * CloudFront Lambda@Edge, ...), an API Gateway WebSocket route and a CloudWatch Logs
 * subscription are refused by name rather than handed to the function as its input.
 */
final class LambdaEnvelopes {

	private final List<LambdaEnvelope> envelopes;

	/**
	 * Creates the registry.
	 * @param envelopes the envelopes in the order they are asked; the last should accept
	 * every event
	 */
	LambdaEnvelopes(List<LambdaEnvelope> envelopes) {
		this.envelopes = List.copyOf(envelopes);
	}

	/**
	 * Every event source fnbridge supports.
	 * @param mapper writes responses
	 * @return the registry
	 */
	static LambdaEnvelopes standard(ObjectMapper mapper) {
		return new LambdaEnvelopes(List.of(new HttpEnvelope(mapper), new SqsEnvelope(mapper),
				new KinesisEnvelope(mapper), new DynamoDbEnvelope(mapper), new SnsEnvelope(mapper), Refusal.RECORDS,
				new KafkaEnvelope(mapper), Refusal.AWS_SOURCE, Refusal.WEBSOCKET, Refusal.CLOUDWATCH_LOGS,
				new EventBridgeEnvelope(mapper), new DirectEnvelope()));
	}

	/**
	 * The envelope of an event.
	 * @param event the event
	 * @return the first envelope that accepts it
	 * @throws LambdaFunctionError.InvalidInput if none does
	 */
	LambdaEnvelope envelopeOf(JsonNode event) {
		for (LambdaEnvelope envelope : this.envelopes) {
			if (envelope.accepts(event)) {
				return envelope;
			}
		}
		throw new LambdaFunctionError.InvalidInput("Unsupported event");
	}

	/** Events of sources without an envelope: refused, naming the source. */
	enum Refusal implements LambdaEnvelope {

		/**
		 * A {@code Records} batch no envelope before took. Checked before Kafka, as a
		 * batch is recognized by its records first.
		 */
		RECORDS {
			@Override
			public boolean accepts(JsonNode event) {
				return EventFields.hasRecords(event);
			}

			@Override
			String message(JsonNode event) {
				String source = EventFields.recordsSource(event);
				if (source.isEmpty() && event.path("Records").path(0).path("cf").isObject()) {
					// Lambda@Edge records name no source.
					source = "CloudFront Lambda@Edge";
				}
				return source.isEmpty() ? "Unsupported event: records without an event source"
						: "Unsupported event source '" + source + "'";
			}
		},

		/** An {@code aws:} event source no envelope before took. */
		AWS_SOURCE {
			@Override
			public boolean accepts(JsonNode event) {
				return EventFields.eventSource(event).startsWith("aws:");
			}

			@Override
			String message(JsonNode event) {
				return "Unsupported event source '" + EventFields.eventSource(event) + "'";
			}
		},

		/**
		 * An API Gateway WebSocket route's event: a connection and an event type, no HTTP
		 * method; never a function's input as it stands.
		 */
		WEBSOCKET {
			@Override
			public boolean accepts(JsonNode event) {
				JsonNode request = event.path("requestContext");
				return request.path("connectionId").isString() && request.path("eventType").isString();
			}

			@Override
			String message(JsonNode event) {
				return "Unsupported event source 'API Gateway WebSocket'";
			}
		},

		/** A CloudWatch Logs subscription's gzip-compressed, base64-encoded batch. */
		CLOUDWATCH_LOGS {
			@Override
			public boolean accepts(JsonNode event) {
				return event.path("awslogs").path("data").isString();
			}

			@Override
			String message(JsonNode event) {
				return "Unsupported event source 'CloudWatch Logs'";
			}
		};

		abstract String message(JsonNode event);

		@Override
		public byte[] handle(JsonNode event, byte[] eventBytes, InvocationContext context) {
			throw new LambdaFunctionError.InvalidInput(message(event));
		}

	}

}

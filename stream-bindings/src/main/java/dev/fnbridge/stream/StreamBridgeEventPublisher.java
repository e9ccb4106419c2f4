package dev.fnbridge.stream;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

import dev.fnbridge.core.error.TransientFailureException;
import dev.fnbridge.core.events.EventPublisher;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.cloud.stream.function.StreamBridge;
import org.springframework.kafka.KafkaException;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.MessageHeaders;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.util.MimeTypeUtils;

/**
 * Publishes events to a function's input topic through Spring Cloud Stream, with the
 * binder's producer settings (acks=all, idempotent); StreamBridge's own observation opens
 * the PRODUCER span and writes its context into the record's headers.
 */
class StreamBridgeEventPublisher implements EventPublisher {

	private final ObjectProvider<StreamBridge> bridge;

	private final BindingFunctions functions;

	private final OutputFlush outputs;

	StreamBridgeEventPublisher(ObjectProvider<StreamBridge> bridge, BindingFunctions functions, OutputFlush outputs) {
		this.bridge = bridge;
		this.functions = functions;
		this.outputs = outputs;
	}

	@Override
	public Optional<PublishedEvent> publish(String definition, byte[] payload, @Nullable String key) {
		Optional<String> topic = this.functions.inputDestination(definition);
		topic.ifPresent((destination) -> {
			MessageBuilder<byte[]> message = MessageBuilder.withPayload(payload)
				.setHeader(MessageHeaders.CONTENT_TYPE, MimeTypeUtils.APPLICATION_JSON_VALUE);
			if (key != null) {
				message.setHeader(KafkaHeaders.KEY, key.getBytes(StandardCharsets.UTF_8));
			}
			try {
				if (!this.bridge.getObject().send(destination, message.build())) {
					throw new TransientFailureException("The event could not be published to " + destination, null);
				}
				// Sends are asynchronous: the caller hears "accepted" only once the
				// broker has it.
				this.outputs.flush();
			}
			catch (KafkaException ex) {
				throw new TransientFailureException("The event could not be published to " + destination, ex);
			}
		});
		return topic.map((destination) -> new PublishedEvent(definition, destination, key));
	}

}

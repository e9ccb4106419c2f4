package dev.fnbridge.core.events;

import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * Publishes an event to a function's input topic: the asynchronous way to invoke it, e.g.
 * {@code POST /events/{function}} over HTTP. The Kafka transport implements it; the
 * current trace travels with the event.
 */
public interface EventPublisher {

	/**
	 * Publishes one event and waits until the broker has it.
	 * @param definition the function definition, e.g. {@code hello} or
	 * {@code validateReading|enrichReading|detectAnomaly}
	 * @param payload the event as JSON bytes, already checked against the function's
	 * input
	 * @param key the record key, or {@code null}
	 * @return where the event went, or empty when the function has no input topic
	 */
	Optional<PublishedEvent> publish(String definition, byte[] payload, @Nullable String key);

	/**
	 * Where an event went.
	 *
	 * @param function the function definition
	 * @param topic the input topic
	 * @param key the record key, or {@code null}
	 */
	record PublishedEvent(String function, String topic, @Nullable String key) {
	}

}

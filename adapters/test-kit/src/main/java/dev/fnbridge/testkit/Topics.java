package dev.fnbridge.testkit;

/**
 * The Kafka topics a function is bound to.
 *
 * @param input the input topic
 * @param output the output topic, {@code null} for a consumer
 * @param deadLetters the dead-letter topic
 */
public record Topics(String input, String output, String deadLetters) {

	/**
	 * Topics with the default dead-letter topic, the input topic plus {@code .dlq}.
	 * @param input the input topic
	 * @param output the output topic, {@code null} for a consumer
	 */
	public Topics(String input, String output) {
		this(input, output, input + ".dlq");
	}

}

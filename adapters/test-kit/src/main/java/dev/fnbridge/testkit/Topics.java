package dev.fnbridge.testkit;

/**
 * The Kafka topics a function is bound to; its dead letters go to the input topic plus
 * {@code .dlq}.
 *
 * @param input the input topic
 * @param output the output topic
 */
public record Topics(String input, String output) {

	/**
	 * The dead-letter topic.
	 * @return the input topic plus {@code .dlq}
	 */
	public String deadLetters() {
		return this.input + ".dlq";
	}

}

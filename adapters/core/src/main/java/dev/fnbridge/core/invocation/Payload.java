package dev.fnbridge.core.invocation;

/**
 * An invocation's input as a transport received it, before it is read: the pipeline reads
 * every kind by the same rules, whatever carried it.
 */
public sealed interface Payload {

	/**
	 * A JSON body (an HTTP body, a record value, an event).
	 * @param bytes the body
	 * @return the payload
	 */
	static Payload json(byte[] bytes) {
		return new Body(bytes, false);
	}

	/**
	 * A body declared {@code text/*}: text for a function taking text, JSON otherwise.
	 * @param bytes the body
	 * @return the payload
	 */
	static Payload text(byte[] bytes) {
		return new Body(bytes, true);
	}

	/**
	 * A path argument ({@code GET /{function}/{argument}}), already percent-decoded.
	 * @param text the argument
	 * @return the payload
	 */
	static Payload argument(String text) {
		return new Argument(text);
	}

	/**
	 * A value a transport already holds as an object.
	 * @param value the value
	 * @return the payload
	 */
	static Payload value(Object value) {
		return new Value(value);
	}

	/**
	 * No input: a supplier's invocation.
	 * @return the payload
	 */
	static Payload none() {
		return None.INSTANCE;
	}

	/**
	 * Its size, for the payload size metric.
	 * @return the size in bytes (characters for an argument), {@code -1} if unknown
	 */
	long size();

	/**
	 * Bytes as received.
	 *
	 * @param bytes the bytes
	 * @param text whether they were declared {@code text/*}
	 */
	record Body(byte[] bytes, boolean text) implements Payload {

		@Override
		public long size() {
			return this.bytes.length;
		}

	}

	/**
	 * A path argument.
	 *
	 * @param text the decoded argument
	 */
	record Argument(String text) implements Payload {

		@Override
		public long size() {
			return this.text.length();
		}

	}

	/**
	 * An object.
	 *
	 * @param value the value
	 */
	record Value(Object value) implements Payload {

		@Override
		public long size() {
			return -1;
		}

	}

	/** Nothing. */
	enum None implements Payload {

		/** The only one. */
		INSTANCE;

		@Override
		public long size() {
			return -1;
		}

	}

}

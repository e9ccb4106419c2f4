package dev.fnbridge.core.error;

/**
 * Thrown by a transport when an input exceeds its configured size limit.
 */
public class PayloadTooLargeException extends RuntimeException {

	private final long limitBytes;

	/**
	 * Creates the exception.
	 * @param limitBytes the limit that was exceeded, in bytes
	 */
	public PayloadTooLargeException(long limitBytes) {
		super("Payload exceeds the limit of " + limitBytes + " bytes", null, false, false);
		this.limitBytes = limitBytes;
	}

	/**
	 * The limit that was exceeded.
	 * @return the limit in bytes
	 */
	public long limitBytes() {
		return this.limitBytes;
	}

}

package dev.fnbridge.app.summary;

/**
 * A batch with more readings than {@code fnbridge.summary.max-readings}: the summary
 * feature's own exception, which
 * {@link SummaryFunctions#tooManyReadingsIsPayloadTooLarge()} maps to fnbridge's
 * payload-too-large for every transport.
 */
public class TooManyReadingsException extends RuntimeException {

	/**
	 * Creates the exception.
	 * @param readings how many readings the batch has
	 * @param maxReadings how many it may have
	 */
	public TooManyReadingsException(int readings, int maxReadings) {
		super("A batch has at most " + maxReadings + " readings, not " + readings);
	}

}

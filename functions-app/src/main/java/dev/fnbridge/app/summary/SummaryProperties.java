package dev.fnbridge.app.summary;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Configuration of {@code summarizeReadings}.
 */
@ConfigurationProperties("fnbridge.summary")
public class SummaryProperties {

	/**
	 * Most readings one batch may have; a larger batch is refused as payload-too-large
	 * before any reading is validated, so one request cannot make the function do
	 * unbounded work or answer with unbounded violations.
	 */
	private int maxReadings = 10_000;

	public int getMaxReadings() {
		return this.maxReadings;
	}

	public void setMaxReadings(int maxReadings) {
		this.maxReadings = maxReadings;
	}

}

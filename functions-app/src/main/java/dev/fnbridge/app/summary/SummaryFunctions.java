package dev.fnbridge.app.summary;

import java.util.List;
import java.util.function.Function;

import dev.fnbridge.app.telemetry.Reading;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Declares {@code summarizeReadings}.
 */
@Configuration(proxyBeanMethods = false)
public class SummaryFunctions {

	/**
	 * {@code summarizeReadings}: a JSON array of readings in, per-device statistics out.
	 * See {@link ReadingSummarizer}.
	 * @param validateReading the reading validator, applied to every element
	 * @return the function
	 */
	@Bean
	public Function<List<Reading>, List<DeviceSummary>> summarizeReadings(
			@Qualifier("validateReading") Function<Reading, Reading> validateReading) {
		return new ReadingSummarizer(validateReading);
	}

}

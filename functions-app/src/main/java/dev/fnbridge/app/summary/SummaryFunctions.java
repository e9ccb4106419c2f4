package dev.fnbridge.app.summary;

import java.util.List;
import java.util.function.Function;

import dev.fnbridge.app.telemetry.Reading;
import dev.fnbridge.core.error.ErrorCategory;
import dev.fnbridge.core.error.ErrorMapper;

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
	 * @param properties the batch limit
	 * @return the function
	 */
	@Bean
	public Function<List<Reading>, List<DeviceSummary>> summarizeReadings(
			@Qualifier("validateReading") Function<Reading, Reading> validateReading, SummaryProperties properties) {
		return new ReadingSummarizer(validateReading, properties.getMaxReadings());
	}

	/**
	 * A batch over the limit is more than the function takes: payload-too-large over HTTP
	 * (413), Kafka (dead letter, no retry) and Lambda alike, with the exception's message
	 * as the detail.
	 * @return the mapper
	 */
	@Bean
	public ErrorMapper tooManyReadingsIsPayloadTooLarge() {
		return ErrorMapper.of(TooManyReadingsException.class, ErrorCategory.PAYLOAD_TOO_LARGE);
	}

}

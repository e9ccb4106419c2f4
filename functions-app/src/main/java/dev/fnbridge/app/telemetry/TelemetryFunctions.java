package dev.fnbridge.app.telemetry;

import java.time.Clock;
import java.util.function.Function;

import dev.fnbridge.core.error.ErrorMapper;
import dev.fnbridge.core.error.InvalidInputException;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Declares the telemetry functions. Their bean names are public contracts: HTTP paths,
 * Kafka bindings and Lambda function definitions.
 */
@Configuration(proxyBeanMethods = false)
public class TelemetryFunctions {

	/**
	 * {@code validateReading}: {@link Reading} in, normalized {@link Reading} out;
	 * invalid input fails with field violations. See {@link ReadingValidator}.
	 * @param validator Bean Validation
	 * @param clock the clock, if the application defines one (tests do)
	 * @param properties the telemetry configuration
	 * @return the function
	 */
	@Bean
	public Function<Reading, Reading> validateReading(ObjectProvider<Clock> clock, TelemetryProperties properties) {
		return new ReadingValidator(clock.getIfAvailable(Clock::systemUTC), properties.getMaxClockSkew());
	}

	/**
	 * {@code enrichReading}: {@link Reading} in, {@link EnrichedReading} out; an unknown
	 * device fails validation. See {@link ReadingEnricher}.
	 * @param properties the device registry
	 * @return the function
	 */
	@Bean
	public Function<Reading, EnrichedReading> enrichReading(TelemetryProperties properties) {
		return new ReadingEnricher(properties);
	}

	/**
	 * {@code detectAnomaly}: {@link EnrichedReading} in, {@link Alert} or nothing out.
	 * See {@link AnomalyDetector}.
	 * @param properties the thresholds
	 * @return the function
	 */
	@Bean
	public Function<EnrichedReading, Alert> detectAnomaly(TelemetryProperties properties) {
		return new AnomalyDetector(properties);
	}

	/**
	 * The feature's {@link UnknownDeviceException} is the caller's mistake: invalid input
	 * on {@code deviceId} over HTTP (400), Kafka (dead letter, no retry) and Lambda
	 * alike.
	 * @return the mapper
	 */
	@Bean
	public ErrorMapper unknownDeviceIsInvalidInput() {
		return (exception) -> (exception instanceof UnknownDeviceException unknown)
				? new InvalidInputException("deviceId", unknown.getMessage()).toClassifiedError() : null;
	}

}

package dev.fnbridge.app.telemetry;

import java.util.function.Function;

import dev.fnbridge.core.error.InvalidInputException;

/**
 * Adds the site and owner of a reading's device, from {@code fnbridge.telemetry.devices}.
 * A device that is not registered there is an {@link UnknownDeviceException}, which the
 * feature maps to invalid input on {@code deviceId}.
 */
public class ReadingEnricher implements Function<Reading, EnrichedReading> {

	private final TelemetryProperties properties;

	/**
	 * Creates the enricher.
	 * @param properties the device registry
	 */
	public ReadingEnricher(TelemetryProperties properties) {
		this.properties = properties;
	}

	/**
	 * Enriches.
	 * @param reading a validated reading
	 * @return the reading with its device's metadata
	 * @throws UnknownDeviceException if the device is unknown
	 */
	@Override
	public EnrichedReading apply(Reading reading) {
		if (reading == null || reading.deviceId() == null) {
			throw new InvalidInputException("deviceId", "must not be blank");
		}
		TelemetryProperties.Device device = this.properties.getDevices().get(reading.deviceId());
		if (device == null) {
			throw new UnknownDeviceException(reading.deviceId());
		}
		double value = (reading.value() != null) ? reading.value() : Double.NaN;
		return new EnrichedReading(reading.deviceId(), reading.type(), value, reading.unit(), reading.timestamp(),
				device.getSite(), device.getOwner());
	}

}

package dev.fnbridge.app.telemetry;

/**
 * A reading from a device that is not in the registry: the telemetry feature's own
 * exception, which {@link TelemetryFunctions#unknownDeviceIsInvalidInput()} maps to
 * fnbridge's invalid input for every transport.
 */
public class UnknownDeviceException extends RuntimeException {

	private final String deviceId;

	/**
	 * Creates the exception.
	 * @param deviceId the unregistered device
	 */
	public UnknownDeviceException(String deviceId) {
		super("unknown device '" + deviceId + "'");
		this.deviceId = deviceId;
	}

	/**
	 * The unregistered device.
	 * @return its id
	 */
	public String deviceId() {
		return this.deviceId;
	}

}

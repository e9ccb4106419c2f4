package dev.fnbridge.app.telemetry;

/**
 * Test fixtures: telemetry properties with one device and the default thresholds of
 * application.yml.
 */
final class TelemetryFixtures {

	private TelemetryFixtures() {
	}

	static TelemetryProperties properties() {
		TelemetryProperties properties = new TelemetryProperties();
		TelemetryProperties.Device device = new TelemetryProperties.Device();
		device.setSite("plant-a");
		device.setOwner("ops-team");
		properties.getDevices().put("sensor-1", device);
		properties.getThresholds().put("temperature", threshold(-20.0, 60.0));
		properties.getThresholds().put("co2", threshold(null, 2000.0));
		return properties;
	}

	static TelemetryProperties.Threshold threshold(Double min, Double max) {
		TelemetryProperties.Threshold threshold = new TelemetryProperties.Threshold();
		threshold.setMin(min);
		threshold.setMax(max);
		return threshold;
	}

}

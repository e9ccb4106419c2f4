package dev.fnbridge.app.telemetry;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Configuration of the telemetry pipeline.
 */
@ConfigurationProperties("fnbridge.telemetry")
public class TelemetryProperties {

	/**
	 * Devices known to the pipeline, by device id; readings of other devices are rejected
	 * by enrichReading.
	 */
	private Map<String, Device> devices = new LinkedHashMap<>();

	/**
	 * Alert thresholds by sensor type (temperature, humidity, pressure, co2), in the
	 * type's canonical unit (C, %, hPa, ppm).
	 */
	private Map<String, Threshold> thresholds = new LinkedHashMap<>();

	/**
	 * How far in the future a reading's timestamp may lie before it is rejected, to allow
	 * for device clock drift.
	 */
	private Duration maxClockSkew = Duration.ofMinutes(1);

	public Map<String, Device> getDevices() {
		return this.devices;
	}

	public void setDevices(Map<String, Device> devices) {
		this.devices = devices;
	}

	public Map<String, Threshold> getThresholds() {
		return this.thresholds;
	}

	public void setThresholds(Map<String, Threshold> thresholds) {
		this.thresholds = thresholds;
	}

	public Duration getMaxClockSkew() {
		return this.maxClockSkew;
	}

	public void setMaxClockSkew(Duration maxClockSkew) {
		this.maxClockSkew = maxClockSkew;
	}

	/**
	 * Metadata of one device.
	 */
	public static class Device {

		/**
		 * Where the device is installed.
		 */
		private String site;

		/**
		 * Who is responsible for the device.
		 */
		private String owner;

		public String getSite() {
			return this.site;
		}

		public void setSite(String site) {
			this.site = site;
		}

		public String getOwner() {
			return this.owner;
		}

		public void setOwner(String owner) {
			this.owner = owner;
		}

	}

	/**
	 * Alert bounds of one sensor type; either may be left out.
	 */
	public static class Threshold {

		/**
		 * Values below this raise a below-min alert.
		 */
		private Double min;

		/**
		 * Values above this raise an above-max alert.
		 */
		private Double max;

		public Double getMin() {
			return this.min;
		}

		public void setMin(Double min) {
			this.min = min;
		}

		public Double getMax() {
			return this.max;
		}

		public void setMax(Double max) {
			this.max = max;
		}

	}

}

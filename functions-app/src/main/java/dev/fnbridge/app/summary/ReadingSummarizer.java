package dev.fnbridge.app.summary;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

import dev.fnbridge.app.telemetry.Reading;
import dev.fnbridge.app.telemetry.SensorType;
import dev.fnbridge.core.error.InvalidInputException;
import dev.fnbridge.core.error.Violation;

/**
 * Summarizes a batch of readings per device and sensor type: count, min, max, mean (in
 * the type's canonical unit, so {@code F} and {@code C} readings of one device are
 * combined correctly) and the time span. Results are sorted by device, then type; an
 * empty batch gives an empty list.
 * <p>
 * A batch of more than {@code maxReadings} readings is refused at once with a
 * {@link TooManyReadingsException}. Every reading is validated first; if any is invalid
 * the whole batch fails with an {@link InvalidInputException} whose violations are
 * indexed ({@code [3].value}).
 */
public class ReadingSummarizer implements Function<List<Reading>, List<DeviceSummary>> {

	private final Function<Reading, Reading> validator;

	private final int maxReadings;

	/**
	 * Creates the summarizer.
	 * @param validator validates and normalizes each reading
	 * @param maxReadings most readings one batch may have
	 */
	public ReadingSummarizer(Function<Reading, Reading> validator, int maxReadings) {
		this.validator = validator;
		this.maxReadings = maxReadings;
	}

	/**
	 * Summarizes.
	 * @param readings the batch
	 * @return one summary per device and type
	 * @throws TooManyReadingsException if the batch has more than {@code maxReadings}
	 * readings
	 * @throws InvalidInputException if any reading is invalid
	 */
	@Override
	public List<DeviceSummary> apply(List<Reading> readings) {
		if (readings == null) {
			throw new InvalidInputException("", "A list of readings is required");
		}
		if (readings.size() > this.maxReadings) {
			throw new TooManyReadingsException(readings.size(), this.maxReadings);
		}
		List<Violation> violations = new ArrayList<>();
		Map<String, Accumulator> groups = new TreeMap<>();
		for (int i = 0; i < readings.size(); i++) {
			Reading reading;
			try {
				reading = this.validator.apply(readings.get(i));
			}
			catch (InvalidInputException ex) {
				for (Violation violation : ex.violations()) {
					violations.add(violation.under("[" + i + "]"));
				}
				continue;
			}
			SensorType type = SensorType.fromName(reading.type()).orElseThrow();
			double value = type.toCanonical(reading.value(), reading.unit());
			groups
				.computeIfAbsent(reading.deviceId() + '\u0000' + reading.type(),
						(key) -> new Accumulator(reading.deviceId(), type))
				.add(value, reading.timestamp());
		}
		if (!violations.isEmpty()) {
			throw new InvalidInputException(violations);
		}
		return groups.values()
			.stream()
			.map(Accumulator::summary)
			.sorted(Comparator.comparing(DeviceSummary::deviceId).thenComparing(DeviceSummary::type))
			.toList();
	}

	private static final class Accumulator {

		private final String deviceId;

		private final SensorType type;

		private long count;

		private double sum;

		private double min = Double.POSITIVE_INFINITY;

		private double max = Double.NEGATIVE_INFINITY;

		private Instant from;

		private Instant to;

		Accumulator(String deviceId, SensorType type) {
			this.deviceId = deviceId;
			this.type = type;
		}

		void add(double value, Instant timestamp) {
			this.count++;
			this.sum += value;
			this.min = Math.min(this.min, value);
			this.max = Math.max(this.max, value);
			this.from = (this.from == null || timestamp.isBefore(this.from)) ? timestamp : this.from;
			this.to = (this.to == null || timestamp.isAfter(this.to)) ? timestamp : this.to;
		}

		DeviceSummary summary() {
			return new DeviceSummary(this.deviceId, this.type.jsonName(), this.type.canonicalUnit(), this.count,
					this.min, this.max, this.sum / this.count, this.from, this.to);
		}

	}

}

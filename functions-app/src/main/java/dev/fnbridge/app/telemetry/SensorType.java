package dev.fnbridge.app.telemetry;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.DoubleUnaryOperator;

/**
 * The sensor types the telemetry pipeline knows: each with its canonical unit, the units
 * it accepts (with their conversion to the canonical one) and its physical range.
 */
public enum SensorType {

	/** Temperature; canonical unit degrees Celsius, never below absolute zero. */
	TEMPERATURE("C", -273.15, 1000, unit("C", (c) -> c), unit("F", (f) -> (f - 32) * 5 / 9),
			unit("K", (k) -> k - 273.15)),

	/** Relative humidity in percent. */
	HUMIDITY("%", 0, 100, unit("%", (p) -> p)),

	/** Pressure; canonical unit hectopascal. */
	PRESSURE("hPa", 0, 10_000, unit("hPa", (h) -> h), unit("kPa", (k) -> k * 10), unit("Pa", (p) -> p / 100)),

	/** Carbon dioxide concentration in parts per million. */
	CO2("ppm", 0, 1_000_000, unit("ppm", (p) -> p));

	private final String canonicalUnit;

	private final double min;

	private final double max;

	private final Map<String, DoubleUnaryOperator> toCanonical;

	SensorType(String canonicalUnit, double min, double max, Map.Entry<String, DoubleUnaryOperator>... units) {
		this.canonicalUnit = canonicalUnit;
		this.min = min;
		this.max = max;
		Map<String, DoubleUnaryOperator> toCanonical = new LinkedHashMap<>();
		for (Map.Entry<String, DoubleUnaryOperator> unit : units) {
			toCanonical.put(unit.getKey(), unit.getValue());
		}
		this.toCanonical = toCanonical;
	}

	/**
	 * Finds a type by its JSON name, ignoring case.
	 * @param name e.g. {@code temperature}
	 * @return the type, or empty if unknown
	 */
	public static Optional<SensorType> fromName(String name) {
		return Arrays.stream(values()).filter((type) -> type.jsonName().equalsIgnoreCase(name.strip())).findFirst();
	}

	/**
	 * The names accepted in JSON.
	 * @return lowercase names
	 */
	public static List<String> jsonNames() {
		return Arrays.stream(values()).map(SensorType::jsonName).toList();
	}

	/**
	 * The name used in JSON.
	 * @return the lowercase name
	 */
	public String jsonName() {
		return name().toLowerCase(Locale.ROOT);
	}

	/**
	 * The unit thresholds and summaries use.
	 * @return e.g. {@code C}
	 */
	public String canonicalUnit() {
		return this.canonicalUnit;
	}

	/**
	 * The accepted units, as spelled canonically.
	 * @return e.g. {@code [C, F, K]}
	 */
	public List<String> units() {
		return List.copyOf(this.toCanonical.keySet());
	}

	/**
	 * Finds an accepted unit, ignoring case and a leading degree sign ({@code °c} is
	 * {@code C}).
	 * @param unit the unit as sent
	 * @return the canonical spelling of that unit, or empty if this type does not accept
	 * it
	 */
	public Optional<String> unit(String unit) {
		String cleaned = unit.strip().replace("°", "");
		return this.toCanonical.keySet().stream().filter((known) -> known.equalsIgnoreCase(cleaned)).findFirst();
	}

	/**
	 * Converts a value to the canonical unit.
	 * @param value the value
	 * @param unit an accepted unit, as returned by {@link #unit(String)}
	 * @return the value in {@link #canonicalUnit()}
	 */
	public double toCanonical(double value, String unit) {
		return this.toCanonical.get(unit).applyAsDouble(value);
	}

	/**
	 * The lowest physically possible value, in the canonical unit.
	 * @return the minimum
	 */
	public double min() {
		return this.min;
	}

	/**
	 * The highest value a sensor of this type can report, in the canonical unit.
	 * @return the maximum
	 */
	public double max() {
		return this.max;
	}

	private static Map.Entry<String, DoubleUnaryOperator> unit(String name, DoubleUnaryOperator toCanonical) {
		return Map.entry(name, toCanonical);
	}

}

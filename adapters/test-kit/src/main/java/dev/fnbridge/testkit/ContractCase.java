package dev.fnbridge.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One contract case, read from a JSON file: {@code function}, {@code input}, and one of
 * {@code output} (the expected JSON), {@code error} (the expected error category, e.g.
 * {@code invalid-input}) or {@code "none": true} (the function returns nothing, as a
 * {@code Consumer} does); optionally {@code "transports"}, the transports the case
 * applies to ({@code http}, {@code kafka}, {@code lambda} for every Lambda event source,
 * or one of {@code lambda-api-gateway}, {@code lambda-sqs}, {@code lambda-kinesis},
 * {@code lambda-sns}, {@code lambda-msk}); all of them by default.
 *
 * @param name the file name, which names the case in test reports
 * @param function the function definition, e.g. {@code hello} or
 * {@code validateReading,enrichReading,detectAnomaly}
 * @param input the input JSON
 * @param expected the expected outcome
 * @param transports the transports it runs on
 */
public record ContractCase(String name, String function, JsonNode input, Outcome expected, Set<String> transports) {

	/** Every transport a case can name. */
	public static final Set<String> TRANSPORTS = Set.of("http", "kafka", "lambda-api-gateway", "lambda-sqs",
			"lambda-kinesis", "lambda-sns", "lambda-msk");

	/**
	 * Whether the case runs on a transport.
	 * @param transport one of {@link #TRANSPORTS}
	 * @return whether it does
	 */
	public boolean appliesTo(String transport) {
		return this.transports.contains(transport);
	}

	private static final JsonMapper json = JsonMapper.builder().build();

	/**
	 * Reads every {@code *.json} file of a directory, sorted by name.
	 * @param directory the directory
	 * @return the cases
	 */
	public static List<ContractCase> load(Path directory) {
		try (Stream<Path> files = Files.list(directory)) {
			return files.filter((file) -> file.getFileName().toString().endsWith(".json"))
				.sorted()
				.map(ContractCase::read)
				.toList();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot list contract cases in " + directory, ex);
		}
	}

	static ContractCase read(Path file) {
		JsonNode contract = json.readTree(file.toFile());
		String function = contract.path("function").asString("");
		if (function.isBlank() || !contract.has("input")) {
			throw new IllegalArgumentException(file + ": a contract case needs \"function\" and \"input\"");
		}
		Outcome expected;
		if (contract.has("error")) {
			expected = Outcome.error(contract.path("error").asString());
		}
		else if (contract.path("none").asBoolean(false)) {
			expected = Outcome.NONE;
		}
		else if (contract.has("output")) {
			expected = Outcome.output(contract.get("output"));
		}
		else {
			throw new IllegalArgumentException(file + ": expected \"output\", \"error\" or \"none\": true");
		}
		return new ContractCase(file.getFileName().toString(), function, contract.get("input"), expected,
				transports(file, contract.path("transports")));
	}

	private static Set<String> transports(Path file, JsonNode listed) {
		if (listed.isMissingNode() || listed.isNull()) {
			return TRANSPORTS;
		}
		Set<String> transports = new TreeSet<>();
		for (JsonNode entry : listed) {
			String name = entry.asString("");
			if (name.equals("lambda")) {
				TRANSPORTS.stream().filter((transport) -> transport.startsWith("lambda-")).forEach(transports::add);
			}
			else if (TRANSPORTS.contains(name)) {
				transports.add(name);
			}
			else {
				throw new IllegalArgumentException(file + ": unknown transport \"" + name
						+ "\"; use http, kafka, lambda or " + new TreeSet<>(TRANSPORTS));
			}
		}
		if (transports.isEmpty()) {
			throw new IllegalArgumentException(file + ": \"transports\" names none");
		}
		return Set.copyOf(transports);
	}

	@Override
	public String toString() {
		return this.name;
	}

}

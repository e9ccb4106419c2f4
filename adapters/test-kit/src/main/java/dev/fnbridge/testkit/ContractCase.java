package dev.fnbridge.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One contract case, read from a JSON file: {@code function}, {@code input}, and one of
 * {@code output} (the expected JSON), {@code error} (the expected error category, e.g.
 * {@code invalid-input}) or {@code "none": true} (the function returns nothing).
 *
 * @param name the file name, which names the case in test reports
 * @param function the function definition, e.g. {@code hello} or
 * {@code validateReading,enrichReading,detectAnomaly}
 * @param input the input JSON
 * @param expected the expected outcome
 */
public record ContractCase(String name, String function, JsonNode input, Outcome expected) {

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
		return new ContractCase(file.getFileName().toString(), function, contract.get("input"), expected);
	}

	@Override
	public String toString() {
		return this.name;
	}

}

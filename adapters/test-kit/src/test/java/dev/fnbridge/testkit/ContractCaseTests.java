package dev.fnbridge.testkit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class ContractCaseTests {

	@TempDir
	Path cases;

	@Test
	void readsOutputErrorAndNoneCasesSortedByFileName() throws IOException {
		Files.writeString(this.cases.resolve("b-error.json"),
				"{\"function\":\"hello\",\"input\":[1],\"error\":\"invalid-input\"}");
		Files.writeString(this.cases.resolve("a-output.json"),
				"{\"function\":\"hello\",\"input\":{\"name\":\"Ada\"},\"output\":\"Hello, Ada!\"}");
		Files.writeString(this.cases.resolve("c-none.json"),
				"{\"function\":\"detectAnomaly\",\"input\":{},\"none\":true}");
		Files.writeString(this.cases.resolve("notes.txt"), "not a case");

		List<ContractCase> loaded = ContractCase.load(this.cases);

		assertThat(loaded).extracting(ContractCase::name)
			.containsExactly("a-output.json", "b-error.json", "c-none.json");
		assertThat(loaded.get(0).expected().output().asString()).isEqualTo("Hello, Ada!");
		assertThat(loaded.get(1).expected().error()).isEqualTo("invalid-input");
		assertThat(loaded.get(2).expected()).isEqualTo(Outcome.NONE);
	}

	@Test
	void rejectsACaseWithoutExpectation() throws IOException {
		Path file = this.cases.resolve("incomplete.json");
		Files.writeString(file, "{\"function\":\"hello\",\"input\":{}}");

		assertThatIllegalArgumentException().isThrownBy(() -> ContractCase.load(this.cases))
			.withMessageContaining("incomplete.json")
			.withMessageContaining("\"output\", \"error\" or \"none\"");
	}

	@Test
	void runsACaseOnEveryTransportUnlessItListsSome() throws IOException {
		Files.writeString(this.cases.resolve("a-all.json"), "{\"function\":\"hello\",\"input\":{},\"none\":true}");
		Files.writeString(this.cases.resolve("b-some.json"),
				"{\"function\":\"hello\",\"input\":{},\"none\":true,\"transports\":[\"http\",\"lambda\"]}");

		List<ContractCase> loaded = ContractCase.load(this.cases);

		assertThat(loaded.get(0).transports()).isEqualTo(ContractCase.TRANSPORTS);
		assertThat(loaded.get(1).transports()).containsExactlyInAnyOrder("http", "lambda-api-gateway", "lambda-sqs",
				"lambda-kinesis", "lambda-sns", "lambda-msk");
		assertThat(loaded.get(1).appliesTo("kafka")).isFalse();
	}

	@Test
	void rejectsAnUnknownTransport() throws IOException {
		Files.writeString(this.cases.resolve("typo.json"),
				"{\"function\":\"hello\",\"input\":{},\"none\":true,\"transports\":[\"kafak\"]}");

		assertThatIllegalArgumentException().isThrownBy(() -> ContractCase.load(this.cases))
			.withMessageContaining("typo.json")
			.withMessageContaining("unknown transport \"kafak\"");
	}

}

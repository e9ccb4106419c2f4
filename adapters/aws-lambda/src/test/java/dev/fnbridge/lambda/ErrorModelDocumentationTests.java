package dev.fnbridge.lambda;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.fnbridge.core.error.ClassifiedError;
import dev.fnbridge.core.error.ErrorCategory;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README's error-model table says what the code does: one row per
 * {@link ErrorCategory}, with its HTTP status and problem type, its Kafka retry policy,
 * the Lambda function error it becomes, and its outcome tag.
 */
class ErrorModelDocumentationTests {

	@Test
	void readmeTableHasOneRowPerCategoryMatchingEveryTransportsMapping() throws IOException {
		Map<String, List<String>> rows = table();

		assertThat(rows.keySet()).containsExactlyInAnyOrder(
				Arrays.stream(ErrorCategory.values()).map(ErrorCategory::slug).toArray(String[]::new));
		for (ErrorCategory category : ErrorCategory.values()) {
			List<String> row = rows.get(category.slug());
			assertThat(row.get(0)).as("HTTP of " + category)
				.isEqualTo(category.httpStatus() + " `" + category.problemType() + "`");
			assertThat(row.get(1)).as("Kafka of " + category)
				.isEqualTo(category.isClientError() ? "dead letter at once, no retry"
						: "retried with backoff, then dead letter");
			assertThat(row.get(2)).as("SQS of " + category).isEqualTo("`batchItemFailures` entry");
			String errorType = LambdaFunctionError.of(new ClassifiedError(category, "detail", List.of(), null), null)
				.getClass()
				.getSimpleName();
			assertThat(row.get(3)).as("Lambda of " + category)
				.isEqualTo("function error `LambdaFunctionError$" + errorType + "`");
			assertThat(row.get(4)).as("outcome of " + category).isEqualTo("`" + category.outcome() + "`");
		}
	}

	/** Category slug → the other cells of its row. */
	private static Map<String, List<String>> table() throws IOException {
		List<String> lines = Files.readAllLines(readme());
		int start = lines.indexOf("## One error model");
		assertThat(start).as("the README's error-model section").isNotNegative();
		Map<String, List<String>> rows = new LinkedHashMap<>();
		for (String line : lines.subList(start + 1, lines.size())) {
			if (line.startsWith("## ")) {
				break;
			}
			if (line.startsWith("| `")) {
				List<String> cells = Arrays.stream(line.substring(1, line.length() - 1).split("\\|"))
					.map(String::strip)
					.toList();
				rows.put(cells.get(0).replace("`", ""), cells.subList(1, cells.size()));
			}
		}
		return rows;
	}

	private static Path readme() {
		Path dir = Path.of("").toAbsolutePath();
		while (dir != null && !Files.exists(dir.resolve("README.md"))) {
			dir = dir.getParent();
		}
		assertThat(dir).as("README.md above " + Path.of("").toAbsolutePath()).isNotNull();
		return dir.resolve("README.md");
	}

}

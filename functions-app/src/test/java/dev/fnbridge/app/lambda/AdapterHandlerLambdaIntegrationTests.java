package dev.fnbridge.app.lambda;

import dev.fnbridge.lambda.FunctionHandler;
import dev.fnbridge.testkit.LambdaArtifact;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import dev.fnbridge.lambda.local.InvocationResult;
import dev.fnbridge.lambda.local.LocalLambda;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Spring Cloud Function's own handler string on the fnbridge zip: every sample event gets
 * the same answer (status, headers, body, or function error type and message) through
 * {@code org.springframework.cloud.function.adapter.aws.FunctionInvoker::handleRequest}
 * as through {@code dev.fnbridge.lambda.FunctionHandler}, for a routed deployment, a
 * single function and a composition.
 */
class AdapterHandlerLambdaIntegrationTests {

	private static final String ADAPTER_HANDLER = "org.springframework.cloud.function.adapter.aws.FunctionInvoker::handleRequest";

	private static final Path EVENTS = Path.of("src/test/resources/events");

	@TempDir
	static Path work;

	@ParameterizedTest(name = "SPRING_CLOUD_FUNCTION_DEFINITION=''{0}''")
	@ValueSource(strings = { "", "hello", "validateReading|enrichReading|detectAnomaly" })
	void answersEverySampleEventAsFnbridgesOwnHandlerDoes(String definition) throws Exception {
		Map<String, String> environment = definition.isEmpty() ? Map.of()
				: Map.of("SPRING_CLOUD_FUNCTION_DEFINITION", definition);

		Map<String, String> fnbridge = answers(FunctionHandler.class.getName(), environment);
		Map<String, String> adapter = answers(ADAPTER_HANDLER, environment);

		assertThat(adapter).containsExactlyEntriesOf(fnbridge);
		// Not a vacuous comparison: functions answered, and something was refused.
		assertThat(fnbridge.values()).anyMatch(AdapterHandlerLambdaIntegrationTests::succeeded)
			.anyMatch((answer) -> !succeeded(answer));
	}

	/** Each sample event's answer, request ids replaced (they differ per invocation). */
	private static Map<String, String> answers(String handler, Map<String, String> environment) throws Exception {
		Map<String, String> answers = new LinkedHashMap<>();
		Path log = Files.createTempFile(work, "handler-", ".log");
		try (LocalLambda lambda = LocalLambda.start(LambdaArtifact.find(), handler, environment,
				List.of("-XX:TieredStopAtLevel=1"), log)) {
			for (Path event : events()) {
				InvocationResult result = lambda.invoke(Files.readString(event), Duration.ofSeconds(90));
				String body = result.body().replace(result.requestId(), "<request-id>");
				answers.put(event.getFileName().toString(),
						(result.error() ? "error " + result.errorType() + " " : "") + body);
			}
		}
		assertThat(answers).as("answers through %s; log %s", handler, log).isNotEmpty();
		return answers;
	}

	private static boolean succeeded(String answer) {
		return !answer.startsWith("error") && !answer.matches("(?s).*\"statusCode\":[45].*");
	}

	private static List<Path> events() throws IOException {
		try (Stream<Path> files = Files.list(EVENTS)) {
			return files.sorted().toList();
		}
	}

}

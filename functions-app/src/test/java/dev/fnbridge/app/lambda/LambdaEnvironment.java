package dev.fnbridge.app.lambda;

import dev.fnbridge.lambda.FunctionHandler;
import dev.fnbridge.testkit.LambdaArtifact;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;

import dev.fnbridge.lambda.local.InvocationResult;
import dev.fnbridge.lambda.local.LocalLambda;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One Lambda execution environment per test class: the packaged zip, AWS's runtime
 * interface client, a local Runtime API; events read from
 * {@code src/test/resources/events}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class LambdaEnvironment {

	static final String HANDLER = "dev.fnbridge.lambda.FunctionHandler";

	final JsonMapper json = JsonMapper.builder().build();

	private LocalLambda lambda;

	private Path log;

	/** Environment variables of the function, as Terraform would set them. */
	abstract Map<String, String> environment();

	@BeforeAll
	void startEnvironment() throws IOException {
		Path artifact = LambdaArtifact.find();
		assertThat(artifact).as("the packaged Lambda artifact").exists();
		this.log = Files.createTempFile("lambda-", ".log");
		this.lambda = LocalLambda.start(artifact, HANDLER, environment(), List.of("-XX:TieredStopAtLevel=1"), this.log);
	}

	@AfterAll
	void stopEnvironment() throws IOException {
		this.lambda.close();
	}

	InvocationResult invoke(String eventFile) throws IOException, TimeoutException {
		return invokeRaw(event(eventFile));
	}

	InvocationResult invokeRaw(String event) throws TimeoutException {
		return this.lambda.invoke(event, Duration.ofSeconds(90));
	}

	JsonNode ok(InvocationResult result) {
		assertThat(result.error()).as(result.body()).isFalse();
		return this.json.readTree(result.body());
	}

	/** Asserts a well-formed function error without stack trace, and returns it. */
	JsonNode functionError(InvocationResult result, String errorType) {
		assertThat(result.error()).as(result.body()).isTrue();
		JsonNode error = this.json.readTree(result.body());
		assertThat(error.path("errorType").asString()).isEqualTo(errorType);
		assertThat(error.path("errorMessage").asString()).isNotBlank();
		assertThat(error.path("stackTrace").isMissingNode() || error.path("stackTrace").isEmpty()).as(result.body())
			.isTrue();
		return error;
	}

	boolean restored() {
		return this.lambda.api().restored();
	}

	LocalLambda lambda() {
		return this.lambda;
	}

	String functionLog() throws IOException {
		return Files.readString(this.log);
	}

	static String event(String name) throws IOException {
		try (InputStream in = LambdaEnvironment.class.getResourceAsStream("/events/" + name)) {
			assertThat(in).as(name).isNotNull();
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
	}

}

package dev.fnbridge.app.lambda;

import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A SnapStart rehearsal: the runtime client runs the before-checkpoint hooks, asks the
 * Runtime API to restore, runs the after-restore hooks, then serves.
 */
class SnapStartLambdaIntegrationTests extends LambdaEnvironment {

	@Override
	Map<String, String> environment() {
		return Map.of("SPRING_CLOUD_FUNCTION_DEFINITION", "hello", "AWS_LAMBDA_INITIALIZATION_TYPE", "snap-start");
	}

	@Test
	void primesBeforeTheCheckpointAndServesAfterRestore() throws Exception {
		assertThat(ok(invoke("apigw-v2-hello.json")).path("body").asString()).isEqualTo("\"Hello, Ada!\"");

		assertThat(restored()).isTrue();
		assertThat(functionLog()).containsPattern("SnapStart priming: \\d+ functions primed");
	}

}

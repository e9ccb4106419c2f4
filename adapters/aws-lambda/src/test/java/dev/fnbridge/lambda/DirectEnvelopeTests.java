package dev.fnbridge.lambda;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** {@link DirectEnvelope} in-process: the event is the input, the result the answer. */
class DirectEnvelopeTests extends EnvelopeTestSupport {

	private final DirectEnvelope envelope = new DirectEnvelope();

	@Test
	void answersTheFunctionsResultAsJson() {
		assertThat(this.envelope.handle(null, event("direct-hello.json"), context("hello")))
			.isEqualTo(bytes("\"Hello, Ada!\""));
	}

	@Test
	void answersNullForAFunctionWithoutResult() {
		assertThat(this.envelope.handle(null, event("direct-hello.json"), context("forget"))).isEqualTo(bytes("null"));
		assertThat(this.received.inputs).containsExactly(new HelloRequest("Ada"));
	}

	@Test
	void failsWithInvalidInputForAnEventOfTheWrongShape() {
		assertThatExceptionOfType(LambdaFunctionError.InvalidInput.class)
			.isThrownBy(() -> this.envelope.handle(null, bytes("\"Ada\""), context("hello")));
		assertThat(this.invocations.outcomes).containsExactly("hello client_error");
	}

	@Test
	void failsWithoutADetailOfAServerSideFailure() {
		assertThatExceptionOfType(LambdaFunctionError.UnexpectedError.class)
			.isThrownBy(() -> this.envelope.handle(null, event("direct-hello.json"), context("boom")))
			.satisfies((error) -> assertThat(error.getMessage()).doesNotContain("secret"));
	}

	@Test
	void refusesAnEventWhenNoFunctionIsConfigured() {
		assertThatExceptionOfType(LambdaFunctionError.FunctionNotFound.class)
			.isThrownBy(() -> this.envelope.handle(null, event("direct-hello.json"), context(null)))
			.withMessageContaining("SPRING_CLOUD_FUNCTION_DEFINITION");
	}

	@Test
	void answersAJsonStringEventForAFunctionTakingText() {
		assertThat(dispatcher("shout").dispatch(event("direct-string.json"), "req-1")).isEqualTo(bytes("\"ADA\""));
	}

	@Test
	void refusesJsonNullAnArrayAndAStringForAFunctionTakingAnObject() {
		for (String file : new String[] { "direct-null.json", "direct-array.json", "direct-string.json" }) {
			assertThatExceptionOfType(LambdaFunctionError.InvalidInput.class).as(file)
				.isThrownBy(() -> dispatcher("hello").dispatch(event(file), "req-1"))
				.withMessageStartingWith("The input must be a JSON object");
		}
		assertThat(this.invocations.outcomes).containsExactly("hello client_error", "hello client_error",
				"hello client_error");
	}

	@Test
	void passesAnEmptyObjectToTheFunction() {
		assertThat(dispatcher("echo").dispatch(event("direct-empty-object.json"), "req-1")).isEqualTo(bytes("{}"));
	}

	@Test
	void refusesATruncatedEventWithoutInvokingAnything() {
		assertThatExceptionOfType(LambdaFunctionError.InvalidInput.class)
			.isThrownBy(() -> dispatcher("hello").dispatch(event("direct-truncated.json"), "req-1"))
			.withMessage("The event is not JSON");
		assertThat(this.invocations.outcomes).isEmpty();
	}

	@Test
	void passesAnIotRuleMessageAsItIs() {
		assertThat(dispatcher("validateReading").dispatch(event("iot-rule-reading.json"), "req-1")).asString()
			.contains("\"deviceId\":\"sensor-3\"");
	}

	@Test
	void passesACognitoTriggerToAFunctionThatAnswersTheEvent() {
		JsonNode answer = this.mapper.readTree(dispatcher("echo").dispatch(event("cognito-pre-sign-up.json"), "req-1"));

		assertThat(answer).isEqualTo(this.mapper.readTree(event("cognito-pre-sign-up.json")));
	}

}

package dev.fnbridge.lambda;

import org.junit.jupiter.api.Test;

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

}

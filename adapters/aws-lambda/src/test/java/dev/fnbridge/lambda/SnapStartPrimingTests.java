package dev.fnbridge.lambda;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** {@link SnapStartPriming#prime()}: warms every function without calling one. */
class SnapStartPrimingTests extends EnvelopeTestSupport {

	@Test
	void primesEveryFunctionOfTheCatalog() {
		assertThat(new SnapStartPriming(dispatcher(null)).prime()).isEqualTo(8);
	}

	@Test
	void callsNoFunctionWhenOneIsConfigured() {
		new SnapStartPriming(dispatcher("forget")).prime();

		// A priming call runs before the snapshot: a side effect there would be
		// repeated by every environment restored from it.
		assertThat(this.received.inputs).isEmpty();
		assertThat(this.invocations.outcomes).isEmpty();
	}

}

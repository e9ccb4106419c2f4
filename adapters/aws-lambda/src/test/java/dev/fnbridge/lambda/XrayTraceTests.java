package dev.fnbridge.lambda;

import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class XrayTraceTests {

	private static final String HEADER = "Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1";

	@Test
	void continuesTheXrayTraceAsAW3cTraceparent() {
		assertThat(XrayTrace.orCarrier(Map.of("x-forwarded-for", "203.0.113.7"), HEADER))
			.containsEntry("traceparent", "00-5759e988bd862e3fe1be46a994272793-53995c3f42cd8ad8-01")
			.containsEntry("x-forwarded-for", "203.0.113.7");
	}

	@Test
	void keepsAnUnsampledTraceUnsampled() {
		assertThat(XrayTrace.traceparent("Sampled=0;Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8"))
			.isEqualTo("00-5759e988bd862e3fe1be46a994272793-53995c3f42cd8ad8-00");
	}

	@Test
	void leavesTheCallersOwnTraceAlone() {
		Map<String, String> carrier = Map.of("traceparent", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01");

		assertThat(XrayTrace.orCarrier(carrier, HEADER)).isSameAs(carrier);
		assertThat(XrayTrace.orCarrier(Map.of("b3", "80f198ee56343ba864fe8b2a57d3eff7-e457b5a2e4d86bd1-1"), HEADER))
			.doesNotContainKey("traceparent");
	}

	@Test
	void ignoresHeadersWithoutAParentOrWithAMalformedRoot() {
		assertThat(XrayTrace.traceparent("Root=1-5759e988-bd862e3fe1be46a994272793;Sampled=1")).isNull();
		assertThat(XrayTrace.traceparent("Root=1-5759e988-bd862e3fe1be46a99427279;Parent=53995c3f42cd8ad8")).isNull();
		assertThat(XrayTrace.traceparent("Root=1-5759E988-BD862E3FE1BE46A994272793;Parent=53995c3f42cd8ad8")).isNull();
		assertThat(XrayTrace.traceparent("Root=1-00000000-000000000000000000000000;Parent=53995c3f42cd8ad8;Sampled=0"))
			.isNull();
		assertThat(XrayTrace.orCarrier(Map.of(), "garbage")).isEmpty();
	}

}

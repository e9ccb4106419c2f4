package dev.fnbridge.lambda;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class XrayTraceTests {

	@Test
	void readsTheRootAsAW3cTraceIdAndTheParentAsItsSpan() {
		assertThat(XrayTrace.parse("Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1"))
			.isEqualTo(new XrayTrace("5759e988bd862e3fe1be46a994272793", "53995c3f42cd8ad8", true));
	}

	@Test
	void readsFieldsInAnyOrderAndKeepsAnUnsampledTraceUnsampled() {
		assertThat(XrayTrace
			.parse(" Sampled=0; Lineage=a87bd80c:0 ;Parent=53995c3f42cd8ad8;Root=1-5759e988-bd862e3fe1be46a994272793"))
			.isEqualTo(new XrayTrace("5759e988bd862e3fe1be46a994272793", "53995c3f42cd8ad8", false));
	}

	@Test
	void continuesOnlyATraceXrayIsSampling() {
		assertThat(XrayTrace.continued("Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1"))
			.isNotNull();
		assertThat(XrayTrace.continued("Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=0"))
			.isNull();
		assertThat(XrayTrace.continued("Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8")).isNull();
	}

	@Test
	void refusesHeadersWithoutAParentOrWithAMalformedRoot() {
		assertThat(XrayTrace.parse(null)).isNull();
		assertThat(XrayTrace.parse("garbage")).isNull();
		assertThat(XrayTrace.parse("Root=1-5759e988-bd862e3fe1be46a994272793;Sampled=1")).isNull();
		assertThat(XrayTrace.parse("Root=1-5759e988-bd862e3fe1be46a99427279;Parent=53995c3f42cd8ad8")).isNull();
		assertThat(XrayTrace.parse("Root=1-5759E988-BD862E3FE1BE46A994272793;Parent=53995c3f42cd8ad8")).isNull();
		assertThat(XrayTrace.parse("Root=2-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8")).isNull();
		assertThat(XrayTrace.parse("Root=1-00000000-000000000000000000000000;Parent=53995c3f42cd8ad8")).isNull();
		assertThat(XrayTrace.parse("Root=1-5759e988-bd862e3fe1be46a994272793;Parent=0000000000000000")).isNull();
		assertThat(XrayTrace.parse("Roots=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8")).isNull();
	}

}

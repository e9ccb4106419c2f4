package dev.fnbridge.core;

import dev.fnbridge.core.invocation.TransportFunctionWrapper;
import dev.fnbridge.core.json.JsonPayloadReader;
import dev.fnbridge.core.metrics.InvocationMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * What every transport shares: the invocation metrics, the JSON payload reader and the
 * wrapper around message-driven invocations. It replaces Spring Cloud Function's own
 * observation wrapper, whose timer would count every invocation a second time.
 */
@AutoConfiguration(beforeName = "org.springframework.cloud.function.observability.ObservationAutoConfiguration")
public class FnbridgeCoreAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	InvocationMetrics fnbridgeInvocationMetrics(ObjectProvider<MeterRegistry> registry) {
		return new InvocationMetrics(registry.getIfAvailable(SimpleMeterRegistry::new));
	}

	@Bean
	@ConditionalOnMissingBean
	JsonPayloadReader fnbridgeJsonPayloadReader(ObjectProvider<ObjectMapper> mapper) {
		return new JsonPayloadReader(mapper.getIfAvailable(() -> JsonMapper.builder().build()));
	}

	@Bean
	@ConditionalOnMissingBean
	TransportFunctionWrapper fnbridgeTransportFunctionWrapper(JsonPayloadReader reader,
			ObjectProvider<ObjectMapper> mapper, InvocationMetrics metrics) {
		return new TransportFunctionWrapper(reader, mapper.getIfAvailable(() -> JsonMapper.builder().build()), metrics);
	}

}

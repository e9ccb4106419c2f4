package dev.fnbridge.lambda;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import dev.fnbridge.core.invocation.FunctionResolver;
import dev.fnbridge.core.invocation.InvocationPipeline;
import dev.fnbridge.core.metrics.InvocationMetrics;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.ObjectMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.BeanDefinitionRegistryPostProcessor;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.cloud.function.context.FunctionCatalog;
import org.springframework.context.annotation.Bean;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The routing header names compositions the caller chooses: with 20 composable functions
 * there are 380 distinct valid pairs, more than the route cache and the metric tags hold.
 */
@SpringBootTest(classes = LambdaRouteCacheTests.Steps.class)
class LambdaRouteCacheTests {

	private static final int STEPS = 20;

	@Autowired
	private FunctionCatalog catalog;

	@Autowired
	private ObjectMapper mapper;

	@Autowired
	private InvocationPipeline pipeline;

	@Autowired
	private Tags tags;

	@Test
	void keepsTheRouteCacheAndMetricTagsBoundedUnderAFloodOfDistinctValidCompositions() {
		LambdaDispatcher dispatcher = new LambdaDispatcher(this.catalog, this.mapper, this.pipeline, null, null);
		String template = "{\"version\":\"2.0\",\"rawPath\":\"/x\",\"headers\":{\"x-fnbridge-function\":\"%s\"},"
				+ "\"requestContext\":{\"http\":{\"method\":\"POST\"}},\"body\":\"{\\\"name\\\":\\\"Ada\\\"}\"}";
		int answered = 0;
		for (int i = 0; i < STEPS; i++) {
			for (int j = 0; j < STEPS; j++) {
				if (i != j) {
					byte[] event = String.format(template, "step" + i + ",step" + j).getBytes(StandardCharsets.UTF_8);
					int status = this.mapper.readTree(dispatcher.dispatch(event, "req")).path("statusCode").asInt();
					answered += (status == 200) ? 1 : 0;
				}
			}
		}

		assertThat(answered).isEqualTo(STEPS * (STEPS - 1));
		assertThat(dispatcher.cachedDefinitions()).isEqualTo(LambdaInvoker.MAX_CACHED_DEFINITIONS);
		assertThat(this.tags.functions()).hasSize(LambdaInvoker.MAX_TAGGED_COMPOSITIONS + 1)
			.contains(FunctionResolver.OTHER_COMPOSITIONS);
	}

	/**
	 * The function tags of the invocations counted.
	 *
	 * @param functions the tags
	 */
	record Tags(Set<String> functions) {
	}

	/** Passes its input on. */
	static final class Step implements Function<Map<String, Object>, Map<String, Object>> {

		@Override
		public Map<String, Object> apply(Map<String, Object> input) {
			return input;
		}

	}

	@SpringBootConfiguration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class Steps {

		@Bean
		static BeanDefinitionRegistryPostProcessor steps() {
			return new BeanDefinitionRegistryPostProcessor() {

				@Override
				public void postProcessBeanDefinitionRegistry(BeanDefinitionRegistry registry) {
					for (int i = 0; i < STEPS; i++) {
						registry.registerBeanDefinition("step" + i, new RootBeanDefinition(Step.class));
					}
				}

				@Override
				public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
				}

			};
		}

		@Bean
		Tags tags(InvocationMetrics metrics) {
			Tags tags = new Tags(ConcurrentHashMap.newKeySet());
			metrics
				.addListener((function, transport, outcome, errorType, nanos, bytes) -> tags.functions().add(function));
			return tags;
		}

	}

}

package dev.fnbridge.core;

import java.util.List;

import dev.fnbridge.core.error.ErrorClassifier;
import dev.fnbridge.core.error.ErrorMapper;
import dev.fnbridge.core.invocation.CatalogCalls;
import dev.fnbridge.core.invocation.InvocationPipeline;
import dev.fnbridge.core.invocation.RecordBatches;
import dev.fnbridge.core.invocation.RecordTracing;
import dev.fnbridge.core.invocation.TransportFunctionWrapper;
import dev.fnbridge.core.json.JsonPayloadReader;
import dev.fnbridge.core.json.JsonProperties;
import dev.fnbridge.core.metrics.InvocationMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.validation.Validator;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.aot.AotDetector;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.annotation.AutowiredAnnotationBeanPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * What every transport shares: the invocation metrics, the JSON payload reader and the
 * wrapper around message-driven invocations. It replaces Spring Cloud Function's own
 * observation wrapper, whose timer would count every invocation a second time.
 */
@AutoConfiguration(beforeName = "org.springframework.cloud.function.observability.ObservationAutoConfiguration")
@EnableConfigurationProperties(JsonProperties.class)
public class FnbridgeCoreAutoConfiguration {

	private static final String FUNCTION_CATALOG = "functionCatalog";

	@Bean
	@ConditionalOnMissingBean
	InvocationMetrics fnbridgeInvocationMetrics(ObjectProvider<MeterRegistry> registry) {
		return new InvocationMetrics(registry.getIfAvailable(SimpleMeterRegistry::new));
	}

	@Bean
	@ConditionalOnMissingBean
	JsonPayloadReader fnbridgeJsonPayloadReader(ObjectProvider<ObjectMapper> mapper,
			ObjectProvider<Validator> validator, JsonProperties properties) {
		// Bean Validation of every input on every transport, when a provider is present.
		return new JsonPayloadReader(mapper.getIfAvailable(() -> JsonMapper.builder().build()),
				validator.getIfAvailable(), properties.isCoerceScalarsToText());
	}

	@Bean
	@ConditionalOnMissingBean
	InvocationPipeline fnbridgeInvocationPipeline(JsonPayloadReader reader, ObjectProvider<ObjectMapper> mapper,
			InvocationMetrics metrics) {
		return new InvocationPipeline(reader, mapper.getIfAvailable(() -> JsonMapper.builder().build()), metrics);
	}

	@Bean
	@ConditionalOnMissingBean
	TransportFunctionWrapper fnbridgeTransportFunctionWrapper(InvocationPipeline pipeline,
			ObjectProvider<RecordTracing> tracing, ObjectProvider<RecordBatches> batches) {
		if (!CatalogCalls.isSupported()) {
			throw new IllegalStateException(CatalogCalls.unsupported());
		}
		return new TransportFunctionWrapper(pipeline, tracing.getIfAvailable(), batches.getIfAvailable());
	}

	/**
	 * Installs the application's {@link ErrorMapper}s, in their order, for every
	 * transport; removed again when the application stops.
	 * @param mappers the application's mappers
	 * @return the registration
	 */
	@Bean
	ErrorMapperRegistration fnbridgeErrorMapperRegistration(ObjectProvider<ErrorMapper> mappers) {
		return new ErrorMapperRegistration(mappers.orderedStream().toList());
	}

	/** Puts the mappers in place at start-up, removes them at shutdown. */
	static final class ErrorMapperRegistration implements DisposableBean {

		private final List<ErrorMapper> mappers;

		ErrorMapperRegistration(List<ErrorMapper> mappers) {
			this.mappers = mappers;
			// Before any singleton is ready: a transport may classify an error early.
			ErrorClassifier.install(mappers);
		}

		@Override
		public void destroy() {
			ErrorClassifier.uninstall(this.mappers);
		}

	}

	/**
	 * In an AOT-processed application (the Lambda artifact) Spring Cloud Function's
	 * catalog, declared as a {@code FunctionRegistry}, does not get its
	 * {@code @Autowired} around-wrapper: AOT generates injection only for what the bean
	 * definition's type shows. Without this, no message-driven invocation would be read
	 * strictly or counted.
	 * @param beanFactory the bean factory
	 * @return the callback that injects the wrapper once every singleton exists
	 */
	@Bean
	SmartInitializingSingleton fnbridgeAotFunctionCatalogWiring(ConfigurableListableBeanFactory beanFactory) {
		return () -> {
			if (AotDetector.useGeneratedArtifacts() && beanFactory.containsBean(FUNCTION_CATALOG)) {
				AutowiredAnnotationBeanPostProcessor injector = new AutowiredAnnotationBeanPostProcessor();
				injector.setBeanFactory(beanFactory);
				injector.processInjection(beanFactory.getBean(FUNCTION_CATALOG));
			}
		};
	}

}

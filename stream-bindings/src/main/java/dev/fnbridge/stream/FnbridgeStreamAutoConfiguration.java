package dev.fnbridge.stream;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.fnbridge.core.events.EventPublisher;
import dev.fnbridge.core.invocation.RecordBatches;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.cloud.function.context.FunctionCatalog;
import org.springframework.cloud.stream.binder.kafka.ListenerContainerWithDlqAndRetryCustomizer;
import org.springframework.cloud.stream.binder.kafka.utils.DlqDestinationResolver;
import org.springframework.cloud.stream.binder.kafka.utils.DlqPartitionFunction;
import org.springframework.cloud.stream.config.BindingServiceProperties;
import org.springframework.cloud.stream.function.StreamBridge;
import org.springframework.cloud.stream.function.StreamFunctionProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Environment;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.kafka.support.KafkaHeaderMapper;

/**
 * fnbridge's error policy for the Kafka binder: dead letters with their real cause,
 * retries only for failures that may pass, per binding where the binding says so. Dead
 * letters are sent by the bean {@value #DEAD_LETTER_KAFKA_TEMPLATE}.
 */
@AutoConfiguration(afterName = {
		"org.springframework.boot.micrometer.tracing.autoconfigure.MicrometerTracingAutoConfiguration",
		"org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.OpenTelemetryTracingAutoConfiguration",
		"org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.OpenTelemetryPropagationConfigurations" })
@ConditionalOnClass(ListenerContainerWithDlqAndRetryCustomizer.class)
@EnableConfigurationProperties({ KafkaTransportProperties.class, KafkaProperties.class })
public class FnbridgeStreamAutoConfiguration {

	/**
	 * Name of the bean that sends dead letters, a
	 * {@code KafkaOperations<byte[], byte[]>}: declare a bean of this name to replace
	 * fnbridge's (with {@code @Bean(defaultCandidate = false)} to keep Boot's own
	 * {@code KafkaTemplate}).
	 */
	public static final String DEAD_LETTER_KAFKA_TEMPLATE = "fnbridgeDeadLetterKafkaTemplate";

	/**
	 * Name of the producer factory behind fnbridge's dead-letter template; closed with
	 * the application context.
	 */
	public static final String DEAD_LETTER_PRODUCER_FACTORY = "fnbridgeDeadLetterProducerFactory";

	/**
	 * The producers of dead letters: Boot's {@code spring.kafka.producer.*} settings (the
	 * binder's broker list when only that is set), byte arrays as consumed, every in-sync
	 * replica acknowledging, idempotent. Not a default candidate, so that Boot's own
	 * producer factory and template stay for the application.
	 * @param kafka Boot's Kafka settings
	 * @param environment the environment, for the binder's transaction prefix
	 * @return the producer factory
	 */
	@Bean(name = DEAD_LETTER_PRODUCER_FACTORY, defaultCandidate = false)
	@ConditionalOnMissingBean(name = DEAD_LETTER_PRODUCER_FACTORY)
	DefaultKafkaProducerFactory<byte[], byte[]> fnbridgeDeadLetterProducerFactory(KafkaProperties kafka,
			Environment environment) {
		Map<String, Object> config = kafka.buildProducerProperties();
		config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
		config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
		config.put(ProducerConfig.ACKS_CONFIG, "all");
		config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
		DefaultKafkaProducerFactory<byte[], byte[]> producers = new DefaultKafkaProducerFactory<>(config);
		String transactionPrefix = environment
			.getProperty("spring.cloud.stream.kafka.binder.transaction.transaction-id-prefix");
		if (transactionPrefix != null && !transactionPrefix.isBlank()) {
			// Exactly-once mode: dead letters and their offsets are committed in
			// transactions too.
			producers.setTransactionIdPrefix(transactionPrefix + "dlq-");
		}
		return producers;
	}

	/**
	 * The template dead letters are sent with.
	 * @param producers the dead-letter producer factory
	 * @return the template
	 */
	@Bean(name = DEAD_LETTER_KAFKA_TEMPLATE, defaultCandidate = false)
	@ConditionalOnMissingBean(name = DEAD_LETTER_KAFKA_TEMPLATE)
	KafkaTemplate<byte[], byte[]> fnbridgeDeadLetterKafkaTemplate(
			@Qualifier(DEAD_LETTER_PRODUCER_FACTORY) ProducerFactory<byte[], byte[]> producers) {
		return new KafkaTemplate<>(producers);
	}

	/**
	 * fnbridge's retries and dead letters for every consumer binding. Settings of a
	 * binding fnbridge cannot honour stop the start here (when the Kafka transport is
	 * on): the binder would only log a failure to bind, and bind again every 30 s.
	 * @param template the dead-letter template
	 * @param properties the transport settings
	 * @param bindings the bindings
	 * @param functions the function definitions
	 * @param meters the meter registry, if any
	 * @param dlqDestinationResolvers the binder's dead-letter topic resolver, refused
	 * @param dlqPartitionFunctions the binder's dead-letter partition function, refused
	 * @param environment the environment
	 * @param outputs the output flush
	 * @return the container customizer the binder applies to each consumer binding
	 * @throws IllegalStateException naming each binding and property fnbridge cannot
	 * honour
	 */
	@Bean
	ListenerContainerWithDlqAndRetryCustomizer fnbridgeDeadLetterRouting(
			@Qualifier(DEAD_LETTER_KAFKA_TEMPLATE) KafkaOperations<byte[], byte[]> template,
			KafkaTransportProperties properties, BindingServiceProperties bindings, StreamFunctionProperties functions,
			ObjectProvider<MeterRegistry> meters, ObjectProvider<DlqDestinationResolver> dlqDestinationResolvers,
			ObjectProvider<DlqPartitionFunction> dlqPartitionFunctions, Environment environment, OutputFlush outputs) {
		BindingDeadLetterSettings settings = BindingDeadLetterSettings.read(environment, properties);
		if (environment instanceof ConfigurableEnvironment configurable
				&& KafkaTransportEnvironmentPostProcessor.isEnabled(configurable)) {
			List<String> problems = new ArrayList<>(settings.problems(environment, bindings.getBindings()));
			if (dlqDestinationResolvers.stream().findAny().isPresent()) {
				problems.add("A DlqDestinationResolver bean cannot be honoured: dead letters go to a binding's "
						+ "dlq-name, else to the input topic plus fnbridge.kafka.dead-letter-suffix. Remove the bean; "
						+ "set spring.cloud.stream.kafka.bindings.<binding>.consumer.dlq-name instead.");
			}
			if (dlqPartitionFunctions.stream().findAny().isPresent()) {
				problems.add("A DlqPartitionFunction bean cannot be honoured: a dead letter goes to the partition "
						+ "its key maps to. Remove the bean.");
			}
			if (!problems.isEmpty()) {
				throw new IllegalStateException(
						"fnbridge cannot honour these Kafka consumer settings:\n  " + String.join("\n  ", problems));
			}
		}
		return new DeadLetterRouting(template, properties, settings, new BindingFunctions(bindings, functions),
				meters.getIfAvailable(SimpleMeterRegistry::new), outputs);
	}

	/**
	 * Stops the start when the Kafka transport is on and
	 * {@code spring.cloud.function.definition} binds a function that does not exist
	 * (Spring Cloud Stream would only log it and leave the topic unread).
	 * @param catalog the function catalog
	 * @param environment the environment
	 * @return the check, run once every singleton exists, before any binding starts
	 */
	@Bean
	BoundFunctionsCheck fnbridgeBoundFunctionsCheck(ObjectProvider<FunctionCatalog> catalog, Environment environment) {
		boolean enabled = environment instanceof ConfigurableEnvironment configurable
				&& KafkaTransportEnvironmentPostProcessor.isEnabled(configurable);
		return new BoundFunctionsCheck(catalog,
				enabled ? environment.getProperty("spring.cloud.function.definition", "") : "");
	}

	/**
	 * The binder's header mapper for every binding, reading neither fnbridge's own
	 * headers nor Spring's JSON type hints from a consumed record, and writing no
	 * fnbridge header to an output (the binder looks it up by this name).
	 * @return the header mapper
	 */
	@Bean
	@ConditionalOnMissingBean(name = "kafkaBinderHeaderMapper")
	KafkaHeaderMapper kafkaBinderHeaderMapper() {
		return new FnbridgeHeaderMapper();
	}

	@Bean
	@ConditionalOnMissingBean(EventPublisher.class)
	EventPublisher fnbridgeEventPublisher(ObjectProvider<StreamBridge> bridge, BindingServiceProperties bindings,
			StreamFunctionProperties functions, OutputFlush outputs) {
		return new StreamBridgeEventPublisher(bridge, new BindingFunctions(bindings, functions), outputs);
	}

	/**
	 * Retries and dead-letters the failed records of a batch-mode binding inside the
	 * batch, so the rest of the batch goes on.
	 * @param properties the transport settings
	 * @return the batch handling
	 */
	@Bean
	RecordBatches fnbridgeRecordBatches(KafkaTransportProperties properties) {
		return new BatchDeadLetters(properties.isBatchFunctions());
	}

	/**
	 * A span per record, when the application traces (Micrometer Tracing).
	 * @param tracer the tracer
	 * @param propagator the configured propagation
	 * @return the record tracing
	 */
	@Bean
	@ConditionalOnClass(Tracer.class)
	@ConditionalOnBean({ Tracer.class, Propagator.class })
	KafkaRecordTracing fnbridgeKafkaRecordTracing(Tracer tracer, Propagator propagator) {
		return new KafkaRecordTracing(tracer, propagator);
	}

	/**
	 * Output producers are flushed once per poll cycle before offsets are committed; also
	 * the binder's (and Boot's) producer listener, which notes failed sends.
	 * @param properties the transport settings
	 * @return the output flush
	 */
	@Bean
	OutputFlush fnbridgeOutputFlush(KafkaTransportProperties properties) {
		return new OutputFlush(properties.getOutputResend().getAttempts(), properties.getOutputResend().getTimeout());
	}

}

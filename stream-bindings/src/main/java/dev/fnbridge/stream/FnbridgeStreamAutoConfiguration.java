package dev.fnbridge.stream;

import java.util.Map;

import dev.fnbridge.core.events.EventPublisher;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.cloud.stream.binder.kafka.ListenerContainerWithDlqAndRetryCustomizer;
import org.springframework.cloud.stream.config.BindingServiceProperties;
import org.springframework.cloud.stream.function.StreamBridge;
import org.springframework.cloud.stream.function.StreamFunctionProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.KafkaHeaderMapper;

/**
 * fnbridge's error policy for the Kafka binder: dead letters with their real cause,
 * retries only for failures that may pass.
 */
@AutoConfiguration(afterName = {
		"org.springframework.boot.micrometer.tracing.autoconfigure.MicrometerTracingAutoConfiguration",
		"org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.OpenTelemetryTracingAutoConfiguration",
		"org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.OpenTelemetryPropagationConfigurations" })
@ConditionalOnClass(ListenerContainerWithDlqAndRetryCustomizer.class)
@EnableConfigurationProperties({ KafkaTransportProperties.class, KafkaProperties.class })
public class FnbridgeStreamAutoConfiguration {

	@Bean
	ListenerContainerWithDlqAndRetryCustomizer fnbridgeDeadLetterRouting(KafkaProperties kafka,
			KafkaTransportProperties properties, BindingServiceProperties bindings, StreamFunctionProperties functions,
			ObjectProvider<MeterRegistry> meters, Environment environment, OutputFlush outputs) {
		// Dead letters are the consumed bytes as they came: a byte-array producer,
		// idempotent.
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
		KafkaTemplate<byte[], byte[]> template = new KafkaTemplate<>(producers);
		return new DeadLetterRouting(template, properties, new BindingFunctions(bindings, functions),
				meters.getIfAvailable(SimpleMeterRegistry::new), outputs);
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

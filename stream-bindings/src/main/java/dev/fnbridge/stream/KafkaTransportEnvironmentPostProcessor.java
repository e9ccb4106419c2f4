package dev.fnbridge.stream;

import java.util.HashMap;
import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Switches the Kafka bindings on or off before the application context starts. With no
 * broker configured (and {@code fnbridge.kafka.enabled} unset) Spring Cloud Stream would
 * still bind every function in {@code spring.cloud.function.definition} and block for
 * minutes on admin client time-outs; here the definition is cleared instead, so HTTP
 * starts at once. When only the binder's broker list is set, it is also made Spring
 * Kafka's bootstrap address, which the dead-letter producer uses.
 */
public class KafkaTransportEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

	static final String PROPERTY_SOURCE = "fnbridgeKafkaTransport";

	private static final String BOOTSTRAP = "spring.kafka.bootstrap-servers";

	private static final String BINDER_BROKERS = "spring.cloud.stream.kafka.binder.brokers";

	private static final String CONCURRENCY = "spring.cloud.stream.default.consumer.concurrency";

	private static final String MIN_PARTITIONS = "spring.cloud.stream.kafka.binder.min-partition-count";

	private static final String INSTANCE_ID_PROPERTY = "spring.cloud.stream.kafka.binder.consumer-properties.group.instance.id";

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		Map<String, Object> overrides = new HashMap<>();
		if (!isEnabled(environment)) {
			overrides.put("spring.cloud.function.definition", "");
			overrides.put("spring.cloud.stream.function.autodetect", "false");
		}
		else {
			if (!environment.containsProperty(BOOTSTRAP) && environment.containsProperty(BINDER_BROKERS)) {
				overrides.put(BOOTSTRAP, environment.getProperty(BINDER_BROKERS));
			}
			if (!environment.containsProperty(CONCURRENCY)) {
				overrides.put(CONCURRENCY, concurrency(environment));
			}
			// Static membership: a restarted instance takes its partitions back at once
			// instead of after the session time-out; each instance needs its own stable
			// id (Spring Kafka suffixes it per consumer thread).
			if (environment.getProperty("fnbridge.kafka.static-membership", Boolean.class, true)
					&& !environment.containsProperty(INSTANCE_ID_PROPERTY)) {
				overrides.put(INSTANCE_ID_PROPERTY, environment.getProperty("fnbridge.kafka.instance-id",
						environment.getProperty("HOSTNAME", "fnbridge-local")));
			}
		}
		if (!overrides.isEmpty()) {
			environment.getPropertySources().addFirst(new MapPropertySource(PROPERTY_SOURCE, overrides));
		}
	}

	/**
	 * Consumer threads per binding: {@code fnbridge.kafka.concurrency}, or for
	 * {@code auto} (the default) as many as there are cores, but no more than the
	 * partitions the binder creates (an idle consumer only joins rebalances). A partition
	 * is only ever read by one thread, so records of one key keep their order.
	 * @param environment the environment
	 * @return the concurrency
	 */
	static int concurrency(ConfigurableEnvironment environment) {
		String value = environment.getProperty("fnbridge.kafka.concurrency", "auto").strip();
		Integer explicit = "auto".equalsIgnoreCase(value) ? null : Integer.valueOf(value);
		if (explicit != null) {
			if (explicit < 1) {
				throw new IllegalStateException("fnbridge.kafka.concurrency must be at least 1, not " + explicit);
			}
			return explicit;
		}
		int partitions = environment.getProperty(MIN_PARTITIONS, Integer.class, 1);
		return Math.max(1, Math.min(Runtime.getRuntime().availableProcessors(), partitions));
	}

	/**
	 * Whether the Kafka transport is on for this environment.
	 * @param environment the environment
	 * @return the explicit {@code fnbridge.kafka.enabled}, else whether a broker is
	 * configured
	 */
	static boolean isEnabled(ConfigurableEnvironment environment) {
		Boolean explicit = environment.getProperty("fnbridge.kafka.enabled", Boolean.class);
		if (explicit != null) {
			return explicit;
		}
		return environment.containsProperty(BOOTSTRAP) || environment.containsProperty(BINDER_BROKERS);
	}

	@Override
	public int getOrder() {
		// After the application's own configuration files have been read.
		return Ordered.LOWEST_PRECEDENCE;
	}

}

package dev.fnbridge.stream;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName.Form;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.IterableConfigurationPropertySource;
import org.springframework.cloud.stream.binder.ConsumerProperties;
import org.springframework.cloud.stream.binder.kafka.properties.KafkaConsumerProperties;
import org.springframework.cloud.stream.config.BindingProperties;
import org.springframework.core.env.Environment;
import org.springframework.util.StringUtils;

/**
 * The retry and dead-letter settings consumer bindings set themselves: honoured
 * ({@code dlq-name}, {@code max-attempts}, {@code back-off-*}) or refused at start-up.
 * <p>
 * The binder hands each binding its properties with the binder's defaults filled in (3
 * attempts, 1 s backoff), so those alone cannot tell a setting from a default; which
 * settings were written is read from the environment. A setting written for a binding, or
 * for every binding ({@code spring.cloud.stream.default.consumer.*},
 * {@code spring.cloud.stream.kafka.default.consumer.*}), replaces fnbridge's own; a
 * binding without one keeps fnbridge's ({@code fnbridge.kafka.retry.*},
 * {@code <input topic>.dlq}).
 */
final class BindingDeadLetterSettings {

	private static final String CORE_PREFIX = "spring.cloud.stream.";

	private static final String KAFKA_PREFIX = "spring.cloud.stream.kafka.";

	private static final String REMOVE = " Remove the setting.";

	private final List<Written> written;

	private final KafkaTransportProperties properties;

	private BindingDeadLetterSettings(List<Written> written, KafkaTransportProperties properties) {
		this.written = written;
		this.properties = properties;
	}

	/**
	 * Reads which settings the environment has.
	 * @param environment the application's environment
	 * @param properties fnbridge's own settings
	 * @return the settings
	 */
	static BindingDeadLetterSettings read(Environment environment, KafkaTransportProperties properties) {
		// Sources come in order of precedence: the first value of a setting is the one
		// in effect.
		Map<String, Written> written = new LinkedHashMap<>();
		for (ConfigurationPropertySource source : ConfigurationPropertySources.get(environment)) {
			if (source instanceof IterableConfigurationPropertySource iterable) {
				iterable.stream().forEach((name) -> {
					Written setting = Written.of(name, source);
					if (setting != null) {
						String binding = (setting.binding() != null) ? uniform(setting.binding()) : "";
						written.putIfAbsent(binding + '/' + setting.key(), setting);
					}
				});
			}
		}
		return new BindingDeadLetterSettings(List.copyOf(written.values()), properties);
	}

	/**
	 * The settings fnbridge cannot honour, and those whose value it cannot use.
	 * @param environment the environment, for the values written for every binding
	 * @param bindings the bound {@code spring.cloud.stream.bindings}, for the values
	 * written per binding
	 * @return one sentence per problem, naming the binding and the property; empty when
	 * all can be honoured
	 */
	List<String> problems(Environment environment, Map<String, BindingProperties> bindings) {
		Set<String> problems = new LinkedHashSet<>();
		ConsumerProperties defaults = Binder.get(environment)
			.bindOrCreate(CORE_PREFIX + "default.consumer", ConsumerProperties.class);
		for (Written setting : this.written) {
			if (setting.key().refusal() != null) {
				problems.add(setting.describe() + " cannot be honoured: " + setting.key().refusal());
				continue;
			}
			String invalid = setting.key()
				.check(setting, (setting.binding() != null) ? consumerOf(bindings, setting.binding()) : defaults);
			if (invalid != null) {
				problems.add(setting.describe() + " " + invalid);
			}
		}
		return List.copyOf(problems);
	}

	/**
	 * The policy of a consumer binding.
	 * @param binding the binding's name, e.g. {@code hello-in-0}
	 * @param consumer its properties as the binder has them (defaults filled in)
	 * @param kafka its Kafka properties as the binder has them
	 * @return fnbridge's defaults, replaced by what the binding (or every binding) sets
	 */
	DeadLetterPolicy policy(String binding, ConsumerProperties consumer, KafkaConsumerProperties kafka) {
		DeadLetterPolicy defaults = DeadLetterPolicy.defaults(this.properties);
		String dlqName = isWritten(binding, Key.DLQ_NAME) && StringUtils.hasText(kafka.getDlqName())
				? kafka.getDlqName() : defaults.dlqName();
		int maxAttempts = isWritten(binding, Key.MAX_ATTEMPTS) ? consumer.getMaxAttempts() : defaults.maxAttempts();
		// The backoff is one whole, so that a binding's initial interval is not cut to
		// fnbridge's maximum: with any back-off-* written, the binder's values make it.
		boolean ownBackOff = isWritten(binding, Key.BACK_OFF_INITIAL_INTERVAL)
				|| isWritten(binding, Key.BACK_OFF_MULTIPLIER) || isWritten(binding, Key.BACK_OFF_MAX_INTERVAL);
		if (!ownBackOff) {
			return new DeadLetterPolicy(dlqName, defaults.deadLetterSuffix(), maxAttempts, defaults.initialInterval(),
					defaults.multiplier(), defaults.maxInterval());
		}
		Duration initial = Duration.ofMillis(consumer.getBackOffInitialInterval());
		double multiplier = consumer.getBackOffMultiplier();
		Duration max = Duration.ofMillis(consumer.getBackOffMaxInterval());
		return new DeadLetterPolicy(dlqName, defaults.deadLetterSuffix(), maxAttempts, initial, multiplier, max);
	}

	private boolean isWritten(String binding, Key key) {
		String wanted = uniform(binding);
		return this.written.stream()
			.anyMatch((setting) -> setting.key() == key
					&& (setting.binding() == null || uniform(setting.binding()).equals(wanted)));
	}

	private static ConsumerProperties consumerOf(Map<String, BindingProperties> bindings, String binding) {
		String wanted = uniform(binding);
		return bindings.entrySet()
			.stream()
			.filter((entry) -> uniform(entry.getKey()).equals(wanted) && entry.getValue().getConsumer() != null)
			.map((entry) -> entry.getValue().getConsumer())
			.findFirst()
			.orElseGet(ConsumerProperties::new);
	}

	/** A name as Boot compares it: lower case, letters and digits only. */
	private static String uniform(String name) {
		return name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
	}

	/**
	 * The consumer settings fnbridge honours or refuses. Those with a refusal would take
	 * a record's failure away from fnbridge's error handler, or make it decide otherwise
	 * than the binding asked, so they stop the start rather than be silently ignored.
	 */
	enum Key {

		MAX_ATTEMPTS(false, "max-attempts", null),

		BACK_OFF_INITIAL_INTERVAL(false, "back-off-initial-interval", null),

		BACK_OFF_MAX_INTERVAL(false, "back-off-max-interval", null),

		BACK_OFF_MULTIPLIER(false, "back-off-multiplier", null),

		DLQ_NAME(true, "dlq-name", null),

		ENABLE_DLQ(true, "enable-dlq",
				"fnbridge dead-letters the failed records of every binding itself (with the fnbridge-* headers) "
						+ "and cannot switch that off; the binder's own dead-letter queue would take the failures "
						+ "from it. Remove the setting; dlq-name chooses the dead-letter topic."),

		DLQ_PARTITIONS(true, "dlq-partitions",
				"a dead letter goes to the partition its key maps to; fnbridge does not choose dead-letter "
						+ "partitions." + REMOVE),

		DLQ_PRODUCER_PROPERTIES(true, "dlq-producer-properties",
				"dead letters are sent by the bean " + FnbridgeStreamAutoConfiguration.DEAD_LETTER_KAFKA_TEMPLATE
						+ " (spring.kafka.producer.*, acks=all, idempotent); configure or replace that bean instead."
						+ REMOVE),

		COMMON_ERROR_HANDLER_BEAN_NAME(true, "common-error-handler-bean-name",
				"fnbridge installs its own error handler (retries, dead letters) on every binding, in place of "
						+ "this one." + REMOVE),

		RETRYABLE_EXCEPTIONS(false, "retryable-exceptions",
				"fnbridge retries by error category (transient-failure and unexpected-error are retried, "
						+ "invalid-input and payload-too-large are not); map an exception to a category with an "
						+ "ErrorMapper bean instead." + REMOVE),

		DEFAULT_RETRYABLE(false, "default-retryable", RETRYABLE_EXCEPTIONS.refusal),

		RETRY_TEMPLATE_NAME(false, "retry-template-name",
				"fnbridge retries in the listener container, not with a binding's RetryTemplate; max-attempts and "
						+ "back-off-* set its retries." + REMOVE);

		private final boolean kafka;

		private final String kebab;

		private final @Nullable String refusal;

		Key(boolean kafka, String kebab, @Nullable String refusal) {
			this.kafka = kafka;
			this.kebab = kebab;
			this.refusal = refusal;
		}

		@Nullable String refusal() {
			return this.refusal;
		}

		/**
		 * Whether a value written for this key can be used.
		 * @return why not, or {@code null}
		 */
		@Nullable String check(Written setting, ConsumerProperties consumer) {
			return switch (this) {
				case MAX_ATTEMPTS -> (consumer.getMaxAttempts() < 1)
						? "is " + consumer.getMaxAttempts() + "; it must be at least 1 (1: no retry)." : null;
				case BACK_OFF_INITIAL_INTERVAL -> (consumer.getBackOffInitialInterval() < 0)
						? "is " + consumer.getBackOffInitialInterval() + "; it must be 0 or more (milliseconds)."
						: null;
				case BACK_OFF_MAX_INTERVAL -> (consumer.getBackOffMaxInterval() < 0)
						? "is " + consumer.getBackOffMaxInterval() + "; it must be 0 or more (milliseconds)." : null;
				case BACK_OFF_MULTIPLIER -> (consumer.getBackOffMultiplier() < 1.0)
						? "is " + consumer.getBackOffMultiplier() + "; it must be 1.0 or more." : null;
				case DLQ_NAME -> (setting.value() == null || !StringUtils.hasText(setting.value().toString()))
						? "is empty; name the dead-letter topic, or remove the setting (dead letters then go to "
								+ "the input topic plus fnbridge.kafka.dead-letter-suffix)."
						: null;
				default -> null;
			};
		}

		static @Nullable Key of(boolean kafka, String element) {
			for (Key key : values()) {
				if (key.kafka == kafka && uniform(key.kebab).equals(element)) {
					return key;
				}
			}
			return null;
		}

	}

	/**
	 * One setting the environment has.
	 *
	 * @param binding the binding it is written for, or {@code null} for every binding
	 * @param key the setting
	 * @param value its value as written (a map's entries have none here)
	 */
	record Written(@Nullable String binding, Key key, @Nullable Object value) {

		/**
		 * The setting a property name stands for.
		 * @param name e.g.
		 * {@code spring.cloud.stream.bindings.hello-in-0.consumer.max-attempts}
		 * @param source where it is written
		 * @return the setting, or {@code null} if the name is none of {@link Key}
		 */
		static @Nullable Written of(ConfigurationPropertyName name, ConfigurationPropertySource source) {
			int size = name.getNumberOfElements();
			if (size < 6 || !"spring".equals(element(name, 0)) || !"cloud".equals(element(name, 1))
					|| !"stream".equals(element(name, 2))) {
				return null;
			}
			boolean kafka = "kafka".equals(element(name, 3));
			int scope = kafka ? 4 : 3;
			String binding = null;
			int consumer;
			if ("bindings".equals(element(name, scope)) && size > scope + 3) {
				binding = name.getElement(scope + 1, Form.ORIGINAL);
				consumer = scope + 2;
			}
			else if ("default".equals(element(name, scope)) && size > scope + 2) {
				consumer = scope + 1;
			}
			else {
				return null;
			}
			if (!"consumer".equals(element(name, consumer))) {
				return null;
			}
			Key key = Key.of(kafka, element(name, consumer + 1));
			if (key == null) {
				return null;
			}
			ConfigurationProperty property = (size == consumer + 2) ? source.getConfigurationProperty(name) : null;
			return new Written(binding, key, (property != null) ? property.getValue() : null);
		}

		private static String element(ConfigurationPropertyName name, int index) {
			return (index < name.getNumberOfElements()) ? name.getElement(index, Form.UNIFORM) : "";
		}

		/**
		 * The property, as the binder's documentation spells it.
		 * @return e.g.
		 * {@code spring.cloud.stream.kafka.bindings.hello-in-0.consumer.enable-dlq}
		 */
		String describe() {
			String prefix = this.key.kafka ? KAFKA_PREFIX : CORE_PREFIX;
			String scope = (this.binding != null) ? "bindings." + this.binding : "default";
			String property = prefix + scope + ".consumer." + this.key.kebab;
			return (this.binding != null) ? "Binding '" + this.binding + "': " + property
					: "Every binding: " + property;
		}

	}

}

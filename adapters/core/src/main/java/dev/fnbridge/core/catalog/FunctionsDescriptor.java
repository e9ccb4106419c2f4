package dev.fnbridge.core.catalog;

import java.lang.reflect.Type;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import dev.fnbridge.core.invocation.DirectTargets;

import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.cloud.function.context.FunctionCatalog;
import org.springframework.cloud.function.context.catalog.SimpleFunctionRegistry.FunctionInvocationWrapper;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Environment;
import org.springframework.core.env.PropertySource;

/**
 * What an application serves, as one JSON-ready document: every function with its kind,
 * the JSON Schema of its input and output, its HTTP path and its Kafka topics. The HTTP
 * transport serves the functions at {@code GET /functions}; fnbridge-maven-plugin's
 * {@code functions} goal writes the document to {@code target/fnbridge-functions.json},
 * which the offline Terraform checks read.
 */
public final class FunctionsDescriptor {

	/** The handler string a Lambda deployment of an fnbridge application uses. */
	public static final String HANDLER = "dev.fnbridge.lambda.FunctionHandler";

	private static final String DEFINITION = "spring.cloud.function.definition";

	/** The property source of fnbridge's Kafka switch (fnbridge-stream). */
	private static final String KAFKA_SWITCH = "fnbridgeKafkaTransport";

	private FunctionsDescriptor() {
	}

	/**
	 * One function's entry.
	 * @param name the bean name
	 * @param function the catalog's function
	 * @param environment where the Kafka bindings are configured
	 * @return {@code name}, {@code kind}, {@code input}, {@code output}, {@code http},
	 * and {@code topics} when the function is bound to any
	 */
	public static Map<String, Object> function(String name, FunctionInvocationWrapper function,
			Environment environment) {
		Map<String, Object> entry = new LinkedHashMap<>();
		entry.put("name", name);
		String kind = function.isSupplier() ? "supplier" : function.isConsumer() ? "consumer" : "function";
		entry.put("kind", kind);
		Type input = function.isSupplier() ? null : DirectTargets.payloadType(function.getInputType());
		Type output = function.isConsumer() ? null : DirectTargets.payloadType(function.getOutputType());
		if (input != null) {
			entry.put("input", JsonSchemas.of(input));
		}
		if (output != null) {
			entry.put("output", JsonSchemas.of(output));
		}
		entry.put("http", Map.of("method", function.isSupplier() ? "GET" : "POST", "path", "/" + name));
		Map<String, String> topics = topics(name, environment);
		if (!topics.isEmpty()) {
			entry.put("topics", topics);
		}
		return entry;
	}

	/**
	 * The whole document.
	 * @param catalog the function catalog
	 * @param environment the application's environment
	 * @param application the application class's name
	 * @return {@code application}, {@code handlers}, {@code functions} and
	 * {@code bindings} (each definition bound to topics, compositions included)
	 */
	public static Map<String, Object> describe(FunctionCatalog catalog, Environment environment, String application) {
		Map<String, Object> document = new LinkedHashMap<>();
		document.put("application", application);
		document.put("handlers", List.of(HANDLER));
		List<Map<String, Object>> functions = new java.util.ArrayList<>();
		for (String name : new TreeSet<>(catalog.getNames(null))) {
			Object candidate = catalog.lookup(name);
			if (candidate instanceof FunctionInvocationWrapper function && !function.isRoutingFunction()
					&& isPublicName(name) && !isInfrastructure(function)) {
				functions.add(function(name, function, environment));
			}
		}
		document.put("functions", functions);
		List<Map<String, Object>> bindings = new java.util.ArrayList<>();
		for (String definition : definitions(environment)) {
			Map<String, String> topics = topics(definition.replace("|", "").replace(",", ""), environment);
			if (!topics.isEmpty()) {
				bindings.add(Map.of("definition", definition, "topics", topics));
			}
		}
		document.put("bindings", bindings);
		return document;
	}

	/**
	 * The definitions bound to topics ({@code spring.cloud.function.definition}), as
	 * configured: the Kafka transport clears the property when no broker is configured,
	 * so its override is skipped.
	 */
	private static List<String> definitions(Environment environment) {
		String value = null;
		if (environment instanceof ConfigurableEnvironment configurable) {
			for (PropertySource<?> source : configurable.getPropertySources()) {
				if (!KAFKA_SWITCH.equals(source.getName()) && source.containsProperty(DEFINITION)) {
					value = String.valueOf(source.getProperty(DEFINITION));
					break;
				}
			}
		}
		else {
			value = environment.getProperty(DEFINITION);
		}
		if (value == null) {
			return List.of();
		}
		return java.util.Arrays.stream(value.split(";")).map(String::strip).filter((d) -> !d.isEmpty()).toList();
	}

	/**
	 * Whether a function is Spring Cloud's own (Spring Cloud Stream registers its
	 * {@code streamBridge} in the catalog), not the application's.
	 * @param function the catalog's function
	 * @return whether its target is a Spring Cloud class
	 */
	public static boolean isInfrastructure(FunctionInvocationWrapper function) {
		Object target = function.getTarget();
		return target != null && (target instanceof FrameworkFunction
				|| target.getClass().getName().startsWith("org.springframework.cloud."));
	}

	/**
	 * Whether a bean name is one a caller can use as a path and definition; Spring Cloud
	 * Function registers some of its own under other names.
	 * @param name the bean name
	 * @return whether it is a plain identifier
	 */
	public static boolean isPublicName(String name) {
		return !name.isEmpty() && Character.isJavaIdentifierStart(name.charAt(0))
				&& name.chars().allMatch(Character::isJavaIdentifierPart);
	}

	/**
	 * The input, output and dead-letter topics of a function from the Spring Cloud Stream
	 * configuration ({@code <name>-in-0}, or the name that
	 * {@code spring.cloud.stream.function.bindings} gives it).
	 * @param name the binding prefix: a function name, or a composition without its
	 * separators ({@code validateReadingenrichReading})
	 * @param environment the application's environment
	 * @return {@code input}, {@code output} and {@code deadLetter}, those configured
	 */
	public static Map<String, String> topics(String name, Environment environment) {
		Binder binder = Binder.get(environment);
		Map<String, String> renamed = binder
			.bind("spring.cloud.stream.function.bindings", Bindable.mapOf(String.class, String.class))
			.orElse(Map.of());
		Map<String, String> topics = new LinkedHashMap<>();
		String input = destination(environment, renamed.getOrDefault(name + "-in-0", name + "-in-0"));
		String output = destination(environment, renamed.getOrDefault(name + "-out-0", name + "-out-0"));
		if (input != null) {
			topics.put("input", input);
			topics.put("deadLetter", input + environment.getProperty("fnbridge.kafka.dead-letter-suffix", ".dlq"));
		}
		if (output != null) {
			topics.put("output", output);
		}
		return topics;
	}

	private static String destination(Environment environment, String binding) {
		// Not the Binder: binding names are camel case, which a canonical property name
		// is not.
		return environment.getProperty("spring.cloud.stream.bindings." + binding + ".destination");
	}

}

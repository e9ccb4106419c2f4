package dev.fnbridge.stream;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import org.springframework.cloud.stream.config.BindingProperties;
import org.springframework.cloud.stream.config.BindingServiceProperties;
import org.springframework.cloud.stream.function.StreamFunctionProperties;
import org.springframework.util.StringUtils;

/**
 * Finds which function definition consumes a topic, for the {@code fnbridge-function}
 * header and metric tags: topic → binding (through its alias) → function definition.
 */
class BindingFunctions {

	private static final Pattern INPUT_SUFFIX = Pattern.compile("-in-\\d+$");

	private final BindingServiceProperties bindings;

	private final StreamFunctionProperties functions;

	BindingFunctions(BindingServiceProperties bindings, StreamFunctionProperties functions) {
		this.bindings = bindings;
		this.functions = functions;
	}

	/**
	 * The function definition bound to a topic.
	 * @param destination the topic (or comma-separated topics) of a consumer binding
	 * @return the definition, e.g. {@code validateReading|enrichReading|detectAnomaly},
	 * or the destination itself when no binding names it
	 */
	String forDestination(String destination) {
		for (Map.Entry<String, BindingProperties> binding : this.bindings.getBindings().entrySet()) {
			String configured = binding.getValue().getDestination();
			if (configured != null
					&& Arrays.asList(StringUtils.commaDelimitedListToStringArray(configured)).contains(destination)) {
				return forBinding(binding.getKey());
			}
		}
		return destination;
	}

	/**
	 * The input topic of a function definition, the reverse of
	 * {@link #forDestination(String)}.
	 * @param definition e.g. {@code hello},
	 * {@code validateReading|enrichReading|detectAnomaly} or the same with commas
	 * @return the topic, if the definition is bound
	 */
	Optional<String> inputDestination(String definition) {
		String wanted = definition.replace(',', '|').replace(" ", "");
		String bound = this.functions.getDefinition();
		if (bound == null || Arrays.stream(bound.split(";")).map(String::strip).noneMatch(wanted::equals)) {
			return Optional.empty();
		}
		String functional = wanted.replace("|", "") + "-in-0";
		String bindingName = this.functions.getBindings().getOrDefault(functional, functional);
		BindingProperties binding = this.bindings.getBindings().get(bindingName);
		String destination = (binding != null) ? binding.getDestination() : null;
		return Optional.of(StringUtils.hasText(destination)
				? StringUtils.commaDelimitedListToStringArray(destination)[0].strip() : bindingName);
	}

	private String forBinding(String bindingName) {
		String functional = bindingName;
		for (Map.Entry<String, String> alias : this.functions.getBindings().entrySet()) {
			if (alias.getValue().equals(bindingName)) {
				functional = alias.getKey();
			}
		}
		String stripped = INPUT_SUFFIX.matcher(functional).replaceFirst("");
		String definition = this.functions.getDefinition();
		if (definition != null) {
			for (String element : definition.split(";")) {
				if (element.strip().replaceAll("[|,]", "").equals(stripped)) {
					return element.strip();
				}
			}
		}
		return stripped;
	}

}

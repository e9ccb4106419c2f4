package dev.fnbridge.stream;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.cloud.function.context.FunctionCatalog;
import org.springframework.cloud.function.context.config.RoutingFunction;
import org.springframework.util.StringUtils;

/**
 * Refuses to start when {@code spring.cloud.function.definition} binds a function that
 * does not exist. Spring Cloud Stream only logs such a definition and binds nothing, so
 * records would pile up on a topic nobody reads; a typo should stop the deployment
 * instead, naming the missing function.
 */
class BoundFunctionsCheck implements SmartInitializingSingleton {

	private final ObjectProvider<FunctionCatalog> catalog;

	private final String definitions;

	BoundFunctionsCheck(ObjectProvider<FunctionCatalog> catalog, String definitions) {
		this.catalog = catalog;
		this.definitions = definitions;
	}

	@Override
	public void afterSingletonsInstantiated() {
		if (!StringUtils.hasText(this.definitions)) {
			return;
		}
		FunctionCatalog functions = this.catalog.getIfAvailable();
		if (functions == null) {
			return;
		}
		List<String> missing = new ArrayList<>();
		for (String definition : this.definitions.split(";")) {
			for (String name : definition.split("[|,]")) {
				String element = name.strip();
				if (!element.isEmpty() && functions.lookup(element) == null && !missing.contains(element)) {
					missing.add(element);
				}
			}
		}
		if (!missing.isEmpty()) {
			throw new IllegalStateException("spring.cloud.function.definition binds " + String.join(", ", missing)
					+ " to Kafka, but no function bean has " + ((missing.size() == 1) ? "that name" : "those names")
					+ "; functions: " + functionNames(functions));
		}
	}

	private static Set<String> functionNames(FunctionCatalog functions) {
		Set<String> names = new TreeSet<>(functions.getNames(null));
		// Spring Cloud Function's own router, not one of the application's functions.
		names.remove(RoutingFunction.FUNCTION_NAME);
		return names;
	}

}

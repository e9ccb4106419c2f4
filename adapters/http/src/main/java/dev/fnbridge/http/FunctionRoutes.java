package dev.fnbridge.http;

import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

import dev.fnbridge.core.error.UnknownFunctionException;

import org.springframework.cloud.function.context.FunctionCatalog;
import org.springframework.cloud.function.context.catalog.SimpleFunctionRegistry.FunctionInvocationWrapper;

/**
 * Resolves function definitions to {@link FunctionRoute}s. Every single function is
 * resolved at startup; compositions are resolved on first use and kept in a bounded
 * cache, so a request never walks the bean factory. Only names in the catalog resolve: an
 * unknown element is an {@link UnknownFunctionException}, never a fallback to some
 * default function.
 */
public class FunctionRoutes {

	private static final Pattern ELEMENT_SEPARATOR = Pattern.compile("[,|]");

	private final FunctionCatalog catalog;

	private final Map<String, FunctionRoute> functions;

	private final Map<String, FunctionRoute> lookup;

	private final Map<String, FunctionRoute> compositions;

	/**
	 * Resolves every function in the catalog.
	 * @param catalog the function catalog
	 * @param compositionCacheSize how many compositions to keep resolved
	 */
	public FunctionRoutes(FunctionCatalog catalog, int compositionCacheSize) {
		this.catalog = catalog;
		Map<String, FunctionRoute> resolved = new TreeMap<>();
		for (String name : catalog.getNames(null)) {
			FunctionInvocationWrapper function = catalog.lookup(name);
			if (function != null && !function.isRoutingFunction() && isValidName(name)) {
				resolved.put(name, FunctionRoute.of(name, function));
			}
		}
		this.functions = Collections.unmodifiableMap(resolved);
		// Hashing, not the sorted map, on the request path.
		this.lookup = new HashMap<>(resolved);
		this.compositions = Collections.synchronizedMap(new LinkedHashMap<>(16, 0.75f, true) {
			@Override
			protected boolean removeEldestEntry(Map.Entry<String, FunctionRoute> eldest) {
				return size() > compositionCacheSize;
			}
		});
	}

	/**
	 * The single functions, by name, sorted.
	 * @return an unmodifiable view
	 */
	public Map<String, FunctionRoute> functions() {
		return this.functions;
	}

	/**
	 * The names of the single functions.
	 * @return the sorted names
	 */
	public Set<String> names() {
		return this.functions.keySet();
	}

	/**
	 * Resolves a definition: one function name, or names joined by {@code ,} or
	 * {@code |}.
	 * @param definition the definition from the request
	 * @return the route
	 * @throws UnknownFunctionException if the definition, or one of its elements, is
	 * unknown
	 */
	FunctionRoute resolve(String definition) {
		FunctionRoute single = this.lookup.get(definition);
		if (single != null) {
			return single;
		}
		FunctionRoute cached = this.compositions.get(definition);
		if (cached != null) {
			return cached;
		}
		String[] elements = ELEMENT_SEPARATOR.split(definition, -1);
		if (elements.length < 2) {
			throw new UnknownFunctionException(definition, definition);
		}
		for (String element : elements) {
			if (!this.lookup.containsKey(element)) {
				throw new UnknownFunctionException(definition, element);
			}
		}
		String normalized = String.join(",", elements);
		FunctionInvocationWrapper composed = this.catalog.lookup(normalized);
		if (composed == null) {
			throw new UnknownFunctionException(definition, definition);
		}
		FunctionRoute route = FunctionRoute.of(normalized, composed);
		this.compositions.put(definition, route);
		return route;
	}

	private static boolean isValidName(String name) {
		return !name.isEmpty() && !ELEMENT_SEPARATOR.matcher(name).find();
	}

}

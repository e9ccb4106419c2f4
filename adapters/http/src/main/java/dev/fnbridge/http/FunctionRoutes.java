package dev.fnbridge.http;

import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

import dev.fnbridge.core.error.InvalidInputException;
import dev.fnbridge.core.error.UnknownFunctionException;
import dev.fnbridge.core.invocation.CompositionRules;

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

	/**
	 * The metrics tag of every composition past the first
	 * {@code fnbridge.http.max-tagged-compositions}: callers choose compositions, so
	 * their number is not the application's to bound.
	 */
	public static final String OTHER_COMPOSITIONS = "other-compositions";

	private final FunctionCatalog catalog;

	private final Map<String, FunctionRoute> functions;

	private final Map<String, FunctionRoute> lookup;

	private final Map<String, FunctionRoute> compositions;

	private final int maxCompositionLength;

	private final int maxTaggedCompositions;

	private final Set<String> taggedCompositions = ConcurrentHashMap.newKeySet();

	/**
	 * Resolves every function in the catalog.
	 * @param catalog the function catalog
	 * @param compositionCacheSize how many compositions to keep resolved
	 */
	public FunctionRoutes(FunctionCatalog catalog, int compositionCacheSize) {
		this(catalog, compositionCacheSize, 16, 64);
	}

	/**
	 * Resolves every function in the catalog.
	 * @param catalog the function catalog
	 * @param compositionCacheSize how many compositions to keep resolved
	 * @param maxCompositionLength how many functions one composition may have
	 * @param maxTaggedCompositions how many compositions get a metrics tag of their own
	 */
	public FunctionRoutes(FunctionCatalog catalog, int compositionCacheSize, int maxCompositionLength,
			int maxTaggedCompositions) {
		this.maxCompositionLength = maxCompositionLength;
		this.maxTaggedCompositions = maxTaggedCompositions;
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
		if (elements.length > this.maxCompositionLength) {
			throw new InvalidInputException("", "A composition has at most " + this.maxCompositionLength
					+ " functions (fnbridge.http.max-composition-length), not " + elements.length);
		}
		Set<String> seen = new HashSet<>();
		FunctionRoute previous = null;
		for (String element : elements) {
			FunctionRoute route = this.lookup.get(element);
			if (route == null) {
				throw new UnknownFunctionException(definition, element);
			}
			if (!seen.add(element)) {
				throw new InvalidInputException("", "A composition cannot use '" + element + "' twice");
			}
			if (previous != null) {
				checkComposable(previous, route);
			}
			previous = route;
		}
		String normalized = String.join(",", elements);
		FunctionInvocationWrapper composed;
		try {
			composed = this.catalog.lookup(normalized);
		}
		catch (RuntimeException ex) {
			// Spring Cloud Function refuses the composition: the caller asked for it.
			throw new InvalidInputException("", "These functions cannot be composed: " + definition);
		}
		if (composed == null) {
			throw new UnknownFunctionException(definition, definition);
		}
		FunctionRoute route = FunctionRoute.of(normalized, composed, metricTag(normalized));
		this.compositions.put(definition, route);
		return route;
	}

	/**
	 * The composition's own name while fewer than the bound have one (kept across cache
	 * evictions, so a tag never changes), else {@link #OTHER_COMPOSITIONS}.
	 */
	private String metricTag(String composition) {
		if (this.taggedCompositions.contains(composition)) {
			return composition;
		}
		synchronized (this.taggedCompositions) {
			if (this.taggedCompositions.size() < this.maxTaggedCompositions) {
				this.taggedCompositions.add(composition);
				return composition;
			}
		}
		return OTHER_COMPOSITIONS;
	}

	/**
	 * Refuses a composition whose first function's output cannot be the next one's input:
	 * a consumer (no output) before another function, a supplier (no input) after one,
	 * text or a number into a structured input, or a structure into a scalar one.
	 * Structured values pass (they are converted as JSON), so do inputs of any type.
	 */
	private static void checkComposable(FunctionRoute first, FunctionRoute next) {
		CompositionRules.checkComposable(first.definition(), first.function(), next.definition(), next.function(),
				next.payloadType());
	}

	private static boolean isValidName(String name) {
		return !name.isEmpty() && !ELEMENT_SEPARATOR.matcher(name).find();
	}

}

package dev.fnbridge.core.invocation;

import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

import dev.fnbridge.core.catalog.FrameworkFunction;
import dev.fnbridge.core.error.InvalidInputException;
import dev.fnbridge.core.error.UnknownFunctionException;

import org.springframework.cloud.function.context.FunctionCatalog;
import org.springframework.cloud.function.context.catalog.SimpleFunctionRegistry.FunctionInvocationWrapper;

/**
 * Resolves the function definitions callers name (an HTTP path, an
 * {@code x-fnbridge-function} header behind API Gateway) to {@link ResolvedFunction}s, by
 * the same rules on every transport. Every single function is resolved at start-up;
 * compositions on first use, kept in a bounded cache. Only names in the catalog resolve:
 * an unknown element is an {@link UnknownFunctionException}, never a fallback to a
 * default function, and Spring Cloud Function's router is never one a caller may name (it
 * routes by message headers, not by the caller's request).
 */
public class FunctionResolver {

	private static final Pattern ELEMENT_SEPARATOR = Pattern.compile("[,|]");

	/**
	 * The metrics tag of every composition past the first {@code maxTaggedCompositions}:
	 * callers choose compositions, so their number is not the application's to bound.
	 */
	public static final String OTHER_COMPOSITIONS = "other-compositions";

	private final FunctionCatalog catalog;

	private final Map<String, ResolvedFunction> functions;

	private final Map<String, ResolvedFunction> lookup;

	private final Map<String, ResolvedFunction> compositions;

	private final int maxCompositionLength;

	private final int maxTaggedCompositions;

	private final Set<String> taggedCompositions = ConcurrentHashMap.newKeySet();

	/**
	 * Resolves every function in the catalog.
	 * @param catalog the function catalog
	 * @param compositionCacheSize how many compositions to keep resolved
	 * @param maxCompositionLength how many functions one composition may have
	 * @param maxTaggedCompositions how many compositions get a metrics tag of their own
	 */
	public FunctionResolver(FunctionCatalog catalog, int compositionCacheSize, int maxCompositionLength,
			int maxTaggedCompositions) {
		this.catalog = catalog;
		this.maxCompositionLength = maxCompositionLength;
		this.maxTaggedCompositions = maxTaggedCompositions;
		Map<String, ResolvedFunction> resolved = new TreeMap<>();
		for (String name : catalog.getNames(null)) {
			FunctionInvocationWrapper function = catalog.lookup(name);
			if (function != null && !function.isRoutingFunction() && isValidName(name)
					&& !(function.getTarget() instanceof FrameworkFunction)) {
				resolved.put(name, ResolvedFunction.of(name, function));
			}
		}
		this.functions = Collections.unmodifiableMap(resolved);
		// Hashing, not the sorted map, on the request path.
		this.lookup = new HashMap<>(resolved);
		this.compositions = Collections.synchronizedMap(new LinkedHashMap<>(16, 0.75f, true) {
			@Override
			protected boolean removeEldestEntry(Map.Entry<String, ResolvedFunction> eldest) {
				return size() > compositionCacheSize;
			}
		});
	}

	/**
	 * The single functions, by name, sorted.
	 * @return an unmodifiable view
	 */
	public Map<String, ResolvedFunction> functions() {
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
	 * Whether every element of a definition names a function, without resolving it.
	 * @param definition the definition
	 * @return whether it names only known functions
	 */
	public boolean isDefinition(String definition) {
		if (this.lookup.containsKey(definition)) {
			return true;
		}
		String[] elements = ELEMENT_SEPARATOR.split(definition, -1);
		if (elements.length < 2 || elements.length > this.maxCompositionLength) {
			return false;
		}
		for (String element : elements) {
			if (!this.lookup.containsKey(element)) {
				return false;
			}
		}
		return true;
	}

	/**
	 * How many compositions are resolved and kept.
	 * @return the size of the composition cache
	 */
	public int cachedCompositions() {
		return this.compositions.size();
	}

	/**
	 * Resolves a definition: one function name, or names joined by {@code ,} or
	 * {@code |}.
	 * @param definition the definition the caller named
	 * @return the resolved function
	 * @throws UnknownFunctionException if the definition, or one of its elements, is
	 * unknown
	 * @throws InvalidInputException if the composition is too long, repeats a function or
	 * joins functions that do not compose
	 */
	public ResolvedFunction resolve(String definition) {
		ResolvedFunction single = this.lookup.get(definition);
		if (single != null) {
			return single;
		}
		ResolvedFunction cached = this.compositions.get(definition);
		if (cached != null) {
			return cached;
		}
		String[] elements = ELEMENT_SEPARATOR.split(definition, -1);
		if (elements.length < 2) {
			throw new UnknownFunctionException(definition, definition);
		}
		if (elements.length > this.maxCompositionLength) {
			throw new InvalidInputException("",
					"A composition has at most " + this.maxCompositionLength + " functions, not " + elements.length);
		}
		Set<String> seen = new HashSet<>();
		ResolvedFunction previous = null;
		for (String element : elements) {
			ResolvedFunction function = this.lookup.get(element);
			if (function == null) {
				throw new UnknownFunctionException(definition, element);
			}
			if (!seen.add(element)) {
				throw new InvalidInputException("", "A composition cannot use '" + element + "' twice");
			}
			if (previous != null) {
				CompositionRules.checkComposable(previous.definition(), previous.function(), function.definition(),
						function.function(), function.payloadType());
			}
			previous = function;
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
		ResolvedFunction resolved = ResolvedFunction.of(normalized, composed, metricTag(normalized));
		this.compositions.put(definition, resolved);
		return resolved;
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

	private static boolean isValidName(String name) {
		return !name.isEmpty() && !ELEMENT_SEPARATOR.matcher(name).find();
	}

}

package dev.fnbridge.http;

import java.lang.reflect.Type;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import dev.fnbridge.core.catalog.JsonSchemas;
import dev.fnbridge.core.invocation.DirectTargets;
import dev.fnbridge.core.invocation.FunctionResolver;
import dev.fnbridge.core.invocation.ResolvedFunction;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /functions}: every function with its HTTP path and its input and output
 * types, so a client can discover what the application serves.
 */
@RestController
class FunctionCatalogController {

	private static final Pattern PACKAGE = Pattern.compile("\\b[a-z][\\w]*(\\.[a-z][\\w]*)*\\.(?=[A-Z])");

	private final List<FunctionDescriptor> descriptors;

	FunctionCatalogController(FunctionResolver routes) {
		this.descriptors = routes.functions().values().stream().map(FunctionCatalogController::describe).toList();
	}

	@GetMapping("/functions")
	List<FunctionDescriptor> functions() {
		return this.descriptors;
	}

	static FunctionDescriptor describe(ResolvedFunction route) {
		String name = route.definition();
		if (route.isSupplier()) {
			return new FunctionDescriptor(name, "supplier", "GET", "/" + name, null,
					typeName(route.function().getOutputType()), null, schema(route.function().getOutputType()));
		}
		String kind = route.isConsumer() ? "consumer" : "function";
		String output = route.isConsumer() ? null : typeName(route.function().getOutputType());
		return new FunctionDescriptor(name, kind, "POST", "/" + name, typeName(route.payloadType()), output,
				JsonSchemas.of(route.payloadType()),
				route.isConsumer() ? null : schema(route.function().getOutputType()));
	}

	private static Map<String, Object> schema(Type type) {
		return JsonSchemas.of(DirectTargets.payloadType(type));
	}

	/** A readable type name: simple names, generics kept ({@code List<Reading>}). */
	static String typeName(Type type) {
		if (type == null) {
			return null;
		}
		String name = (type instanceof Class<?> cls) ? cls.getName() : type.getTypeName();
		return PACKAGE.matcher(name.replace('$', '.')).replaceAll("");
	}

}

package ${package}.hello;

import java.util.function.Function;

/**
 * Greets by name: {@code Hello, <name>!}, or {@code Hello, World!} without one.
 */
public class Greeter implements Function<HelloRequest, String> {

	@Override
	public String apply(HelloRequest request) {
		String name = (request == null || request.name() == null || request.name().isBlank()) ? "World"
				: request.name().strip();
		return "Hello, " + name + "!";
	}

}

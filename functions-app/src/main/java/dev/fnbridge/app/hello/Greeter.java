package dev.fnbridge.app.hello;

import java.util.function.Function;

/**
 * Greets by name: {@code {"name":"Ada"}} gives {@code Hello, Ada!}; a missing, null or
 * blank name gives {@code Hello, World!}. Surrounding white space is trimmed. Never
 * fails.
 */
public class Greeter implements Function<HelloRequest, String> {

	private static final String DEFAULT_NAME = "World";

	/**
	 * Greets.
	 * @param request the request; {@code null} is treated as no name
	 * @return the greeting
	 */
	@Override
	public String apply(HelloRequest request) {
		String name = (request != null && request.name() != null) ? request.name().strip() : "";
		return "Hello, " + (name.isEmpty() ? DEFAULT_NAME : name) + "!";
	}

}

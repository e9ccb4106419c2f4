package dev.fnbridge.benchmark.lambda;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The floor of the cold-start benchmark: what {@code hello} behind API Gateway costs with
 * no framework at all. Parses the HTTP API event and its JSON body, greets, writes the
 * proxy response. Never deployed; {@link ColdStartBenchmark} builds a task root around
 * it.
 */
public class FloorHandler implements RequestStreamHandler {

	private static final JsonMapper mapper = JsonMapper.builder().build();

	@Override
	public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
		answer(input, output, FloorHandler::greet);
	}

	static String greet(String name) {
		String trimmed = name.strip();
		return "Hello, " + (trimmed.isEmpty() ? "World" : trimmed) + "!";
	}

	/**
	 * The JSON work both reference handlers do: parse the event and its body, greet the
	 * body's name, write the proxy response.
	 */
	static void answer(InputStream input, OutputStream output, Function<String, String> greeter) {
		JsonNode event = mapper.readTree(input);
		JsonNode body = mapper.readTree(event.path("body").asString("{}"));
		Map<String, Object> response = new LinkedHashMap<>();
		response.put("statusCode", 200);
		response.put("headers", Map.of("Content-Type", "application/json"));
		response.put("body", mapper.writeValueAsString(greeter.apply(body.path("name").asString(""))));
		mapper.writeValue(output, response);
	}

}

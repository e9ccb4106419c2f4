package dev.fnbridge.http;

import java.util.Map;

/**
 * One entry of {@code GET /functions}.
 *
 * @param name the bean name: the HTTP path, the Kafka binding prefix and the Lambda
 * definition
 * @param kind {@code function}, {@code supplier} or {@code consumer}
 * @param method the HTTP method that invokes it
 * @param path the HTTP path
 * @param inputType the input type, e.g. {@code HelloRequest}; {@code null} for suppliers
 * @param outputType the output type, e.g. {@code String}; {@code null} for consumers
 * @param inputSchema the JSON Schema of the input, with the Bean Validation constraints
 * fnbridge checks; {@code null} for suppliers
 * @param outputSchema the JSON Schema of the output; {@code null} for consumers
 */
public record FunctionDescriptor(String name, String kind, String method, String path, String inputType,
		String outputType, Map<String, Object> inputSchema, Map<String, Object> outputSchema) {
}

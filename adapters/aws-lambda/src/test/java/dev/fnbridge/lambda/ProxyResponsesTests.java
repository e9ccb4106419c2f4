package dev.fnbridge.lambda;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

class ProxyResponsesTests {

	private final JsonMapper mapper = JsonMapper.builder().build();

	@ParameterizedTest
	@ValueSource(strings = { "\"Hello, Ada!\"", "{\"a\":\"q\\\"uote \\\\ back\"}",
			"\"tab\\tnew\\nline\\r\\u0001\\u001f\"", "\"Grüße, 世界 😀\"", "[1,2.5,null,true]", "\"\"" })
	void writesTheSameBytesAsTheMapperForA200(String result) {
		Map<String, Object> expected = new LinkedHashMap<>();
		expected.put("statusCode", 200);
		expected.put("headers", Map.of("Content-Type", "application/json"));
		expected.put("body", result);

		byte[] written = new ProxyResponses(this.mapper).ok(result.getBytes(StandardCharsets.UTF_8),
				new ProxyResponses.Shape(false, false));

		assertThat(new String(written, StandardCharsets.UTF_8))
			.isEqualTo(new String(this.mapper.writeValueAsBytes(expected), StandardCharsets.UTF_8));
		assertThat(this.mapper.readTree(written).path("body").asString()).isEqualTo(result);
	}

	@ParameterizedTest
	@ValueSource(strings = { "\"raw\ttab\"", "\"raw\u0000nul\u001b\"" })
	void escapesControlCharactersTheMapperWouldHaveEscaped(String result) {
		byte[] written = new ProxyResponses(this.mapper).ok(result.getBytes(StandardCharsets.UTF_8),
				new ProxyResponses.Shape(false, false));

		assertThat(this.mapper.readTree(written).path("body").asString()).isEqualTo(result);
	}

}

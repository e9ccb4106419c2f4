package dev.fnbridge.core.catalog;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import org.junit.jupiter.api.Test;

import org.springframework.core.ParameterizedTypeReference;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * JSON Schemas of payload types, as {@code GET /functions} and
 * {@code fnbridge-functions.json} publish them.
 */
class JsonSchemasTests {

	@Test
	void describesARecordWithItsConstraintsAndRequiredFields() {
		Map<String, Object> schema = JsonSchemas.of(Order.class);

		assertThat(schema).containsEntry("type", "object")
			.containsEntry("required", List.of("customer", "quantity", "at"));
		assertThat(property(schema, "customer")).containsEntry("type", "string")
			.containsEntry("minLength", 1)
			.containsEntry("maxLength", 64);
		assertThat(property(schema, "quantity")).containsEntry("type", "integer").containsEntry("exclusiveMinimum", 0);
		assertThat(property(schema, "at")).containsEntry("type", "string").containsEntry("format", "date-time");
		assertThat(property(schema, "kind")).containsEntry("enum", List.of("RETAIL", "WHOLESALE"));
		assertThat(property(schema, "lines")).containsEntry("type", "array").containsEntry("maxItems", 3);
	}

	@Test
	void describesNestedRecordsOfListElements() {
		Map<String, Object> schema = JsonSchemas.of(new ParameterizedTypeReference<List<Order>>() {
		}.getType());

		assertThat(schema).containsEntry("type", "array");
		@SuppressWarnings("unchecked")
		Map<String, Object> items = (Map<String, Object>) schema.get("items");
		@SuppressWarnings("unchecked")
		Map<String, Object> line = (Map<String, Object>) property(items, "lines").get("items");
		assertThat(property(line, "sku")).containsEntry("minLength", 1);
		assertThat(line).containsEntry("required", List.of("sku", "count"));
	}

	@Test
	void describesTextAsAStringAndUnknownTypesAsAnyValue() {
		assertThat(JsonSchemas.of(String.class)).isEqualTo(Map.of("type", "string"));
		assertThat(JsonSchemas.of(Object.class)).isEmpty();
	}

	@Test
	void stopsAtARecursiveRecord() {
		Map<String, Object> schema = JsonSchemas.of(Node.class);

		assertThat(property(schema, "next")).isEqualTo(Map.of("type", "object"));
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> property(Map<String, Object> schema, String name) {
		return (Map<String, Object>) ((Map<String, Object>) schema.get("properties")).get(name);
	}

	enum Kind {

		RETAIL, WHOLESALE

	}

	record Order(@NotBlank @Size(max = 64) String customer, @Positive int quantity, @NotNull Instant at, Kind kind,
			@Size(max = 3) List<@Valid Line> lines) {
	}

	record Line(@NotBlank String sku, int count) {
	}

	record Node(String value, Node next) {
	}

}

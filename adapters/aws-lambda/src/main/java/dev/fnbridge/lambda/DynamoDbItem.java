package dev.fnbridge.lambda;

import java.math.BigDecimal;
import java.util.Map;

import dev.fnbridge.core.error.InvalidInputException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * A DynamoDB item as a stream record carries it ({@code {"name": {"S": "Ada"}}}) turned
 * into the plain JSON a function reads ({@code {"name": "Ada"}}): numbers stay exact,
 * binary values stay base64 text, sets become arrays.
 */
final class DynamoDbItem {

	private static final JsonNodeFactory nodes = JsonNodeFactory.instance;

	private DynamoDbItem() {
	}

	/**
	 * The item as plain JSON.
	 * @param attributes the item's attribute values, e.g. a record's {@code NewImage}
	 * @return the JSON object
	 * @throws InvalidInputException if a value is not a DynamoDB attribute value
	 */
	static ObjectNode toJson(JsonNode attributes) {
		ObjectNode item = nodes.objectNode();
		for (Map.Entry<String, JsonNode> attribute : attributes.properties()) {
			item.set(attribute.getKey(), value(attribute.getKey(), attribute.getValue()));
		}
		return item;
	}

	private static JsonNode value(String name, JsonNode attribute) {
		if (!attribute.isObject() || attribute.size() != 1) {
			throw new InvalidInputException(name, "not a DynamoDB attribute value");
		}
		Map.Entry<String, JsonNode> typed = attribute.properties().iterator().next();
		JsonNode value = typed.getValue();
		String type = typed.getKey();
		// Each type's value has one JSON shape; anything else is refused, never guessed.
		return switch (type) {
			case "S", "B" -> nodes.stringNode(text(name, type, value));
			case "N" -> number(name, type, value);
			case "BOOL" -> nodes.booleanNode(expect(name, type, value, value.isBoolean()).booleanValue());
			case "NULL" -> nodes.nullNode();
			case "M" -> toJson(expect(name, type, value, value.isObject()));
			case "L" -> {
				ArrayNode list = nodes.arrayNode();
				expect(name, type, value, value.isArray()).forEach((element) -> list.add(value(name, element)));
				yield list;
			}
			case "SS", "BS" -> {
				ArrayNode set = nodes.arrayNode();
				expect(name, type, value, value.isArray()).forEach((element) -> set.add(text(name, type, element)));
				yield set;
			}
			case "NS" -> {
				ArrayNode set = nodes.arrayNode();
				expect(name, type, value, value.isArray()).forEach((element) -> set.add(number(name, type, element)));
				yield set;
			}
			default -> throw new InvalidInputException(name, "unknown DynamoDB type '" + type + "'");
		};
	}

	private static JsonNode expect(String name, String type, JsonNode value, boolean valid) {
		if (!valid) {
			throw new InvalidInputException(name, "not a DynamoDB '" + type + "' value");
		}
		return value;
	}

	private static String text(String name, String type, JsonNode value) {
		return expect(name, type, value, value.isString()).asString();
	}

	private static JsonNode number(String name, String type, JsonNode value) {
		String text = text(name, type, value);
		try {
			return nodes.numberNode(new BigDecimal(text));
		}
		catch (NumberFormatException ex) {
			throw new InvalidInputException(name, "not a number: '" + text + "'");
		}
	}

}

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
		return switch (typed.getKey()) {
			case "S", "B" -> nodes.stringNode(value.asString());
			case "N" -> number(name, value);
			case "BOOL" -> nodes.booleanNode(value.asBoolean());
			case "NULL" -> nodes.nullNode();
			case "M" -> toJson(value);
			case "L" -> {
				ArrayNode list = nodes.arrayNode();
				value.forEach((element) -> list.add(value(name, element)));
				yield list;
			}
			case "SS", "BS" -> {
				ArrayNode set = nodes.arrayNode();
				value.forEach((element) -> set.add(element.asString()));
				yield set;
			}
			case "NS" -> {
				ArrayNode set = nodes.arrayNode();
				value.forEach((element) -> set.add(number(name, element)));
				yield set;
			}
			default -> throw new InvalidInputException(name, "unknown DynamoDB type '" + typed.getKey() + "'");
		};
	}

	private static JsonNode number(String name, JsonNode value) {
		try {
			return nodes.numberNode(new BigDecimal(value.asString()));
		}
		catch (NumberFormatException ex) {
			throw new InvalidInputException(name, "not a number: '" + value.asString() + "'");
		}
	}

}

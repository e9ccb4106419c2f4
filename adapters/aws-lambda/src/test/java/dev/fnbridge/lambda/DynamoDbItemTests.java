package dev.fnbridge.lambda;

import dev.fnbridge.core.error.InvalidInputException;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class DynamoDbItemTests {

	private final JsonMapper json = JsonMapper.builder().build();

	@Test
	void turnsEveryAttributeTypeIntoPlainJson() {
		JsonNode item = DynamoDbItem.toJson(this.json.readTree("""
				{"name": {"S": "Ada"}, "reading": {"N": "21.50"}, "big": {"N": "12345678901234567890"},
				 "active": {"BOOL": true}, "none": {"NULL": true}, "raw": {"B": "AAEC"},
				 "place": {"M": {"site": {"S": "plant-a"}, "floor": {"N": "3"}}},
				 "history": {"L": [{"N": "1"}, {"S": "two"}, {"M": {"x": {"BOOL": false}}}]},
				 "tags": {"SS": ["a", "b"]}, "levels": {"NS": ["1", "2.5"]}, "blobs": {"BS": ["AAEC"]}}
				"""));

		assertThat(this.json.writeValueAsString(item)).isEqualTo("{\"name\":\"Ada\",\"reading\":21.50,"
				+ "\"big\":12345678901234567890,\"active\":true,\"none\":null,\"raw\":\"AAEC\","
				+ "\"place\":{\"site\":\"plant-a\",\"floor\":3},\"history\":[1,\"two\",{\"x\":false}],"
				+ "\"tags\":[\"a\",\"b\"],\"levels\":[1,2.5],\"blobs\":[\"AAEC\"]}");
	}

	@Test
	void refusesAnUnknownTypeNamingTheAttribute() {
		assertThatExceptionOfType(InvalidInputException.class)
			.isThrownBy(() -> DynamoDbItem.toJson(this.json.readTree("{\"when\": {\"DATE\": \"2026\"}}")))
			.withMessageContaining("when")
			.withMessageContaining("unknown DynamoDB type 'DATE'");
	}

	@Test
	void refusesANumberThatIsNotOne() {
		assertThatExceptionOfType(InvalidInputException.class)
			.isThrownBy(() -> DynamoDbItem.toJson(this.json.readTree("{\"value\": {\"N\": \"many\"}}")))
			.withMessageContaining("not a number: 'many'");
	}

	@Test
	void refusesAValueWithoutItsType() {
		assertThatExceptionOfType(InvalidInputException.class)
			.isThrownBy(() -> DynamoDbItem.toJson(this.json.readTree("{\"value\": 21}")))
			.withMessageContaining("not a DynamoDB attribute value");
	}

	@Test
	void refusesAValueWhoseJsonTypeIsNotItsDynamoDbTypesNamingTheAttribute() {
		for (String item : new String[] { "{\"on\": {\"BOOL\": \"yes\"}}", "{\"on\": {\"M\": \"x\"}}",
				"{\"on\": {\"L\": 5}}", "{\"on\": {\"N\": {}}}", "{\"on\": {\"S\": 5}}", "{\"on\": {\"SS\": [1]}}" }) {
			assertThatExceptionOfType(InvalidInputException.class).as(item)
				.isThrownBy(() -> DynamoDbItem.toJson(this.json.readTree(item)))
				.withMessageContaining("on")
				.withMessageContaining("not a DynamoDB");
		}
	}

}

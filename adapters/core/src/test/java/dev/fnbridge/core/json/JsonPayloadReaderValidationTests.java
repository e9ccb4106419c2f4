package dev.fnbridge.core.json;

import java.nio.charset.StandardCharsets;
import java.util.List;

import dev.fnbridge.core.error.InvalidInputException;
import dev.fnbridge.core.error.Violation;
import jakarta.validation.Valid;
import jakarta.validation.Validation;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.ParameterizedTypeReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Bean Validation of every payload the reader reads: what each transport relies on before
 * a function runs.
 */
class JsonPayloadReaderValidationTests {

	private final JsonPayloadReader reader = new JsonPayloadReader(JsonMapper.builder().build(),
			Validation.buildDefaultValidatorFactory().getValidator());

	@Test
	void readsAValidPayload() {
		Object order = read("{\"customer\":\"Ada\",\"quantity\":2,\"lines\":[{\"sku\":\"a\",\"count\":1}],"
				+ "\"address\":{\"city\":\"Paris\"}}", Order.class);

		assertThat(order).isEqualTo(new Order("Ada", 2, List.of(new Line("a", 1)), new Address("Paris")));
	}

	@Test
	void reportsEveryViolatedConstraintByField() {
		assertThat(violations("{\"customer\":\" \",\"quantity\":0,\"lines\":[],\"address\":{\"city\":\"x\"}}",
				Order.class))
			.extracting(Violation::field)
			.containsExactly("customer", "quantity");
	}

	@Test
	void checksNestedRecordsAndListElementsMarkedValid() {
		assertThat(violations("{\"customer\":\"Ada\",\"quantity\":1,\"lines\":[{\"sku\":\"a\",\"count\":1},"
				+ "{\"sku\":\"\",\"count\":-1}],\"address\":{\"city\":\"\"}}", Order.class))
			.extracting(Violation::field)
			.containsExactly("address.city", "lines[1].count", "lines[1].sku");
	}

	@Test
	void checksTheSizeOfACollectionField() {
		assertThat(violations("{\"customer\":\"Ada\",\"quantity\":1,\"lines\":[{\"sku\":\"a\",\"count\":1},"
				+ "{\"sku\":\"b\",\"count\":1},{\"sku\":\"c\",\"count\":1},{\"sku\":\"d\",\"count\":1}],"
				+ "\"address\":{\"city\":\"x\"}}", Order.class))
			.singleElement()
			.extracting(Violation::field)
			.isEqualTo("lines");
	}

	@Test
	void checksEachElementOfAListPayloadByIndex() {
		assertThat(violations("[{\"sku\":\"a\",\"count\":1},{\"sku\":\" \",\"count\":1}]",
				new ParameterizedTypeReference<List<Line>>() {
				}.getType()))
			.singleElement()
			.isEqualTo(new Violation("[1].sku", "must not be blank"));
	}

	@Test
	void capsTheViolationsOfOneErrorAndCountsTheRest() {
		String many = "[" + "{\"sku\":\"\",\"count\":1},".repeat(150) + "{\"sku\":\"\",\"count\":1}]";

		List<Violation> violations = violations(many, new ParameterizedTypeReference<List<Line>>() {
		}.getType());

		assertThat(violations).hasSize(JsonPayloadReader.MAX_VIOLATIONS + 1);
		assertThat(violations.get(violations.size() - 1).message()).isEqualTo("and 51 more violations");
	}

	@Test
	void checksAPathArgumentBoundToASingleFieldRecord() {
		assertThatExceptionOfType(InvalidInputException.class)
			.isThrownBy(() -> this.reader.readArgument(" ", Address.class))
			.satisfies((ex) -> assertThat(ex.violations()).extracting(Violation::field).containsExactly("city"));
	}

	@Test
	void checksNothingWithoutAValidator() {
		JsonPayloadReader unchecked = new JsonPayloadReader(JsonMapper.builder().build());

		assertThat(unchecked.readJson("{\"sku\":\"\",\"count\":-1}".getBytes(StandardCharsets.UTF_8), Line.class))
			.isEqualTo(new Line("", -1));
	}

	private Object read(String json, java.lang.reflect.Type type) {
		return this.reader.readJson(json.getBytes(StandardCharsets.UTF_8), type);
	}

	private List<Violation> violations(String json, java.lang.reflect.Type type) {
		return assertThatExceptionOfType(InvalidInputException.class).isThrownBy(() -> read(json, type))
			.actual()
			.violations();
	}

	record Order(@NotBlank String customer, @Positive int quantity, @Size(max = 3) List<@Valid Line> lines,
			@Valid Address address) {
	}

	record Line(@NotBlank String sku, @Positive int count) {
	}

	record Address(@NotBlank String city) {
	}

}

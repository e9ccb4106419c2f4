package dev.fnbridge.core.json;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import dev.fnbridge.core.error.InvalidInputException;
import dev.fnbridge.core.error.Violation;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Input that lenient JSON reading would change silently is refused instead, the same way
 * on every transport.
 */
class JsonPayloadReaderStrictnessTests {

	private final JsonPayloadReader reader = new JsonPayloadReader(JsonMapper.builder().build(), null);

	@Test
	void refusesAFloatingPointNumberBeyondDoubleRange() {
		assertThat(violation("{\"value\":1e400}")).isEqualTo(new Violation("value", "Number out of range"));
		assertThat(violation("{\"value\":-1e400}")).isEqualTo(new Violation("value", "Number out of range"));
	}

	@Test
	void refusesATimestampBeyondTheRangeOfInstant() {
		assertThat(violation("{\"at\":1e300}")).isEqualTo(new Violation("at", "Number out of range"));
		assertThat(violation("{\"at\":-1e300}")).isEqualTo(new Violation("at", "Number out of range"));
	}

	@Test
	void readsNumbersAndTimestampsInRange() {
		assertThat(read("{\"name\":\"x\",\"value\":1e300,\"at\":1700000000}"))
			.isEqualTo(new Sample("x", 1e300, Instant.ofEpochSecond(1700000000)));
	}

	@Test
	void refusesANumberOrABooleanForATextField() {
		assertThat(violation("{\"name\":42}")).extracting(Violation::field).isEqualTo("name");
		assertThat(violation("{\"name\":true}")).extracting(Violation::field).isEqualTo("name");
	}

	@Test
	void readsANumberIntoATextFieldWhenConfiguredTo() {
		JsonPayloadReader lenient = new JsonPayloadReader(JsonMapper.builder().build(), null, true);

		assertThat(lenient.readJson(bytes("{\"name\":42}"), Sample.class)).isEqualTo(new Sample("42", null, null));
	}

	@Test
	void refusesAnOverlongUtf8Sequence() {
		byte[] overlong = { '{', '"', 'n', 'a', 'm', 'e', '"', ':', '"', (byte) 0xC0, (byte) 0xAF, '"', '}' };

		assertThatExceptionOfType(InvalidInputException.class)
			.isThrownBy(() -> this.reader.readJson(overlong, Sample.class))
			.withMessageContaining("not valid UTF-8");
		assertThatExceptionOfType(InvalidInputException.class).isThrownBy(() -> this.reader.readText(overlong))
			.withMessageContaining("not valid UTF-8");
	}

	@Test
	void readsMultiByteUtf8() {
		assertThat(read("{\"name\":\"Zoë 😀\"}").name()).isEqualTo("Zoë 😀");
	}

	private Sample read(String json) {
		return (Sample) this.reader.readJson(bytes(json), Sample.class);
	}

	private Violation violation(String json) {
		List<Violation> violations = assertThatExceptionOfType(InvalidInputException.class).isThrownBy(() -> read(json))
			.actual()
			.violations();
		assertThat(violations).hasSize(1);
		return violations.get(0);
	}

	private static byte[] bytes(String json) {
		return json.getBytes(StandardCharsets.UTF_8);
	}

	record Sample(String name, Double value, Instant at) {
	}

}

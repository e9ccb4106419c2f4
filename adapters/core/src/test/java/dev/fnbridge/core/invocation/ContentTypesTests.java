package dev.fnbridge.core.invocation;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The content-type rules every transport applies, for a function taking text and one
 * taking an object.
 */
class ContentTypesTests {

	// Only the input type matters to the rules; the catalog wrapper is not consulted.
	private static final ResolvedFunction TEXT = new ResolvedFunction("uppercase", null, String.class, null,
			"uppercase");

	private static final ResolvedFunction OBJECT = new ResolvedFunction("hello", null, Map.class, null, "hello");

	@ParameterizedTest(name = "{0} to a text function: {1}")
	@CsvSource(nullValues = "null",
			value = { "null, json", "'', json", "application/json, json", "'application/json; charset=UTF-8', json",
					"application/problem+json, json", "APPLICATION/JSON, json", "text/plain, text",
					"'text/plain;charset=utf-8', text", "text/html, refused", "application/xml, refused",
					"not a media type, refused", "text/, refused" })
	void readsJsonAndPlainTextForAFunctionTakingText(String contentType, String expected) {
		assertThat(outcome(TEXT, contentType)).isEqualTo(expected);
	}

	@ParameterizedTest(name = "{0} to an object function: {1}")
	@CsvSource(nullValues = "null",
			value = { "null, json", "application/json, json", "application/cloudevents+json, json",
					"text/plain, refused", "text/csv, refused", "application/octet-stream, refused",
					"multipart/form-data, refused" })
	void readsOnlyJsonForAFunctionTakingAnObject(String contentType, String expected) {
		assertThat(outcome(OBJECT, contentType)).isEqualTo(expected);
	}

	@ParameterizedTest
	@CsvSource({ "application/xml", "text/plain" })
	void namesTheRefusedTypeAndWhatTheFunctionTakes(String contentType) {
		assertThatExceptionOfType(UnsupportedContentTypeException.class)
			.isThrownBy(() -> ContentTypes.payload(OBJECT, contentType, "{}".getBytes(StandardCharsets.UTF_8)))
			.satisfies((ex) -> {
				assertThat(ex.getContentType()).isEqualTo(contentType);
				assertThat(ex.getSupported()).containsExactly("application/json", "application/*+json");
				assertThat(ex.getMessage()).isEqualTo("Content-Type '" + contentType + "' is not supported");
			});
	}

	@ParameterizedTest
	@CsvSource(nullValues = "null", value = { "null, false", "text/plain, true", "'text/plain; charset=UTF-8', true",
			"text/csv, false", "application/json, false", "garbage, false" })
	void tellsARecordDeclaredPlainText(String contentType, boolean text) {
		assertThat(ContentTypes.isText(contentType)).isEqualTo(text);
	}

	private static String outcome(ResolvedFunction function, String contentType) {
		try {
			Payload payload = ContentTypes.payload(function, contentType, "x".getBytes(StandardCharsets.UTF_8));
			return ((Payload.Body) payload).text() ? "text" : "json";
		}
		catch (UnsupportedContentTypeException ex) {
			return "refused";
		}
	}

}

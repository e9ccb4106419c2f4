package dev.fnbridge.stream;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

import org.springframework.messaging.MessageHeaders;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link FnbridgeHeaderMapper} on record headers as a producer sent them, and on the
 * headers of an output message.
 */
class FnbridgeHeaderMapperTests {

	private final FnbridgeHeaderMapper mapper = new FnbridgeHeaderMapper();

	@Test
	void readsNoneOfFnbridgesOwnHeadersFromARecord() {
		Map<String, Object> mapped = read(headers("fnbridge-error-category", "transient-failure", "fnbridge_transport",
				"lambda", "x-request-id", "r-1"));

		assertThat(mapped).doesNotContainKeys("fnbridge-error-category", "fnbridge_transport");
		assertThat(mapped.get("x-request-id")).isEqualTo(bytes("r-1"));
	}

	@Test
	void readsNoneOfSpringKafkasMessageHeadersFromARecord() {
		Map<String, Object> mapped = read(headers("kafka_messageKey", "forged", "kafka_receivedMessageKey", "forged",
				"kafka_partitionId", "99", "kafka_dlt-original-topic", "elsewhere", "x-request-id", "r-1"));

		assertThat(mapped).doesNotContainKeys("kafka_messageKey", "kafka_receivedMessageKey", "kafka_partitionId",
				"kafka_dlt-original-topic");
		assertThat(mapped.get("x-request-id")).isEqualTo(bytes("r-1"));
	}

	@Test
	void readsAHeaderAsItsBytesWhateverTypeTheJsonTypesHeaderNames() {
		Map<String, Object> mapped = read(
				headers("x-request-id", "r-1", "spring_json_header_types", "{\"x-request-id\":\"java.util.Date\"}"));

		assertThat(mapped.get("x-request-id")).isEqualTo(bytes("r-1"));
		assertThat(mapped).doesNotContainKey("spring_json_header_types");
	}

	@Test
	void readsTheContentTypeAsTextAlsoWhenItWasWrittenAsJson() {
		assertThat(read(headers("contentType", "text/plain"))).containsEntry(MessageHeaders.CONTENT_TYPE, "text/plain");
		assertThat(read(headers("contentType", "\"text/plain\""))).containsEntry(MessageHeaders.CONTENT_TYPE,
				"text/plain");
	}

	@Test
	void leavesTheConsumedRecordsHeadersAsTheyCame() {
		Headers source = headers("fnbridge-function", "admin", "spring_json_header_types", "{}");

		read(source);

		assertThat(source.lastHeader("fnbridge-function")).isNotNull();
		assertThat(source.lastHeader("spring_json_header_types")).isNotNull();
	}

	@Test
	void writesNoFnbridgeHeaderToAnOutputRecord() {
		Headers target = new RecordHeaders();

		this.mapper.fromHeaders(new MessageHeaders(Map.of("fnbridge-error-category", "transient-failure",
				"fnbridge_transport", "lambda", "x-request-id", "r-1")), target);

		assertThat(target.lastHeader("fnbridge-error-category")).isNull();
		assertThat(target.lastHeader("fnbridge_transport")).isNull();
		assertThat(target.lastHeader("x-request-id").value()).isEqualTo(bytes("r-1"));
	}

	private Map<String, Object> read(Headers source) {
		Map<String, Object> mapped = new HashMap<>();
		this.mapper.toHeaders(source, mapped);
		return mapped;
	}

	private static Headers headers(String... namesAndValues) {
		Headers headers = new RecordHeaders();
		for (int i = 0; i < namesAndValues.length; i += 2) {
			headers.add(namesAndValues[i], bytes(namesAndValues[i + 1]));
		}
		return headers;
	}

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

}

package dev.fnbridge.stream;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

import org.springframework.cloud.stream.binder.BinderHeaders;
import org.springframework.cloud.stream.binder.kafka.common.BinderHeaderMapper;
import org.springframework.kafka.support.JacksonMapperUtils;
import org.springframework.kafka.support.KafkaHeaderMapper;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.MessageHeaders;

/**
 * The Kafka binder's header mapper, {@link BinderHeaderMapper}, with three things a
 * producer must not decide taken out of what it reads:
 * <ul>
 * <li>fnbridge's own headers ({@code fnbridge-*}, {@code fnbridge_*}): only fnbridge
 * writes them, on dead letters; a record arriving with them would otherwise pass them on
 * to its output record and into the message a function sees.</li>
 * <li>Spring's {@code spring_json_header_types}, which names a class to decode each
 * header into: a producer could make a readable record fail (a header value that is not
 * JSON of the named type escapes the binder's mapper, and the record is dead-lettered) or
 * turn {@code contentType} into something else than the text it sent. Every header is
 * read as the bytes it is, as from any producer without that header (the content type as
 * text), and the function's declared input type alone decides how the payload is
 * read.</li>
 * <li>Spring Kafka's message headers ({@code kafka_*}, {@link KafkaHeaders}): the
 * consumer sets those it means a message to have (the received key, topic, offset), and
 * the binder's producer reads some of them from an output message, which carries the
 * input's headers. Read from a record, {@code kafka_messageKey} (or
 * {@code kafka_receivedMessageKey} on a record without a key) would choose the output
 * record's key, and a {@code kafka_partitionId} or {@code kafka_timestamp} that is not a
 * number would have a valid record dead-lettered.</li>
 * </ul>
 * Outbound it maps as the binder's own mapper does, except that it never writes one of
 * fnbridge's own headers to an output record.
 * <p>
 * The binder uses it as its {@code kafkaBinderHeaderMapper} bean, for consumers and
 * producers of every binding; an application that configures its own header mapper
 * ({@code spring.cloud.stream.kafka.binder.header-mapper-bean-name}) replaces it, and
 * with it this protection.
 */
class FnbridgeHeaderMapper implements KafkaHeaderMapper {

	private static final String DASHED_PREFIX = "fnbridge-";

	private static final String UNDERSCORED_PREFIX = "fnbridge_";

	private final BinderHeaderMapper delegate = new BinderHeaderMapper(JacksonMapperUtils.enhancedJsonMapper(),
			BinderHeaderMapper
				.addNeverHeaderPatterns(List.of("!" + DASHED_PREFIX + "*", "!" + UNDERSCORED_PREFIX + "*", "*")));

	/**
	 * Whether a header name is fnbridge's own, written by fnbridge alone.
	 * @param name a record header name
	 * @return whether it starts with {@code fnbridge-} or {@code fnbridge_}
	 */
	static boolean isReserved(String name) {
		return name.startsWith(DASHED_PREFIX) || name.startsWith(UNDERSCORED_PREFIX);
	}

	@Override
	public void fromHeaders(MessageHeaders headers, Headers target) {
		this.delegate.fromHeaders(headers, target);
	}

	@Override
	public void toHeaders(Headers source, Map<String, Object> headers) {
		this.delegate.toHeaders(readable(source), headers);
		// Without the type hints every header arrives as bytes; the content type is read
		// as Spring Cloud Stream's converters read it (text, quotes of a JSON-encoded
		// MimeType removed), so a text/plain record stays text whoever produced it.
		if (headers.get(MessageHeaders.CONTENT_TYPE) instanceof byte[] contentType) {
			headers.put(MessageHeaders.CONTENT_TYPE,
					new String(contentType, StandardCharsets.UTF_8).replace("\"", "").strip());
		}
		// As the binder's own consumer-side mapper does: the headers came natively, so
		// nothing looks for headers embedded in the payload.
		if (!headers.isEmpty()) {
			headers.put(BinderHeaders.NATIVE_HEADERS_PRESENT, Boolean.TRUE);
		}
	}

	/** The record's headers without those a producer must not set; never modified. */
	private static Headers readable(Headers source) {
		boolean clean = true;
		for (Header header : source) {
			if (isDropped(header.key())) {
				clean = false;
				break;
			}
		}
		if (clean) {
			return source;
		}
		Headers kept = new RecordHeaders();
		for (Header header : source) {
			if (!isDropped(header.key())) {
				kept.add(header);
			}
		}
		return kept;
	}

	private static boolean isDropped(String name) {
		return isReserved(name) || BinderHeaderMapper.JSON_TYPES.equals(name) || name.startsWith(KafkaHeaders.PREFIX);
	}

}

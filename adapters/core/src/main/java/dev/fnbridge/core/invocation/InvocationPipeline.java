package dev.fnbridge.core.invocation;

import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import dev.fnbridge.core.error.ErrorClassifier;
import dev.fnbridge.core.error.InvalidInputException;
import dev.fnbridge.core.json.JsonPayloadReader;
import dev.fnbridge.core.metrics.InvocationMetrics;
import dev.fnbridge.core.metrics.Transport;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.ObjectMapper;

import org.springframework.cloud.function.context.catalog.FunctionTypeUtils;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageHeaders;
import org.springframework.messaging.support.MessageBuilder;

/**
 * The one invocation path of every transport: read the payload (JSON or text, with Bean
 * Validation), invoke the function (the bean directly when it may be, else through the
 * catalog), and time and count the invocation, classifying a failure by the application's
 * {@link dev.fnbridge.core.error.ErrorMapper}s and the defaults. HTTP, Kafka and Lambda
 * only translate their envelope into a {@link Payload} and the {@link Result} back into
 * their answer, so a function behaves the same whatever triggered it.
 */
public class InvocationPipeline {

	private final JsonPayloadReader reader;

	private final ObjectMapper mapper;

	private final InvocationMetrics metrics;

	/**
	 * Creates the pipeline.
	 * @param reader reads payloads
	 * @param mapper writes results as JSON
	 * @param metrics counts and times invocations
	 */
	public InvocationPipeline(JsonPayloadReader reader, ObjectMapper mapper, InvocationMetrics metrics) {
		this.reader = reader;
		this.mapper = mapper;
		this.metrics = metrics;
	}

	/**
	 * Runs one invocation. A failure, reading included, is counted with its category and
	 * rethrown for the transport to answer.
	 * @param function the resolved function
	 * @param transport the transport it came through, for the metrics
	 * @param payload the input as received
	 * @param headers headers for a function reached through the catalog (a
	 * {@code Message} input sees them); empty for none
	 * @return the typed input and the output
	 */
	public Result invoke(ResolvedFunction function, Transport transport, Payload payload, Map<String, ?> headers) {
		InvocationMetrics.Sample sample = this.metrics.start(function.metricTag(), transport, payload.size());
		try {
			Result result = call(function, payload, headers);
			sample.success();
			return result;
		}
		catch (RuntimeException ex) {
			sample.failure(ErrorClassifier.classify(ex));
			throw ex;
		}
	}

	/**
	 * Reads a payload as the function's input, without invoking it: the same reading
	 * {@link #invoke} does (for a transport that only checks, such as publishing an
	 * event).
	 * @param function the resolved function
	 * @param payload the input as received
	 * @return the typed input
	 * @throws InvalidInputException if it cannot be the function's input
	 */
	public @Nullable Object read(ResolvedFunction function, Payload payload) {
		Type type = function.payloadType();
		if (payload instanceof Payload.Argument argument) {
			return this.reader.readArgument(argument.text(), type);
		}
		if (payload instanceof Payload.Value value) {
			return readValue(value.value(), type);
		}
		if (payload instanceof Payload.Body body) {
			return readBody(body, function, type);
		}
		return null;

	}

	/**
	 * Writes an output as JSON: a message's payload, a publisher's values awaited; a text
	 * result (which the catalog leaves as raw bytes) as a JSON string, so one function
	 * has one representation on every transport.
	 * @param function the function that produced it
	 * @param output the output
	 * @return the JSON, or {@code null} for no output
	 */
	public byte @Nullable [] json(ResolvedFunction function, @Nullable Object output) {
		Object value = output;
		boolean fromCatalog = false;
		if (value instanceof Message<?> message) {
			value = message.getPayload();
			fromCatalog = true;
		}
		if (value == null) {
			return null;
		}
		if (value instanceof byte[] bytes && fromCatalog) {
			Class<?> raw = function.function().getRawOutputType();
			return (raw == String.class || raw == CharSequence.class) && isJson(((Message<?>) output).getHeaders())
					&& !isJsonString(bytes) ? this.mapper.writeValueAsBytes(new String(bytes, StandardCharsets.UTF_8))
							: bytes;
		}
		return this.mapper.writeValueAsBytes(value);
	}

	private Result call(ResolvedFunction function, Payload payload, Map<String, ?> headers) {
		if (function.isSupplier()) {
			return new Result(null, awaited(CatalogCalls.call(function.function(), null)));
		}
		Object input = read(function, payload);
		if (function.direct() != null) {
			return new Result(input, function.direct().apply(input));
		}
		// Through CatalogCalls, never apply/accept: those mark the shared wrapper, and a
		// Kafka record of the same function arriving meanwhile would skip fnbridge's
		// wrapper.
		Object message = MessageBuilder.withPayload(input).copyHeaders(headers).build();
		Object argument = message;
		if (function.function().isInputTypePublisher()) {
			Object item = function.function().isInputTypeMessage() ? message : input;
			argument = FunctionTypeUtils.isMono(function.function().getInputType()) ? Mono.just(item) : Flux.just(item);
		}
		if (function.isConsumer()) {
			CatalogCalls.call(function.function(), argument);
			return new Result(input, null);
		}
		return new Result(input, awaited(CatalogCalls.call(function.function(), argument)));
	}

	private Object readBody(Payload.Body body, ResolvedFunction function, @Nullable Type type) {
		Class<?> raw = (type != null) ? FunctionTypeUtils.getRawType(type) : null;
		if (raw == byte[].class) {
			return body.bytes();
		}
		if (body.text() && function.takesRawText()) {
			return this.reader.readText(body.bytes());
		}
		if (body.bytes().length == 0) {
			throw new InvalidInputException("", "A JSON payload is required");
		}
		return this.reader.readJson(body.bytes(), (type != null) ? type : Object.class);
	}

	private Object readValue(@Nullable Object value, @Nullable Type type) {
		Class<?> raw = (type != null) ? FunctionTypeUtils.getRawType(type) : null;
		if (value != null && (raw == null || raw == Object.class || raw.isInstance(value))) {
			return this.reader.validate(value);
		}
		throw new InvalidInputException("", "A payload is required");
	}

	private static @Nullable Object awaited(@Nullable Object result) {
		if (result instanceof Mono<?> mono) {
			return mono.block();
		}
		if (result instanceof Flux<?> flux) {
			return flux.collectList().block();
		}
		return result;
	}

	private static boolean isJson(MessageHeaders headers) {
		Object contentType = headers.get(MessageHeaders.CONTENT_TYPE);
		return contentType == null || ContentTypes.isJson(contentType.toString());
	}

	/**
	 * Whether the catalog wrote a text result as a JSON string already: it does when it
	 * converts the output to JSON (a composition's last element, a message-typed
	 * function), and leaves the text as it is otherwise.
	 */
	private boolean isJsonString(byte[] bytes) {
		if (bytes.length < 2 || bytes[0] != '"' || bytes[bytes.length - 1] != '"') {
			return false;
		}
		try {
			return this.mapper.readTree(bytes).isString();
		}
		catch (JacksonException ex) {
			return false;
		}
	}

	/**
	 * What an invocation read and returned.
	 *
	 * @param input the typed input ({@code null} for a supplier), e.g. for a record key
	 * @param output the function's output, publishers awaited: a plain value, a
	 * {@code Message} from the catalog, or {@code null}
	 */
	public record Result(@Nullable Object input, @Nullable Object output) {

		/**
		 * The output without its message envelope.
		 * @return the value
		 */
		public @Nullable Object value() {
			return (this.output instanceof Message<?> message) ? message.getPayload() : this.output;
		}

	}

}

package dev.fnbridge.http;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.fnbridge.core.RecordKeys;
import dev.fnbridge.core.error.InvalidInputException;
import dev.fnbridge.core.error.PayloadTooLargeException;
import dev.fnbridge.core.error.UnknownFunctionException;
import dev.fnbridge.core.events.EventPublisher;
import dev.fnbridge.core.invocation.ContentTypes;
import dev.fnbridge.core.invocation.FunctionResolver;
import dev.fnbridge.core.invocation.InvocationPipeline;
import dev.fnbridge.core.invocation.Payload;
import dev.fnbridge.core.invocation.ResolvedFunction;
import dev.fnbridge.core.invocation.UnsupportedContentTypeException;
import dev.fnbridge.core.metrics.Transport;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Serves every function: {@code POST /{definition}} with a body, {@code GET
 * /{definition}/{argument}} with a path argument, {@code GET /{supplier}}. Responses are
 * JSON; a function that returns nothing answers 204, a consumer 202. {@code POST
 * /events/{definition}} publishes to the function's input topic instead.
 */
@RestController
class FunctionHttpController {

	/**
	 * Request attribute holding the resolved definition, read by the metrics convention.
	 */
	static final String FUNCTION_ATTRIBUTE = FunctionHttpController.class.getName() + ".function";

	/**
	 * Request attribute holding the resolved definition's metrics tag (bounded), read by
	 * the metrics convention.
	 */
	static final String METRIC_TAG_ATTRIBUTE = FunctionHttpController.class.getName() + ".metricTag";

	private final FunctionResolver routes;

	private final InvocationPipeline pipeline;

	private final HttpProperties properties;

	private final List<String> echoHeaders;

	private final ObjectProvider<EventPublisher> events;

	FunctionHttpController(FunctionResolver routes, InvocationPipeline pipeline, HttpProperties properties,
			ObjectProvider<EventPublisher> events) {
		this.routes = routes;
		this.events = events;
		this.pipeline = pipeline;
		this.properties = properties;
		this.echoHeaders = properties.getEchoHeaders().stream().map((name) -> name.toLowerCase(Locale.ROOT)).toList();
	}

	@PostMapping("/{definition}")
	ResponseEntity<byte[]> post(@PathVariable String definition, HttpServletRequest request)
			throws IOException, HttpRequestMethodNotSupportedException {
		ResolvedFunction route = resolve(definition, request);
		if (route.isSupplier()) {
			throw new HttpRequestMethodNotSupportedException(HttpMethod.POST.name(), List.of(HttpMethod.GET.name()));
		}
		boolean text = ContentTypes.readsAsText(route, request.getContentType());
		byte[] body = readBody(request);
		// Reading the body is part of the invocation: bad input counts, as on every
		// transport.
		return respond(route, request, text ? Payload.text(body) : Payload.json(body));
	}

	/**
	 * Publishes the body, checked against the function's input type, to the function's
	 * input topic and answers 202 with where it went: the asynchronous way to invoke a
	 * function (e.g. devices posting readings). The record is keyed by the input's
	 * {@code @RecordKey}, and the request's trace continues in the record's headers.
	 * @param definition the function definition
	 * @param request the request
	 * @return 202 with the topic and key
	 * @throws IOException if the body cannot be read
	 * @throws UnsupportedContentTypeException for a body that is not JSON
	 */
	@PostMapping("/events/{definition}")
	ResponseEntity<EventPublisher.PublishedEvent> publish(@PathVariable String definition, HttpServletRequest request)
			throws IOException {
		ResolvedFunction route = resolve(definition, request);
		if (route.isSupplier()) {
			throw noEvents(definition, route);
		}
		if (!ContentTypes.isJson(request.getContentType())) {
			throw new UnsupportedContentTypeException(request.getContentType(),
					List.of("application/json", "application/*+json"));
		}
		byte[] body = readBody(request);
		Object payload = this.pipeline.read(route, Payload.json(body));
		EventPublisher publisher = this.events.getIfAvailable();
		EventPublisher.PublishedEvent published = (publisher != null)
				? publisher.publish(route.definition(), body, RecordKeys.keyOf(payload).orElse(null)).orElse(null)
				: null;
		if (published == null) {
			throw noEvents(definition, route);
		}
		return ResponseEntity.accepted().contentType(MediaType.APPLICATION_JSON).body(published);
	}

	private static UnknownFunctionException noEvents(String definition, ResolvedFunction route) {
		return new UnknownFunctionException(definition, definition,
				"'" + route.definition() + "' takes no events: it is not bound to an input topic");
	}

	@GetMapping("/{definition}/{argument}")
	ResponseEntity<byte[]> getWithArgument(@PathVariable String definition, @PathVariable String argument,
			HttpServletRequest request) throws HttpRequestMethodNotSupportedException {
		ResolvedFunction route = resolve(definition, request);
		if (route.isSupplier()) {
			throw new InvalidInputException("", "'" + route.definition() + "' takes no argument: GET /" + definition);
		}
		return respond(route, request, Payload.argument(argument));
	}

	@GetMapping("/{definition}")
	ResponseEntity<byte[]> get(@PathVariable String definition, HttpServletRequest request)
			throws HttpRequestMethodNotSupportedException {
		ResolvedFunction route = resolve(definition, request);
		if (!route.isSupplier()) {
			throw new HttpRequestMethodNotSupportedException(HttpMethod.GET.name(), List.of(HttpMethod.POST.name()));
		}
		return respond(route, request, Payload.none());
	}

	private ResolvedFunction resolve(String definition, HttpServletRequest request) {
		ResolvedFunction route = this.routes.resolve(definition);
		request.setAttribute(FUNCTION_ATTRIBUTE, route.definition());
		request.setAttribute(METRIC_TAG_ATTRIBUTE, route.metricTag());
		return route;
	}

	private ResponseEntity<byte[]> respond(ResolvedFunction route, HttpServletRequest request, Payload payload) {
		InvocationPipeline.Result result = this.pipeline.invoke(route, Transport.HTTP, payload, Map.of());
		byte[] body = this.pipeline.json(route, result.output());
		HttpHeaders headers = this.echoHeaders.isEmpty() ? null : echoedHeaders(request);
		if (body == null) {
			HttpStatus status = route.isConsumer() ? HttpStatus.ACCEPTED : HttpStatus.NO_CONTENT;
			return ResponseEntity.status(status).headers(headers).build();
		}
		return ResponseEntity.ok().headers(headers).contentType(MediaType.APPLICATION_JSON).body(body);
	}

	private HttpHeaders echoedHeaders(HttpServletRequest request) {
		HttpHeaders headers = new HttpHeaders();
		for (String name : this.echoHeaders) {
			String value = request.getHeader(name);
			if (value != null) {
				headers.add(name, value);
			}
		}
		return headers;
	}

	private byte[] readBody(HttpServletRequest request) throws IOException {
		long limit = this.properties.getMaxBodySize().toBytes();
		if (request.getContentLengthLong() > limit) {
			throw new PayloadTooLargeException(limit);
		}
		try (InputStream in = request.getInputStream()) {
			byte[] body = in.readNBytes((int) Math.min(limit + 1, Integer.MAX_VALUE - 8));
			if (body.length > limit) {
				throw new PayloadTooLargeException(limit);
			}
			return body;
		}
	}

}

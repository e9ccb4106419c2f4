package dev.fnbridge.http;

import java.net.URI;
import java.util.Locale;

import dev.fnbridge.core.error.ClassifiedError;
import dev.fnbridge.core.error.ErrorCategory;
import dev.fnbridge.core.error.ErrorClassifier;
import dev.fnbridge.core.error.ProblemDocument;
import dev.fnbridge.core.invocation.UnsupportedContentTypeException;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Answers every failure as {@code application/problem+json} (RFC 9457): the error
 * category decides the status and the {@code type}; validation errors list their field
 * violations; unexpected errors get a correlation id that is logged with the stack trace,
 * and no detail of their own. Spring MVC's own errors (405, 406, 415, unknown paths) get
 * the same shape.
 */
@RestControllerAdvice
class ProblemResponses extends ResponseEntityExceptionHandler {

	/** Prefix of every problem {@code type} URI; the suffix is the category slug. */
	static final String TYPE_PREFIX = ErrorCategory.PROBLEM_TYPE_PREFIX;

	private static final Log logger = LogFactory.getLog(ProblemResponses.class);

	/**
	 * The HTTP status each error category is answered with.
	 * @param category the category
	 * @return its status
	 */
	static HttpStatus statusOf(ErrorCategory category) {
		return HttpStatus.valueOf(category.httpStatus());
	}

	/**
	 * A body its function does not take: the 415 Lambda answers behind API Gateway too,
	 * with the types it does take in {@code Accept}.
	 * @param ex the refusal
	 * @param request the request
	 * @return the 415 problem
	 */
	@ExceptionHandler(UnsupportedContentTypeException.class)
	ResponseEntity<ProblemDocument> handleUnsupportedContentType(UnsupportedContentTypeException ex,
			WebRequest request) {
		Object function = request.getAttribute(FunctionHttpController.FUNCTION_ATTRIBUTE,
				RequestAttributes.SCOPE_REQUEST);
		String path = (request instanceof ServletWebRequest servlet) ? servlet.getRequest().getRequestURI() : null;
		ProblemDocument problem = ProblemDocument.unsupportedMediaType(ex.getMessage(), path,
				(function != null) ? function.toString() : null);
		return ResponseEntity.status(problem.status())
			.header(HttpHeaders.ACCEPT, String.join(", ", ex.getSupported()))
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.body(problem);
	}

	@ExceptionHandler(Exception.class)
	ResponseEntity<ProblemDocument> handleFunctionFailure(Exception ex, WebRequest request) {
		ClassifiedError error = ErrorClassifier.classify(ex);
		Object function = request.getAttribute(FunctionHttpController.FUNCTION_ATTRIBUTE,
				RequestAttributes.SCOPE_REQUEST);
		String path = (request instanceof ServletWebRequest servlet) ? servlet.getRequest().getRequestURI() : null;
		// The same document Lambda answers an HTTP event with (core ProblemDocument).
		ProblemDocument problem = ProblemDocument.of(error, path, (function != null) ? function.toString() : null,
				null);
		HttpHeaders headers = new HttpHeaders();
		if (problem.correlationId() != null) {
			headers.add("X-Correlation-Id", problem.correlationId());
			logger.error("Function invocation failed [correlationId=" + problem.correlationId() + ", function="
					+ function + "]", ex);
		}
		else if (logger.isDebugEnabled()) {
			logger.debug("Client error " + problem.status() + ": " + error.detail());
		}
		return ResponseEntity.status(problem.status())
			.headers(headers)
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.body(problem);
	}

	@Override
	protected ResponseEntity<Object> createResponseEntity(Object body, HttpHeaders headers, HttpStatusCode statusCode,
			WebRequest request) {
		if (body instanceof ProblemDetail problem
				&& (problem.getType() == null || "about:blank".equals(problem.getType().toString()))) {
			HttpStatus status = HttpStatus.resolve(statusCode.value());
			String slug = (status != null) ? status.name().toLowerCase(Locale.ROOT).replace('_', '-')
					: String.valueOf(statusCode.value());
			problem.setType(URI.create(TYPE_PREFIX + slug));
			addFunction(problem, request);
		}
		return super.createResponseEntity(body, headers, statusCode, request);
	}

	private static void addFunction(ProblemDetail problem, WebRequest request) {
		Object function = request.getAttribute(FunctionHttpController.FUNCTION_ATTRIBUTE,
				RequestAttributes.SCOPE_REQUEST);
		if (function != null) {
			problem.setProperty("function", function);
		}
	}

}

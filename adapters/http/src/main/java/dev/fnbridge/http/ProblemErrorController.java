package dev.fnbridge.http;

import java.net.URI;
import java.util.Locale;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The servlet container's error page as problem+json: what Tomcat forwards to
 * {@code /error} (a rejected request, an error outside any function) gets the same kind
 * of body as a function's error, with the status the container chose and no internals. A
 * request for {@code /error} itself is a 404, not the 500 of Boot's default controller.
 */
@RestController
class ProblemErrorController implements ErrorController {

	@RequestMapping(path = "${server.error.path:${error.path:/error}}", produces = "*/*")
	ResponseEntity<ProblemDetail> error(HttpServletRequest request) {
		Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
		HttpStatus status = (code instanceof Integer value) ? HttpStatus.resolve(value) : null;
		Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
		if (status == null) {
			status = HttpStatus.NOT_FOUND;
			uri = request.getRequestURI();
		}
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail(status, status.value()));
		problem.setType(URI.create(ProblemResponses.TYPE_PREFIX + slug(status, status.value())));
		if (uri != null) {
			try {
				problem.setInstance(URI.create(uri.toString()));
			}
			catch (IllegalArgumentException ex) {
				// Not a valid URI (a broken escape, say): the problem goes without it.
			}
		}
		return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
	}

	/**
	 * The problem type's slug for a status: fnbridge's category where one fits.
	 * @param status the status, {@code null} if not a known one
	 * @param code its code
	 * @return the slug
	 */
	static String slug(HttpStatus status, int code) {
		if (status == null) {
			return String.valueOf(code);
		}
		return switch (status) {
			case NOT_FOUND -> "function-not-found";
			case BAD_REQUEST -> "invalid-input";
			case PAYLOAD_TOO_LARGE -> "payload-too-large";
			case UNSUPPORTED_MEDIA_TYPE -> "unsupported-media-type";
			case METHOD_NOT_ALLOWED -> "method-not-allowed";
			default -> status.is5xxServerError() ? "unexpected-error"
					: status.name().toLowerCase(Locale.ROOT).replace('_', '-');
		};
	}

	/**
	 * A detail that names no internals.
	 * @param status the status, {@code null} if not a known one
	 * @param code its code
	 * @return the detail
	 */
	static String detail(HttpStatus status, int code) {
		if (status == null) {
			return "HTTP status " + code;
		}
		return switch (status) {
			case NOT_FOUND -> "No such resource";
			case BAD_REQUEST -> "The request is malformed";
			default -> status.getReasonPhrase();
		};
	}

}

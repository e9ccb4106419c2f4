package dev.fnbridge.http;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;

import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;

import org.springframework.http.HttpStatus;

/**
 * Tomcat's own error report as problem+json instead of its HTML page: the answer to what
 * the server refuses before any controller runs (a path with {@code ..} or {@code %00}, a
 * broken escape, too many or too large headers, {@code TRACE}). No server name, version
 * or stack trace; the type is the status's slug under {@code urn:fnbridge:problem:}.
 * <p>
 * The connector answers a few client mistakes with a 5xx: {@code 505} for an HTTP version
 * other than 1.x, {@code 501} for {@code CONNECT} and for a transfer coding it does not
 * implement. The client is at fault there, so they become 400 (405 for {@code CONNECT})
 * with a detail that says what to change.
 */
public class ProblemJsonErrorReportValve extends ErrorReportValve {

	@Override
	protected void report(Request request, Response response, Throwable throwable) {
		int status = response.getStatus();
		if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
			return;
		}
		String detail = clientFault(request, status);
		if (detail != null) {
			status = "CONNECT".equals(request.getMethod()) ? 405 : 400;
			response.setStatus(status);
		}
		HttpStatus known = HttpStatus.resolve(status);
		String title = (known != null) ? known.getReasonPhrase() : "Error";
		String slug = ProblemErrorController.slug(known, status);
		if (detail == null) {
			detail = ProblemErrorController.detail(known, status);
		}
		String body = "{\"type\":\"" + ProblemResponses.TYPE_PREFIX + slug + "\",\"title\":\"" + title
				+ "\",\"status\":" + status + ",\"detail\":\"" + detail + "\"}";
		try {
			response.setContentType("application/problem+json");
			response.setCharacterEncoding(StandardCharsets.UTF_8.name());
			Writer writer = response.getReporter();
			if (writer != null) {
				writer.write(body);
				response.finishResponse();
			}
		}
		catch (IOException | IllegalStateException ex) {
			// The client is gone or the response cannot take a body: nothing more to tell
			// it.
		}
	}

	/**
	 * What the client should change, when the connector's 501 or 505 is the client's
	 * doing; {@code null} otherwise (a 5xx an application sends stays what it is).
	 */
	private static String clientFault(Request request, int status) {
		if (status == 505) {
			return "HTTP version not supported: send HTTP/1.1";
		}
		if (status != 501) {
			return null;
		}
		if ("CONNECT".equals(request.getMethod())) {
			return "CONNECT is not supported: this is not a proxy";
		}
		if (request.getHeader("Transfer-Encoding") != null) {
			return "Unsupported Transfer-Encoding: send the body with Content-Length or Transfer-Encoding: chunked";
		}
		return null;
	}

}

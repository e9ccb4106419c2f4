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
 */
public class ProblemJsonErrorReportValve extends ErrorReportValve {

	@Override
	protected void report(Request request, Response response, Throwable throwable) {
		int status = response.getStatus();
		if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
			return;
		}
		HttpStatus known = HttpStatus.resolve(status);
		String title = (known != null) ? known.getReasonPhrase() : "Error";
		String slug = ProblemErrorController.slug(known, status);
		String body = "{\"type\":\"" + ProblemResponses.TYPE_PREFIX + slug + "\",\"title\":\"" + title
				+ "\",\"status\":" + status + ",\"detail\":\"" + ProblemErrorController.detail(known, status) + "\"}";
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

}

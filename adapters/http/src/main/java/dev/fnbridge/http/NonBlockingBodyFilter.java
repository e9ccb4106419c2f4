package dev.fnbridge.http;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.ServletResponseWrapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.catalina.connector.Response;
import org.apache.catalina.connector.ResponseFacade;
import org.apache.coyote.ContinueResponseTiming;

import org.springframework.util.ClassUtils;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Reads the body of a function request ({@code POST /{definition}}, {@code POST
 * /events/{definition}}) with non-blocking I/O before the controller runs, so a client
 * sending its body slowly holds a connection but no request thread: 250 such clients
 * would otherwise take all 200 of Tomcat's threads and starve every other request. The
 * whole body must arrive within {@code fnbridge.http.body-read-timeout}, or the answer is
 * a 408 problem; bodies larger than {@code fnbridge.http.max-body-size} are left to the
 * controller's 413 (reading stops one byte past the limit). Other paths (a user's own
 * controllers, which may stream) are not touched.
 */
class NonBlockingBodyFilter extends OncePerRequestFilter {

	private static final String BODY = NonBlockingBodyFilter.class.getName() + ".body";

	private static final boolean TOMCAT = ClassUtils.isPresent("org.apache.catalina.connector.ResponseFacade",
			NonBlockingBodyFilter.class.getClassLoader());

	private final long maxBodySize;

	private final long timeoutMillis;

	NonBlockingBodyFilter(long maxBodySize, Duration timeout) {
		this.maxBodySize = maxBodySize;
		this.timeoutMillis = timeout.toMillis();
	}

	@Override
	protected boolean shouldNotFilterAsyncDispatch() {
		// The body is handed over on the async dispatch that follows the read.
		return false;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (request.getAttribute(BODY) instanceof byte[] body) {
			request.removeAttribute(BODY);
			chain.doFilter(new ReadBody(request, body), response);
			return;
		}
		if (isAsyncDispatch(request) || !isFunctionRequest(request) || !request.isAsyncSupported()
				|| (request.getHeader("Expect") != null && !sendContinue(response))) {
			chain.doFilter(request, response);
			return;
		}
		// Most bodies arrive with their headers: what the server holds already is read
		// without blocking, and a complete body goes on at once, on this thread.
		ByteArrayOutputStream arrived = new ByteArrayOutputStream();
		long length = request.getContentLengthLong();
		if (length > 0 && request.getHeader("Expect") == null) {
			ServletInputStream in = request.getInputStream();
			byte[] buffer = new byte[8192];
			while (arrived.size() < length && in.available() > 0) {
				int read = in.read(buffer, 0, (int) Math.min(buffer.length, length - arrived.size()));
				if (read < 0) {
					break;
				}
				arrived.write(buffer, 0, read);
			}
			if (arrived.size() == length) {
				chain.doFilter(new ReadBody(request, arrived.toByteArray()), response);
				return;
			}
		}
		AsyncContext async = request.startAsync(request, response);
		async.setTimeout(this.timeoutMillis);
		Reader reader = new Reader(async, request.getInputStream(), arrived);
		async.addListener(reader);
		request.getInputStream().setReadListener(reader);
	}

	/**
	 * A function request whose body is worth reading ahead: declared or chunked, and not
	 * already known to be over the limit (the controller answers that one 413 without
	 * reading it, so {@code Expect: 100-continue} gets no 100).
	 */
	private boolean isFunctionRequest(HttpServletRequest request) {
		if (this.timeoutMillis <= 0 || !"POST".equals(request.getMethod())) {
			return false;
		}
		long length = request.getContentLengthLong();
		boolean hasBody = (length > 0) || (length < 0 && request.getHeader("Transfer-Encoding") != null);
		if (!hasBody || length > this.maxBodySize) {
			return false;
		}
		String path = request.getRequestURI().substring(request.getContextPath().length());
		int second = path.indexOf('/', 1);
		return path.length() > 1 && (second < 0 || (path.startsWith("/events/") && path.indexOf('/', 8) < 0));
	}

	/**
	 * Sends {@code 100 Continue} now: Tomcat sends it on the first blocking read, and a
	 * non-blocking reader is only called once the client sends something, which a client
	 * waiting for the {@code 100} never does. {@code false} (read on the request thread,
	 * as without this filter) when the server is not Tomcat.
	 */
	private static boolean sendContinue(HttpServletResponse response) {
		return TOMCAT && TomcatContinue.send(response);
	}

	/**
	 * Tomcat has no Servlet API for the interim response: its own response is reached.
	 */
	private static final class TomcatContinue {

		private static final Field RESPONSE_OF_FACADE = responseOfFacade();

		static boolean send(ServletResponse response) {
			ServletResponse unwrapped = response;
			while (unwrapped instanceof ServletResponseWrapper wrapper) {
				unwrapped = wrapper.getResponse();
			}
			if (RESPONSE_OF_FACADE == null || !(unwrapped instanceof ResponseFacade facade)) {
				return false;
			}
			try {
				((Response) RESPONSE_OF_FACADE.get(facade)).sendAcknowledgement(ContinueResponseTiming.ALWAYS);
				return true;
			}
			catch (ReflectiveOperationException | RuntimeException ex) {
				return false;
			}
		}

		private static Field responseOfFacade() {
			try {
				Field field = ResponseFacade.class.getDeclaredField("response");
				field.setAccessible(true);
				return field;
			}
			catch (ReflectiveOperationException | RuntimeException ex) {
				return null;
			}
		}

	}

	/** Reads what is there whenever Tomcat says so; dispatches once the body is whole. */
	private final class Reader implements ReadListener, AsyncListener {

		private final AsyncContext async;

		private final ServletInputStream in;

		private final ByteArrayOutputStream body;

		private final byte[] buffer = new byte[8192];

		private final AtomicBoolean done = new AtomicBoolean();

		Reader(AsyncContext async, ServletInputStream in, ByteArrayOutputStream arrived) {
			this.async = async;
			this.in = in;
			this.body = arrived;
		}

		@Override
		public void onDataAvailable() throws IOException {
			while (this.in.isReady() && !this.in.isFinished()) {
				int read = this.in.read(this.buffer);
				if (read < 0) {
					break;
				}
				this.body.write(this.buffer, 0, read);
				if (this.body.size() > NonBlockingBodyFilter.this.maxBodySize) {
					// One byte past the limit is enough for the controller's 413.
					dispatch();
					return;
				}
			}
			if (this.in.isFinished()) {
				dispatch();
			}
		}

		@Override
		public void onAllDataRead() {
			dispatch();
		}

		private void dispatch() {
			if (this.done.compareAndSet(false, true)) {
				this.async.getRequest().setAttribute(BODY, this.body.toByteArray());
				this.async.dispatch();
			}
		}

		@Override
		public void onError(Throwable failure) {
			// Broken framing (a bad chunk) or a client gone mid-body: the former is told
			// what is wrong, the latter never reads it.
			if (this.done.compareAndSet(false, true)) {
				answer(400, "invalid-input", "Bad Request", "The request body is malformed");
			}
		}

		@Override
		public void onTimeout(AsyncEvent event) {
			if (this.done.compareAndSet(false, true)) {
				answer(408, "request-timeout", "Request Timeout",
						"The request body did not arrive within " + NonBlockingBodyFilter.this.timeoutMillis + " ms");
			}
		}

		private void answer(int status, String slug, String title, String detail) {
			try {
				HttpServletResponse response = (HttpServletResponse) this.async.getResponse();
				if (!response.isCommitted()) {
					response.setStatus(status);
					response.setHeader("Connection", "close");
					response.setContentType("application/problem+json");
					byte[] problem = ("{\"type\":\"" + ProblemResponses.TYPE_PREFIX + slug + "\",\"title\":\"" + title
							+ "\",\"status\":" + status + ",\"detail\":\"" + detail + "\"}")
						.getBytes(StandardCharsets.UTF_8);
					response.setContentLength(problem.length);
					response.getOutputStream().write(problem);
				}
			}
			catch (IOException | RuntimeException ex) {
				// The connection is gone: nothing to tell.
			}
			finally {
				this.async.complete();
			}
		}

		@Override
		public void onComplete(AsyncEvent event) {
		}

		@Override
		public void onError(AsyncEvent event) {
			onError(event.getThrowable());
		}

		@Override
		public void onStartAsync(AsyncEvent event) {
		}

	}

	/** The request with its body already read. */
	private static final class ReadBody extends HttpServletRequestWrapper {

		private final byte[] body;

		ReadBody(HttpServletRequest request, byte[] body) {
			super(request);
			this.body = body;
		}

		@Override
		public ServletInputStream getInputStream() {
			ByteArrayInputStream in = new ByteArrayInputStream(this.body);
			return new ServletInputStream() {

				@Override
				public int read() {
					return in.read();
				}

				@Override
				public int read(byte[] b, int off, int len) {
					return in.read(b, off, len);
				}

				@Override
				public boolean isFinished() {
					return in.available() == 0;
				}

				@Override
				public boolean isReady() {
					return true;
				}

				@Override
				public void setReadListener(ReadListener listener) {
					throw new IllegalStateException("The body has been read already");
				}

			};
		}

	}

}

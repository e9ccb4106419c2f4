package dev.fnbridge.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.UnsupportedEncodingException;
import java.time.Duration;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;

import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Writes responses with non-blocking I/O: the handler's output is collected in memory (up
 * to {@link #MAX_BUFFERED} bytes) and written once the handler returns, whenever the
 * client's socket takes it, so a client that never reads its responses holds a connection
 * but no request thread (250 such clients pipelining requests would otherwise block all
 * of Tomcat's 200 threads in socket writes). A client that takes longer than
 * {@code fnbridge.http.response-write-timeout} to read is disconnected. Output past the
 * limit, {@code sendError} and handlers that go asynchronous themselves (streaming,
 * server-sent events) are written as without this filter; a flush while the handler runs
 * waits for it to return (Spring MVC flushes after every body).
 */
class NonBlockingResponseFilter extends OncePerRequestFilter {

	/** Larger responses stream on the request thread, as without this filter. */
	static final int MAX_BUFFERED = 4 * 1024 * 1024;

	/**
	 * Responses up to this size are written on the request thread: the kernel's send
	 * buffer (16 KB at least) takes them whole, and Tomcat's 100 requests per connection
	 * bound what a client that never reads can pile up.
	 */
	static final int WRITTEN_AT_ONCE = 8 * 1024;

	private final long timeoutMillis;

	NonBlockingResponseFilter(Duration timeout) {
		this.timeoutMillis = timeout.toMillis();
	}

	@Override
	protected boolean shouldNotFilterAsyncDispatch() {
		// A request read by NonBlockingBodyFilter is handled on its async dispatch.
		return false;
	}

	@Override
	protected boolean shouldNotFilterErrorDispatch() {
		return true;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		Buffered buffered;
		if (response instanceof Buffered again) {
			buffered = again;
			buffered.resumeBuffering();
		}
		else if (this.timeoutMillis > 0 && request.isAsyncSupported()) {
			buffered = new Buffered(response);
		}
		else {
			chain.doFilter(request, response);
			return;
		}
		chain.doFilter(request, buffered);
		if (request.isAsyncStarted()) {
			// Someone else writes later, from wherever: pass it all through.
			buffered.passThrough();
			return;
		}
		byte[] body = buffered.collected();
		if (body == null || body.length == 0) {
			return;
		}
		HttpServletResponse target = (HttpServletResponse) buffered.getResponse();
		if (body.length <= WRITTEN_AT_ONCE) {
			// Fits the socket's send buffer: a blocking write returns at once, and the
			// asynchronous cycle would cost more than it saves.
			target.getOutputStream().write(body);
			return;
		}
		if (!target.containsHeader("Content-Length") && !target.containsHeader("Transfer-Encoding")) {
			target.setContentLength(body.length);
		}
		AsyncContext async = request.startAsync(request, target);
		async.setTimeout(this.timeoutMillis);
		Writer writer = new Writer(async, target.getOutputStream(), body);
		async.addListener(writer);
		target.getOutputStream().setWriteListener(writer);
	}

	/** Writes what the socket takes whenever Tomcat says so; completes at the end. */
	private static final class Writer implements WriteListener, AsyncListener {

		private final AsyncContext async;

		private final ServletOutputStream out;

		private final byte[] body;

		private int offset;

		Writer(AsyncContext async, ServletOutputStream out, byte[] body) {
			this.async = async;
			this.out = out;
			this.body = body;
		}

		@Override
		public void onWritePossible() throws IOException {
			while (this.out.isReady()) {
				if (this.offset == this.body.length) {
					this.async.complete();
					return;
				}
				int length = Math.min(64 * 1024, this.body.length - this.offset);
				this.out.write(this.body, this.offset, length);
				this.offset += length;
			}
		}

		@Override
		public void onError(Throwable failure) {
			// The client went away: there is no one left to write to.
			this.async.complete();
		}

		@Override
		public void onTimeout(AsyncEvent event) {
			this.async.complete();
		}

		@Override
		public void onComplete(AsyncEvent event) {
		}

		@Override
		public void onError(AsyncEvent event) {
		}

		@Override
		public void onStartAsync(AsyncEvent event) {
		}

	}

	/** The response, its body kept in memory until the handler is done. */
	private static final class Buffered extends HttpServletResponseWrapper {

		private ByteArrayOutputStream buffer = new ByteArrayOutputStream();

		private boolean passingThrough;

		private boolean wrote;

		private ServletOutputStream stream;

		private PrintWriter writer;

		Buffered(HttpServletResponse response) {
			super(response);
		}

		/** Back to buffering on a later dispatch, when nothing has been written yet. */
		void resumeBuffering() {
			if (this.passingThrough && !this.wrote && !getResponse().isCommitted()) {
				this.passingThrough = false;
				this.buffer = new ByteArrayOutputStream();
			}
		}

		/**
		 * The body collected, or {@code null} when it went (or goes) to the client as
		 * written.
		 */
		byte[] collected() throws IOException {
			if (this.writer != null) {
				this.writer.flush();
			}
			return this.passingThrough ? null : this.buffer.toByteArray();
		}

		void passThrough() throws IOException {
			if (this.passingThrough) {
				return;
			}
			if (this.writer != null) {
				this.writer.flush();
			}
			this.passingThrough = true;
			if (this.buffer.size() > 0) {
				this.wrote = true;
				getResponse().getOutputStream().write(this.buffer.toByteArray());
			}
			this.buffer = null;
		}

		private void write(byte[] bytes, int offset, int length) throws IOException {
			if (!this.passingThrough && this.buffer.size() + length > MAX_BUFFERED) {
				passThrough();
			}
			if (this.passingThrough) {
				this.wrote = true;
				getResponse().getOutputStream().write(bytes, offset, length);
			}
			else {
				this.buffer.write(bytes, offset, length);
			}
		}

		@Override
		public ServletOutputStream getOutputStream() {
			if (this.writer != null) {
				throw new IllegalStateException("getWriter() has already been called for this response");
			}
			if (this.stream == null) {
				this.stream = new ServletOutputStream() {

					@Override
					public void write(int b) throws IOException {
						Buffered.this.write(new byte[] { (byte) b }, 0, 1);
					}

					@Override
					public void write(byte[] b, int off, int len) throws IOException {
						Buffered.this.write(b, off, len);
					}

					@Override
					public void flush() throws IOException {
						// Spring MVC flushes after every body; the body leaves when the
						// handler returns. Once passing through, a flush is one.
						if (Buffered.this.passingThrough) {
							getResponse().getOutputStream().flush();
						}
					}

					@Override
					public boolean isReady() {
						return true;
					}

					@Override
					public void setWriteListener(WriteListener listener) {
						throw new IllegalStateException("Non-blocking writes need an asynchronous request");
					}

				};
			}
			return this.stream;
		}

		@Override
		public PrintWriter getWriter() throws UnsupportedEncodingException {
			if (this.writer == null) {
				ServletOutputStream out = getOutputStream();
				this.writer = new PrintWriter(new OutputStreamWriter(out, getCharacterEncoding()), false);
			}
			return this.writer;
		}

		@Override
		public void flushBuffer() throws IOException {
			if (this.passingThrough) {
				super.flushBuffer();
			}
		}

		@Override
		public void resetBuffer() {
			super.resetBuffer();
			if (!this.passingThrough) {
				this.buffer.reset();
			}
		}

		@Override
		public void reset() {
			super.reset();
			if (!this.passingThrough) {
				this.buffer.reset();
			}
		}

		@Override
		public void sendError(int status, String message) throws IOException {
			discard();
			super.sendError(status, message);
		}

		@Override
		public void sendError(int status) throws IOException {
			discard();
			super.sendError(status);
		}

		@Override
		public void sendRedirect(String location) throws IOException {
			discard();
			super.sendRedirect(location);
		}

		/** The container writes this response itself (error page, redirect). */
		private void discard() {
			if (!this.passingThrough) {
				this.buffer.reset();
				this.passingThrough = true;
			}
		}

	}

}

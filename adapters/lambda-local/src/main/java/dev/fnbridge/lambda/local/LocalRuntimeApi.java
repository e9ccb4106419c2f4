package dev.fnbridge.lambda.local;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * The AWS Lambda Runtime API ({@code /2018-06-01/runtime/...}) on 127.0.0.1: the runtime
 * client polls {@code invocation/next}, posts {@code invocation/{id}/response} or
 * {@code invocation/{id}/error}, or {@code init/error} if the function cannot start.
 * SnapStart's {@code restore/next} answers at once (the restore of a rehearsal).
 * <p>
 * Several {@code next} calls are served at once, as for Lambda Managed Instances, whose
 * runtime polls from {@code AWS_LAMBDA_MAX_CONCURRENCY} threads; each invocation gets its
 * own request id and X-Ray trace header, so a test can tell whether answers, logs and
 * metrics stayed with their request.
 */
public final class LocalRuntimeApi implements AutoCloseable {

	private static final String PREFIX = "/2018-06-01/runtime/";

	static {
		// Without it every small response waits for Nagle's algorithm (about 40-90 ms).
		System.setProperty("sun.net.httpserver.nodelay", "true");
	}

	private final HttpServer server;

	private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>();

	private final Map<String, Pending> inFlight = new ConcurrentHashMap<>();

	private final CompletableFuture<String> initError = new CompletableFuture<>();

	private final CompletableFuture<Integer> exited = new CompletableFuture<>();

	private final CompletableFuture<Void> firstPoll = new CompletableFuture<>();

	private volatile boolean restored;

	/** {@code next} calls waiting for an event now, and the most there ever were. */
	private final AtomicInteger polling = new AtomicInteger();

	private final AtomicInteger maxPolling = new AtomicInteger();

	/** Invocations the runtime took and has not answered, and the most at once. */
	private final AtomicInteger maxInFlight = new AtomicInteger();

	/**
	 * Starts the API on a free port of 127.0.0.1.
	 * @throws IOException if no port can be bound
	 */
	public LocalRuntimeApi() throws IOException {
		this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 256);
		this.server.createContext(PREFIX, this::handle);
		this.server.setExecutor(Executors.newCachedThreadPool((task) -> {
			Thread thread = new Thread(task, "local-runtime-api");
			thread.setDaemon(true);
			return thread;
		}));
		this.server.start();
	}

	/**
	 * The value for {@code AWS_LAMBDA_RUNTIME_API}.
	 * @return {@code 127.0.0.1:port}
	 */
	public String address() {
		return "127.0.0.1:" + this.server.getAddress().getPort();
	}

	/**
	 * Queues an event and waits for the function's answer.
	 * @param event the event JSON
	 * @param timeout how long to wait
	 * @return the answer
	 * @throws TimeoutException if the function neither answered nor failed to start in
	 * time
	 */
	public InvocationResult invoke(String event, Duration timeout) throws TimeoutException {
		Pending pending = new Pending(UUID.randomUUID().toString(), xrayTraceHeader(), event,
				new CompletableFuture<>());
		this.queue.add(pending);
		CompletableFuture<Object> outcome = CompletableFuture.anyOf(pending.result(), this.initError, this.exited);
		try {
			Object result = outcome.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
			if (result instanceof InvocationResult invocation) {
				return invocation;
			}
			if (result instanceof Integer code) {
				// What Lambda reports when the runtime process dies.
				return new InvocationResult(
						"{\"errorType\":\"Runtime.ExitError\",\"errorMessage\":\"Runtime exited with status " + code
								+ "\"}",
						true, "Runtime.ExitError", pending.id(), pending.traceId());
			}
			return new InvocationResult((String) result, true, "init-error", pending.id(), pending.traceId());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new TimeoutException("interrupted");
		}
		catch (java.util.concurrent.ExecutionException ex) {
			throw new IllegalStateException(ex.getCause());
		}
	}

	/**
	 * Tells the API that the runtime's process is gone, so waiting invocations fail at
	 * once instead of timing out.
	 * @param exitCode the process's exit code
	 */
	public void runtimeExited(int exitCode) {
		this.exited.complete(exitCode);
	}

	/**
	 * Waits until the runtime asked for its first event (its init phase is over).
	 * @param timeout how long to wait
	 * @return whether it did in time
	 */
	public boolean awaitReady(Duration timeout) {
		try {
			this.firstPoll.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
			return true;
		}
		catch (Exception ex) {
			return false;
		}
	}

	/**
	 * Waits until the runtime has this many {@code next} calls open at once (the threads
	 * of a runtime with {@code AWS_LAMBDA_MAX_CONCURRENCY}).
	 * @param pollers how many
	 * @param timeout how long to wait
	 * @return whether it did in time
	 */
	public boolean awaitPollers(int pollers, Duration timeout) {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (this.polling.get() < pollers) {
			if (System.nanoTime() > deadline) {
				return false;
			}
			try {
				Thread.sleep(10);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return false;
			}
		}
		return true;
	}

	/**
	 * The most {@code next} calls that were open at once.
	 * @return the count
	 */
	public int maxPollers() {
		return this.maxPolling.get();
	}

	/**
	 * The most invocations the runtime had taken and not yet answered at once.
	 * @return the count
	 */
	public int maxInFlight() {
		return this.maxInFlight.get();
	}

	/**
	 * Whether a SnapStart runtime asked to be restored.
	 * @return {@code true} after {@code restore/next}
	 */
	public boolean restored() {
		return this.restored;
	}

	private void handle(HttpExchange exchange) throws IOException {
		String path = exchange.getRequestURI().getPath().substring(PREFIX.length());
		try (exchange) {
			if (path.equals("invocation/next")) {
				this.firstPoll.complete(null);
				this.maxPolling.accumulateAndGet(this.polling.incrementAndGet(), Math::max);
				Pending next;
				try {
					next = this.queue.take();
				}
				finally {
					this.polling.decrementAndGet();
				}
				this.inFlight.put(next.id(), next);
				this.maxInFlight.accumulateAndGet(this.inFlight.size(), Math::max);
				exchange.getResponseHeaders().add("Lambda-Runtime-Aws-Request-Id", next.id());
				exchange.getResponseHeaders()
					.add("Lambda-Runtime-Deadline-Ms", Long.toString(System.currentTimeMillis() + 900_000));
				exchange.getResponseHeaders()
					.add("Lambda-Runtime-Invoked-Function-Arn",
							"arn:aws:lambda:us-east-1:000000000000:function:fnbridge-local");
				exchange.getResponseHeaders().add("Lambda-Runtime-Trace-Id", next.traceId());
				send(exchange, 200, next.event());
			}
			else if (path.startsWith("invocation/") && (path.endsWith("/response") || path.endsWith("/error"))) {
				String id = path.substring("invocation/".length(), path.lastIndexOf('/'));
				String body = read(exchange.getRequestBody());
				Pending pending = this.inFlight.remove(id);
				if (pending == null) {
					send(exchange, 400, "{\"errorMessage\":\"unknown request id\"}");
					return;
				}
				boolean error = path.endsWith("/error");
				String errorType = error ? exchange.getRequestHeaders().getFirst("Lambda-Runtime-Function-Error-Type")
						: null;
				pending.result()
					.complete(new InvocationResult(body, error, errorType, pending.id(), pending.traceId()));
				send(exchange, 202, "{\"status\":\"OK\"}");
			}
			else if (path.equals("init/error")) {
				this.initError.complete(read(exchange.getRequestBody()));
				send(exchange, 202, "{\"status\":\"OK\"}");
			}
			else if (path.equals("restore/next")) {
				this.restored = true;
				send(exchange, 200, "");
			}
			else if (path.equals("restore/error")) {
				this.initError.complete(read(exchange.getRequestBody()));
				send(exchange, 202, "{\"status\":\"OK\"}");
			}
			else {
				send(exchange, 404, "{\"errorMessage\":\"not a Runtime API path\"}");
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private static String read(InputStream body) throws IOException {
		return new String(body.readAllBytes(), StandardCharsets.UTF_8);
	}

	private static void send(HttpExchange exchange, int status, String body) throws IOException {
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		// The Spring Cloud Function runtime loop, among others, expects JSON replies.
		exchange.getResponseHeaders().add("Content-Type", "application/json");
		exchange.sendResponseHeaders(status, (bytes.length == 0) ? -1 : bytes.length);
		if (bytes.length > 0) {
			try (OutputStream out = exchange.getResponseBody()) {
				out.write(bytes);
			}
		}
	}

	@Override
	public void close() {
		this.server.stop(0);
	}

	/**
	 * A new X-Ray trace header, as Lambda gives each invocation of a function with active
	 * tracing: {@code Root=1-<epoch seconds, hex>-<96 random bits>;Parent=<64
	 * bits>;Sampled=1}.
	 */
	private static String xrayTraceHeader() {
		ThreadLocalRandom random = ThreadLocalRandom.current();
		return String.format("Root=1-%08x-%08x%016x;Parent=%016x;Sampled=1", System.currentTimeMillis() / 1000,
				random.nextInt(), random.nextLong(), random.nextLong());
	}

	private record Pending(String id, String traceId, String event, CompletableFuture<InvocationResult> result) {
	}

}

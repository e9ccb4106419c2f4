import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Hostile-input suite of the HTTP transport, against a running application (the packaged
 * jar, started by hostile-http.sh). Every request is written byte for byte, as an attacker
 * would send it. Checks, for client mistakes: a 4xx (never 5xx), an
 * application/problem+json body (never HTML, a server name or a stack trace), a bounded
 * error body; the metric series stay bounded under 500 random compositions; and other
 * requests are answered while 250 clients send bodies slowly or never read responses.
 * Prints one line per failure and the figures; exits 1 on any failure.
 *
 * <pre>java functions-app/scripts/HostileHttp.java PORT</pre>
 *
 * Run with the single-file launcher of JDK 17+, so nothing needs building.
 */
public class HostileHttp {

	static final int MAX_ERROR_BODY = 16 * 1024;

	static final Pattern INTERNALS = Pattern.compile("Exception|\\tat [a-z]+\\.|\"trace\"|<html|Apache Tomcat|java\\.",
			Pattern.CASE_INSENSITIVE);

	static String host;

	static int port;

	static int cases;

	static int clientErrors;

	static int serverErrors;

	static int notProblemJson;

	static int largestErrorBody;

	static final List<String> failures = new ArrayList<>();

	public static void main(String[] args) throws Exception {
		host = "127.0.0.1";
		port = Integer.parseInt(args[0]);
		if (args.length > 1 && args[1].equals("probes")) {
			System.out.println(probesUnder("slow bodies", 250, 500, HostileHttp::slowBody));
			System.out.println(probesUnder("responses never read", 100, 10_000, HostileHttp::neverReads));
			System.exit(failures.isEmpty() ? 0 : 1);
		}
		long start = System.nanoTime();
		String now = java.time.Instant.now().minusSeconds(60).toString();
		String reading = "{\"deviceId\":\"sensor-1\",\"type\":\"temperature\",\"value\":21,\"unit\":\"C\",\"timestamp\":\"%s\"}";

		// JSON bodies a client gets wrong.
		String[] badJson = { "{\"name\":", "{\"name\":\"Ada\"", "[1,2,3]", "\"Ada\"", "null", "", "   ", "{\"name\":42}",
				"{\"name\":true}", "{\"name\":{\"first\":\"Ada\"}}", "{\"name\":[\"Ada\"]}", "{,}", "{\"name\":\"Ada\",}",
				"{'name':'Ada'}", "{\"name\":\"Ada\"}}", "{\"name\":NaN}", "{\"name\":\"\\u00\"}", "tru", "[".repeat(10_000),
				"{\"a\":".repeat(5_000) + "1" + "}".repeat(5_000), "{\"name\":" + "9".repeat(100_000) + "}" };
		for (String json : badJson) {
			clientMistake("hello " + abbreviate(json), post("/hello", "application/json", bytes(json)));
		}
		// Bytes that are not UTF-8: overlong '/', a lone continuation byte, a truncated
		// sequence, an encoded surrogate, 0xFF.
		int[][] notUtf8 = { { 0xC0, 0xAF }, { 0x80 }, { 0xE2, 0x82 }, { 0xED, 0xA0, 0x80 }, { 0xFF }, { 0xF8, 0x88, 0x80, 0x80, 0x80 } };
		for (int[] sequence : notUtf8) {
			ByteArrayOutputStream body = new ByteArrayOutputStream();
			body.writeBytes(bytes("{\"name\":\"A"));
			for (int b : sequence) {
				body.write(b);
			}
			body.writeBytes(bytes("\"}"));
			clientMistake("hello with bytes " + hex(sequence), post("/hello", "application/json", body.toByteArray()));
		}
		// Numbers out of range, wrong shapes and missing fields for a record with
		// constraints.
		for (String value : new String[] { "1e400", "-1e400", "1e300", "\"x\"", "null", "[]" }) {
			clientMistake("validateReading value " + value, post("/validateReading", "application/json",
					bytes(String.format(reading, now).replace("\"value\":21", "\"value\":" + value))));
		}
		for (String timestamp : new String[] { "1e300", "-1e300", "1e400", "\"yesterday\"", "\"2026-13-45T99:99:99Z\"", "true" }) {
			clientMistake("validateReading timestamp " + timestamp, post("/validateReading", "application/json",
					bytes(String.format(reading, now).replace("\"" + now + "\"", timestamp))));
		}
		clientMistake("validateReading without fields", post("/validateReading", "application/json", bytes("{}")));
		clientMistake("validateReading blank deviceId", post("/validateReading", "application/json",
				bytes(String.format(reading, now).replace("sensor-1", " "))));
		// Error amplification: 100,000 empty readings.
		String empties = "[" + "{},".repeat(99_999) + "{}]";
		clientMistake("summarizeReadings with 100,000 empty readings", post("/summarizeReadings", "application/json", bytes(empties)));
		String nulls = "[" + "null,".repeat(99_999) + "null]";
		clientMistake("summarizeReadings with 100,000 nulls", post("/summarizeReadings", "application/json", bytes(nulls)));

		// Compositions and paths.
		String[] paths = { "/hello,hello", "/hello%7Chello", "/validateReading,validateReading", "/hello,validateReading",
				"/hello|validateReading", "/" + "hello,".repeat(999) + "hello", "/events/hello,hello", "/noSuchFunction",
				"/hello,noSuchFunction", "/,", "/%2C", "/hello,", "/|hello", "/hello%00", "/hello%zz", "/a/%2e%2e/%2e%2e/etc/passwd",
				"/a/../../b", "/hello;jsessionid=x/../x", "/error", "/" + "x".repeat(9_000), "/events/noSuchFunction",
				"/actuator/env", "/actuator/heapdump", "/actuator/shutdown" };
		for (String path : paths) {
			clientMistake("POST " + abbreviate(path), post(path, "application/json", bytes("{\"name\":\"Ada\"}")));
			clientMistake("GET " + abbreviate(path), raw("GET " + path + " HTTP/1.1\r\nHost: localhost\r\n\r\n"));
		}

		// Content types and methods.
		clientMistake("hello as text/xml", post("/hello", "text/xml", bytes("<name>Ada</name>")));
		clientMistake("hello with a broken Content-Type", post("/hello", "application/", bytes("{}")));
		clientMistake("hello with Content-Type ;;;", post("/hello", ";;;", bytes("{}")));
		clientMistake("hello as form data", post("/hello", "application/x-www-form-urlencoded", bytes("name=Ada")));
		for (String method : new String[] { "PUT", "DELETE", "PATCH", "TRACE", "FOO", "CONNECT" }) {
			String target = method.equals("CONNECT") ? "localhost:80" : "/hello";
			clientMistake(method + " " + target, raw(method + " " + target + " HTTP/1.1\r\nHost: localhost\r\nContent-Length: 0\r\n\r\n"));
		}

		// What the connector refuses itself.
		String[] malformed = { "GET /hello/Ada HTTP/9.9\r\nHost: localhost\r\n\r\n", "GET /hello/Ada HTTP/2.0\r\nHost: localhost\r\n\r\n",
				"POST /hello HTTP/1.1\r\nHost: localhost\r\nTransfer-Encoding: gzip, chunked\r\n\r\n0\r\n\r\n",
				"POST /hello HTTP/1.1\r\nHost: localhost\r\nTransfer-Encoding: identity\r\n\r\n",
				"POST /hello HTTP/1.1\r\nHost: localhost\r\nContent-Length: 2\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n",
				"POST /hello HTTP/1.1\r\nHost: localhost\r\nContent-Length: abc\r\n\r\n{}",
				"POST /hello HTTP/1.1\r\nHost: localhost\r\nContent-Length: -1\r\n\r\n{}",
				"POST /hello HTTP/1.1\r\nHost: localhost\r\nContent-Length: 2\r\nContent-Length: 3\r\n\r\n{}",
				"POST /hello HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n{}\r\n0\r\n\r\n",
				"GET /hello/Ada HTTP/1.1\r\n\r\n", "GET /hello/Ada HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n",
				"GET /hello/Ada HTTP/1.1\r\nHost: localhost\r\nX-Big: " + "a".repeat(20_000) + "\r\n\r\n",
				"GET /hello/Ada HTTP/1.1\r\nHost: localhost\r\n" + "X-H: 1\r\n".repeat(150) + "\r\n",
				"G@T /hello/Ada HTTP/1.1\r\nHost: localhost\r\n\r\n",
				"GET hello HTTP/1.1\r\nHost: localhost\r\n\r\n",
				"GET /hello/Ada HTTP/1.1\r\nHost: localhost\r\nBad Header: x\r\n\r\n",
				"GET /hello/Ada HTTP/1.1\r\nHost: localhost\r\n: empty\r\n\r\n",
				"GET /hello/Ada HTTP/1.1\r\nHost: local\u0001host\r\n\r\n" };
		for (String request : malformed) {
			clientMistake("malformed " + abbreviate(request), raw(request));
		}
		clientMistake("Expect: 100-continue over the limit",
				expectContinueOverLimit("POST /hello HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
						+ "Content-Length: 5000000\r\nExpect: 100-continue\r\n\r\n"));
		clientMistake("body over the limit", post("/hello", "application/json", new byte[1_100_000]));

		// The valid requests still work after all that.
		Response hello = post("/hello", "application/json", bytes("{\"name\":\"Ada\"}"));
		check("hello after the corpus", hello.status == 200 && hello.body.contains("Hello, Ada!"), hello);

		meteredCompositions();
		long corpusMillis = (System.nanoTime() - start) / 1_000_000;
		// 250 slow senders, and 100 clients not reading, against the 50 request threads
		// hostile-http.sh gives the server: more clients than threads either way.
		String slowBodies = probesUnder("slow bodies", 250, 500, HostileHttp::slowBody);
		String unread = probesUnder("responses never read", 100, 10_000, HostileHttp::neverReads);

		System.out.printf("corpus: %d client-mistake requests in %d ms: %d 4xx, %d 5xx, %d error bodies not problem+json, largest error body %d bytes%n",
				cases, corpusMillis, clientErrors, serverErrors, notProblemJson, largestErrorBody);
		System.out.println(slowBodies);
		System.out.println(unread);
		for (String failure : failures) {
			System.out.println("FAIL " + failure);
		}
		System.out.println(failures.isEmpty() ? "hostile http: all checks passed" : "hostile http: " + failures.size() + " failed");
		System.exit(failures.isEmpty() ? 0 : 1);
	}

	/** A client mistake: 4xx, problem+json, bounded, nothing internal. */
	static void clientMistake(String name, Response response) {
		cases++;
		List<String> problems = new ArrayList<>();
		if (response.status >= 500) {
			serverErrors++;
			problems.add("status " + response.status);
		}
		else if (response.status >= 400) {
			clientErrors++;
		}
		else {
			problems.add("status " + response.status + ", a client mistake must be refused");
		}
		if (response.status >= 400) {
			largestErrorBody = Math.max(largestErrorBody, response.bodyBytes);
			if (!response.contentType.startsWith("application/problem+json")) {
				notProblemJson++;
				problems.add("content type '" + response.contentType + "'");
			}
			if (response.bodyBytes > MAX_ERROR_BODY) {
				problems.add("error body of " + response.bodyBytes + " bytes");
			}
		}
		if (INTERNALS.matcher(response.body).find() || response.headers.toLowerCase(Locale.ROOT).contains("\nserver:")) {
			problems.add("leaks internals");
		}
		if (!problems.isEmpty()) {
			failures.add(name + ": " + String.join(", ", problems) + " — " + abbreviate(response.head()));
		}
	}

	static void check(String name, boolean ok, Response response) {
		if (!ok) {
			failures.add(name + ": " + abbreviate(response.head()));
		}
	}

	/** 500 random compositions of real and made-up names: the metric series stay bounded. */
	static void meteredCompositions() throws IOException {
		Response before = raw("GET /actuator/prometheus HTTP/1.1\r\nHost: localhost\r\n\r\n");
		String[] names = { "hello", "validateReading", "enrichReading", "detectAnomaly", "summarizeReadings", "x", "admin" };
		Random random = new Random(17);
		for (int i = 0; i < 500; i++) {
			StringBuilder path = new StringBuilder("/");
			int length = 2 + random.nextInt(4);
			for (int j = 0; j < length; j++) {
				path.append(j == 0 ? "" : (random.nextBoolean() ? "," : "%7C")).append(names[random.nextInt(names.length)]);
				if (random.nextInt(3) == 0) {
					path.append(i);
				}
			}
			Response response = post(path.toString(), "application/json", bytes("{\"name\":\"Ada\"}"));
			if (response.status >= 500) {
				serverErrors++;
				failures.add("random composition " + path + ": status " + response.status);
			}
		}
		Response after = raw("GET /actuator/prometheus HTTP/1.1\r\nHost: localhost\r\n\r\n");
		Set<String> tagsBefore = functionTags(before.body);
		Set<String> tagsAfter = functionTags(after.body);
		System.out.printf("metrics: /actuator/prometheus %d -> %d bytes, distinct function tags %d -> %d after 500 random compositions%n",
				before.bodyBytes, after.bodyBytes, tagsBefore.size(), tagsAfter.size());
		// fnbridge.http.max-tagged-compositions (64) plus the other-compositions tag.
		if (tagsAfter.size() > tagsBefore.size() + 65 || after.bodyBytes > before.bodyBytes * 4L) {
			failures.add("metric series grew without bound: " + tagsBefore.size() + " -> " + tagsAfter.size() + " tags");
		}
	}

	static Set<String> functionTags(String prometheus) {
		Set<String> tags = new HashSet<>();
		Matcher matcher = Pattern.compile("function=\"([^\"]*)\"").matcher(prometheus);
		while (matcher.find()) {
			tags.add(matcher.group(1));
		}
		return tags;
	}

	interface Attacker {

		Socket open() throws IOException;

	}

	/** Declares 1,000 bytes of body and sends one. */
	static Socket slowBody() throws IOException {
		Socket socket = new Socket(host, port);
		OutputStream out = socket.getOutputStream();
		out.write(bytes("POST /hello HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{"));
		out.flush();
		return socket;
	}

	/**
	 * Pipelines 16 requests for 300 KB answers and never reads one: more than the socket
	 * buffers hold, so a blocking write would keep a request thread until it times out.
	 */
	static Socket neverReads() throws IOException {
		Socket socket = new Socket();
		socket.setReceiveBufferSize(1024);
		socket.connect(new java.net.InetSocketAddress(host, port));
		String body = "{\"name\":\"" + "x".repeat(300_000) + "\"}";
		byte[] requests = bytes(("POST /hello HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: "
				+ body.length() + "\r\n\r\n" + body).repeat(16));
		Thread writer = new Thread(() -> {
			try {
				socket.getOutputStream().write(requests);
			}
			catch (IOException ex) {
				// Closed when the probes are done.
			}
		});
		writer.setDaemon(true);
		writer.start();
		return socket;
	}

	/** The attackers, then 50 probes: answered all, and how fast. */
	static String probesUnder(String what, int attackers, long settleMillis, Attacker attacker) throws Exception {
		List<Socket> sockets = new ArrayList<>();
		try {
			for (int i = 0; i < attackers; i++) {
				sockets.add(attacker.open());
			}
			Thread.sleep(settleMillis);
			List<Long> latencies = new ArrayList<>();
			int unanswered = 0;
			ExecutorService executor = Executors.newFixedThreadPool(2);
			try {
				for (int i = 0; i < 50; i++) {
					long start = System.nanoTime();
					Response response = executor
						.submit(() -> post("/hello", "application/json", bytes("{\"name\":\"Probe\"}")))
						.get(10, TimeUnit.SECONDS);
					latencies.add((System.nanoTime() - start) / 1_000_000);
					if (response.status != 200) {
						unanswered++;
					}
				}
			}
			catch (java.util.concurrent.TimeoutException ex) {
				unanswered++;
			}
			finally {
				executor.shutdownNow();
			}
			latencies.sort(null);
			if (latencies.size() < 50 || unanswered > 0) {
				failures.add(what + ": " + (50 - latencies.size() + unanswered) + " of 50 probes not answered within 10 s");
				return String.format("probes with %d clients (%s): %d of 50 answered", attackers, what, Math.max(0, latencies.size() - unanswered));
			}
			long p99 = latencies.get((int) Math.ceil(latencies.size() * 0.99) - 1);
			return String.format("probes with %d clients (%s): 50 of 50 answered, p50 %d ms, p99 %d ms, max %d ms (goal: p99 < 1000 ms: %s)",
					attackers, what, latencies.get(latencies.size() / 2), p99, latencies.get(latencies.size() - 1), p99 < 1000 ? "met" : "missed");
		}
		finally {
			for (Socket socket : sockets) {
				socket.close();
			}
		}
	}

	record Response(int status, String contentType, String headers, String body, int bodyBytes) {

		String head() {
			return status + " " + contentType + " " + body.substring(0, Math.min(200, body.length()));
		}

	}

	static Response post(String path, String contentType, byte[] body) throws IOException {
		ByteArrayOutputStream request = new ByteArrayOutputStream();
		request.writeBytes(bytes("POST " + path + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: " + contentType
				+ "\r\nContent-Length: " + body.length + "\r\nConnection: close\r\n\r\n"));
		request.writeBytes(body);
		return send(request.toByteArray());
	}

	static Response raw(String request) throws IOException {
		int end = request.indexOf("\r\n\r\n");
		String closing = end < 0 ? request : request.substring(0, end) + "\r\nConnection: close" + request.substring(end);
		return send(closing.getBytes(StandardCharsets.ISO_8859_1));
	}

	/** Sends the headers only, and the body only if the server asks for it with a 100. */
	static Response expectContinueOverLimit(String headers) throws IOException {
		Response response = raw(headers);
		if (response.status == 100) {
			failures.add("Expect: 100-continue over the limit: the server asked for the body (100 Continue)");
		}
		return response;
	}

	static Response send(byte[] request) throws IOException {
		try (Socket socket = new Socket(host, port)) {
			socket.setSoTimeout(15_000);
			OutputStream out = socket.getOutputStream();
			try {
				out.write(request);
				out.flush();
			}
			catch (IOException ex) {
				// The server may answer and close before taking the whole request (413).
			}
			InputStream in = socket.getInputStream();
			ByteArrayOutputStream received = new ByteArrayOutputStream();
			byte[] buffer = new byte[65536];
			try {
				int read;
				while ((read = in.read(buffer)) >= 0 && received.size() < 64 * 1024 * 1024) {
					received.write(buffer, 0, read);
				}
			}
			catch (SocketTimeoutException | java.net.SocketException ex) {
				// What arrived before the timeout or the reset is the answer.
			}
			return parse(received.toString(StandardCharsets.ISO_8859_1));
		}
	}

	static Response parse(String response) {
		if (!response.startsWith("HTTP/1.1 ") || response.length() < 12) {
			return new Response(0, "", "", "no HTTP response: " + response, response.length());
		}
		int status = Integer.parseInt(response.substring(9, 12));
		int end = response.indexOf("\r\n\r\n");
		String headers = end < 0 ? response : response.substring(0, end);
		String body = end < 0 ? "" : response.substring(end + 4);
		String contentType = "";
		for (String line : headers.split("\r\n")) {
			if (line.toLowerCase(Locale.ROOT).startsWith("content-type:")) {
				contentType = line.substring(13).trim().toLowerCase(Locale.ROOT);
			}
		}
		return new Response(status, contentType, "\n" + headers, body, body.getBytes(StandardCharsets.ISO_8859_1).length);
	}

	static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	static String hex(int[] sequence) {
		StringBuilder text = new StringBuilder();
		for (int b : sequence) {
			text.append(String.format("%02X ", b));
		}
		return text.toString().trim();
	}

	static String abbreviate(String text) {
		String oneLine = text.replace("\r", "\\r").replace("\n", "\\n").replace("\t", "\\t");
		return oneLine.length() > 80 ? oneLine.substring(0, 77) + "..." : oneLine;
	}

}

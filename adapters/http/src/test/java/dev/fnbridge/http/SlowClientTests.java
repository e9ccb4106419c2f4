package dev.fnbridge.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Clients that send a body slowly or never read their responses (more of them than the
 * server has request threads) hold connections, not threads: other requests are still
 * answered. The probe latencies are printed; the test asserts that every probe is
 * answered, which fails as soon as slow bodies take the request threads (each probe then
 * waits for a thread that never frees).
 */
@SpringBootTest(classes = TestFunctionsApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "fnbridge.http.body-read-timeout=60s", "fnbridge.http.response-write-timeout=60s",
				"server.tomcat.threads.max=" + SlowClientTests.THREADS, "fnbridge.http.max-body-size=1MB" })
class SlowClientTests {

	/** Request threads of the server under test, fewer than either kind of client. */
	static final int THREADS = 20;

	private static final int SLOW_CLIENTS = 250;

	private static final int NOT_READING_CLIENTS = 50;

	private final List<Socket> slow = new ArrayList<>();

	@LocalServerPort
	private int port;

	@AfterEach
	void closeSlowClients() throws IOException {
		for (Socket socket : this.slow) {
			socket.close();
		}
	}

	@Test
	void answersOtherRequestsWhileMoreClientsThanThreadsSendTheirBodiesSlowly() throws Exception {
		for (int i = 0; i < SLOW_CLIENTS; i++) {
			Socket socket = new Socket("localhost", this.port);
			this.slow.add(socket);
			OutputStream out = socket.getOutputStream();
			// A declared body of 1,000 bytes, of which only the first arrives.
			out.write(("POST /describe HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
					+ "Content-Length: 1000\r\n\r\n{")
				.getBytes(StandardCharsets.ISO_8859_1));
			out.flush();
		}
		List<Long> latencies = probe();
		System.out.printf("probe latency with %d slow-body clients: p50 %d ms, max %d ms (20 probes)%n", SLOW_CLIENTS,
				latencies.get(latencies.size() / 2), latencies.get(latencies.size() - 1));
		assertThat(this.slow).allSatisfy((socket) -> assertThat(socket.isClosed()).isFalse());
	}

	@Test
	void answersOtherRequestsWhileMoreClientsThanThreadsNeverReadTheirResponses() throws Exception {
		// Twenty pipelined requests for 300 KB answers each: more than the socket buffers
		// hold, so a blocking write would keep a request thread until it times out.
		String body = "{\"name\":\"" + "x".repeat(300_000) + "\",\"age\":1}";
		byte[] requests = ("POST /describe HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
				+ "Content-Length: " + body.length() + "\r\n\r\n" + body)
			.repeat(20)
			.getBytes(StandardCharsets.ISO_8859_1);
		for (int i = 0; i < NOT_READING_CLIENTS; i++) {
			Socket socket = new Socket();
			socket.setReceiveBufferSize(1024);
			socket.connect(new InetSocketAddress("localhost", this.port));
			this.slow.add(socket);
			Thread writer = new Thread(() -> {
				try {
					socket.getOutputStream().write(requests);
				}
				catch (IOException ex) {
					// Closed at the end of the test.
				}
			});
			writer.setDaemon(true);
			writer.start();
		}
		// Time for the server to fill the sockets' buffers (a few hundred requests).
		Thread.sleep(10_000);
		List<Long> latencies = probe();
		System.out.printf("probe latency with %d clients not reading (%d threads): p50 %d ms, max %d ms (20 probes)%n",
				NOT_READING_CLIENTS, THREADS, latencies.get(latencies.size() / 2), latencies.get(latencies.size() - 1));
	}

	private List<Long> probe() throws Exception {
		HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
		List<Long> latencies = new ArrayList<>();
		for (int i = 0; i < 20; i++) {
			long start = System.nanoTime();
			HttpResponse<String> response = client
				.send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + "/describe"))
					.timeout(Duration.ofSeconds(5))
					.header("Content-Type", "application/json")
					.POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"Ada\",\"age\":36}"))
					.build(), HttpResponse.BodyHandlers.ofString());
			latencies.add((System.nanoTime() - start) / 1_000_000);
			assertThat(response.statusCode()).isEqualTo(200);
			assertThat(response.body()).contains("Ada is 36");
		}
		latencies.sort(null);
		return latencies;
	}

	@Test
	void finishesASlowBodyThatArrivesWhole() throws Exception {
		try (Socket socket = new Socket("localhost", this.port)) {
			socket.setSoTimeout(10_000);
			OutputStream out = socket.getOutputStream();
			String body = "{\"name\":\"Grace\",\"age\":45}";
			out.write(("POST /describe HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
					+ "Connection: close\r\nContent-Length: " + body.length() + "\r\n\r\n")
				.getBytes(StandardCharsets.ISO_8859_1));
			for (byte b : body.getBytes(StandardCharsets.ISO_8859_1)) {
				out.write(b);
				out.flush();
				Thread.sleep(20);
			}
			InputStream in = socket.getInputStream();
			String response = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
			assertThat(response).startsWith("HTTP/1.1 200").contains("Grace is 45");
		}
	}

}

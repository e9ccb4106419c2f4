package dev.fnbridge.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A body that does not arrive within {@code fnbridge.http.body-read-timeout} is answered
 * 408 problem+json and the connection closed; a body declared over the limit is refused
 * before the client sends it, so {@code Expect: 100-continue} gets a 413 and no
 * {@code 100}.
 */
@SpringBootTest(classes = TestFunctionsApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "fnbridge.http.body-read-timeout=500ms", "fnbridge.http.max-body-size=1KB" })
class BodyReadTimeoutTests {

	@LocalServerPort
	private int port;

	@Test
	void answersABodyThatNeverArrives408() throws IOException {
		String response = send("POST /describe HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
				+ "Content-Length: 100\r\n\r\n{\"name\":");

		assertThat(response).startsWith("HTTP/1.1 408");
		assertThat(response.toLowerCase()).contains("content-type: application/problem+json", "connection: close")
			.contains("\"status\":408", "urn:fnbridge:problem:request-timeout");
	}

	@Test
	void refusesADeclaredBodyOverTheLimitWithoutAskingForIt() throws IOException {
		String response = send("POST /describe HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
				+ "Content-Length: 5000\r\nExpect: 100-continue\r\nConnection: close\r\n\r\n");

		assertThat(response).startsWith("HTTP/1.1 413").doesNotContain("100 Continue");
		assertThat(response.toLowerCase()).contains("content-type: application/problem+json");
	}

	@Test
	void answersAChunkedBodyOverTheLimit413() throws IOException {
		String chunk = "a".repeat(800);
		String chunks = Integer.toHexString(chunk.length()) + "\r\n" + chunk + "\r\n";
		String response = send("POST /describe HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
				+ "Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n" + chunks + chunks + "0\r\n\r\n");

		assertThat(response).startsWith("HTTP/1.1 413");
		assertThat(response.toLowerCase()).contains("content-type: application/problem+json");
	}

	@Test
	void sendsContinueForADeclaredBodyWithinTheLimitAndAnswersIt() throws IOException {
		try (Socket socket = new Socket("localhost", this.port)) {
			socket.setSoTimeout(10_000);
			String body = "{\"name\":\"Ada\",\"age\":36}";
			OutputStream out = socket.getOutputStream();
			out.write(
					("POST /describe HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: "
							+ body.length() + "\r\nExpect: 100-continue\r\nConnection: close\r\n\r\n")
						.getBytes(StandardCharsets.ISO_8859_1));
			out.flush();
			InputStream in = socket.getInputStream();
			StringBuilder interim = new StringBuilder();
			while (interim.indexOf("\r\n\r\n") < 0) {
				int b = in.read();
				assertThat(b).as("end of the interim response").isNotNegative();
				interim.append((char) b);
			}
			assertThat(interim.toString()).startsWith("HTTP/1.1 100");
			out.write(body.getBytes(StandardCharsets.ISO_8859_1));
			out.flush();
			String response = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
			assertThat(response).contains("HTTP/1.1 200").contains("Ada is 36");
		}
	}

	private String send(String raw) throws IOException {
		try (Socket socket = new Socket("localhost", this.port)) {
			socket.setSoTimeout(10_000);
			OutputStream out = socket.getOutputStream();
			out.write(raw.getBytes(StandardCharsets.ISO_8859_1));
			out.flush();
			return new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
		}
	}

}

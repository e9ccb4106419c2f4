package dev.fnbridge.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the server refuses before any controller runs gets a 4xx problem+json too, never
 * Tomcat's HTML page or its name and version. Requests are written byte for byte, as a
 * hostile client would send them.
 */
@SpringBootTest(classes = TestFunctionsApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT)
class ConnectorRejectionTests {

	@LocalServerPort
	private int port;

	@ParameterizedTest
	@ValueSource(strings = { "GET /a/%2e%2e/%2e%2e/etc/passwd HTTP/1.1", "GET /describe%00 HTTP/1.1",
			"GET /a/../../b HTTP/1.1", "GET /describe%zz HTTP/1.1", "TRACE /describe HTTP/1.1",
			"GET /describe;jsessionid=x/../x HTTP/1.1" })
	void answersARejectedRequestWithProblemJsonAndNoServerPage(String requestLine) throws IOException {
		String response = send(requestLine + "\r\nHost: localhost\r\nConnection: close\r\n\r\n");

		assertThat(status(response)).as(response).isBetween(400, 499);
		assertThat(response.toLowerCase()).as(response)
			.doesNotContain("<html", "apache tomcat", "server: ")
			.contains("content-type: application/problem+json");
	}

	private int status(String response) {
		return Integer.parseInt(response.substring(9, 12));
	}

	private String send(String raw) throws IOException {
		try (Socket socket = new Socket("localhost", this.port)) {
			socket.setSoTimeout(10_000);
			OutputStream out = socket.getOutputStream();
			out.write(raw.getBytes(StandardCharsets.ISO_8859_1));
			out.flush();
			InputStream in = socket.getInputStream();
			return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
		}
	}

}

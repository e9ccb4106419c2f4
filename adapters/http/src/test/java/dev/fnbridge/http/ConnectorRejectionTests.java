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

	@ParameterizedTest
	@ValueSource(strings = { "CONNECT localhost:80 HTTP/1.1\r\nHost: localhost:80\r\n\r\n",
			"GET /describe HTTP/9.9\r\nHost: localhost\r\n\r\n", "GET /describe HTTP/2.0\r\nHost: localhost\r\n\r\n",
			"POST /hello HTTP/1.1\r\nHost: localhost\r\nTransfer-Encoding: gzip, chunked\r\n\r\n0\r\n\r\n",
			"POST /hello HTTP/1.1\r\nHost: localhost\r\nTransfer-Encoding: identity\r\n\r\n",
			"POST /hello HTTP/1.1\r\nHost: localhost\r\nContent-Length: 2\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n",
			"POST /hello HTTP/1.1\r\nHost: localhost\r\nContent-Length: abc\r\n\r\n{}",
			"POST /describe HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n{}\r\n0\r\n\r\n",
			"POST /hello HTTP/1.1\r\nHost: localhost\r\nContent-Length: 2\r\nContent-Length: 3\r\n\r\n{}",
			"GET /describe HTTP/1.1\r\n\r\n", "GET /describe HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n",
			"GET /describe HTTP/1.1\r\nHost: localhost\r\nX-Big: %BIG%\r\n\r\n",
			"GET /describe HTTP/1.1\r\nHost: localhost\r\n%MANY%\r\n", "GET /describe\tHTTP/1.1\r\nHost: x\r\n\r\n",
			"G@T /describe HTTP/1.1\r\nHost: localhost\r\n\r\n", "GET describe HTTP/1.1\r\nHost: localhost\r\n\r\n" })
	void answersAMalformedRequestWithA4xxProblemAndNoServerPage(String raw) throws IOException {
		String request = raw.replace("%BIG%", "a".repeat(20_000))
			.replace("%MANY%", "X-H: 1\r\n".repeat(150))
			.replaceFirst("\r\n\r\n", "\r\nConnection: close\r\n\r\n");
		String response = send(request);

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

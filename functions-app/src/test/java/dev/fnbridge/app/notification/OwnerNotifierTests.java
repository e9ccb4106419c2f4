package dev.fnbridge.app.notification;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import com.sun.net.httpserver.HttpServer;
import dev.fnbridge.app.telemetry.Alert;
import dev.fnbridge.core.error.InvalidInputException;
import dev.fnbridge.core.error.TransientFailureException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class OwnerNotifierTests {

	/** What the stub webhook answers, by owner; 204 for the others. */
	private static final Map<String, Integer> ANSWERS = Map.of("/hooks/busy-team", 503, "/hooks/throttled-team", 429,
			"/hooks/gone-team", 404);

	private final JsonMapper json = JsonMapper.builder().build();

	private final List<String> received = new CopyOnWriteArrayList<>();

	private final CountDownLatch release = new CountDownLatch(1);

	private HttpServer webhook;

	@BeforeEach
	void startWebhook() throws IOException {
		this.webhook = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		this.webhook.createContext("/hooks/", (exchange) -> {
			String path = exchange.getRequestURI().getRawPath();
			this.received.add(path + " " + exchange.getRequestHeaders().getFirst("Content-Type") + " "
					+ new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
			if (path.equals("/hooks/slow-team")) {
				await(this.release);
			}
			exchange.sendResponseHeaders(ANSWERS.getOrDefault(path, 204), -1);
			exchange.close();
		});
		this.webhook.start();
	}

	@AfterEach
	void stopWebhook() {
		this.release.countDown();
		this.webhook.stop(0);
	}

	@Test
	void postsTheAlertAsJsonToTheOwnersWebhook() {
		notifier().accept(alert("ops team"));

		assertThat(this.received).singleElement()
			.asString()
			.startsWith("/hooks/ops%20team application/json {\"deviceId\":\"sensor-1\"")
			.contains("\"owner\":\"ops team\"", "\"timestamp\":\"2026-01-01T10:00:00Z\"");
	}

	@Test
	void failsTransientlyWhenTheWebhookIsFailingOrBusy() {
		assertThatExceptionOfType(TransientFailureException.class)
			.isThrownBy(() -> notifier().accept(alert("busy-team")))
			.withMessage("The owner's webhook answered 503");
		assertThatExceptionOfType(TransientFailureException.class)
			.isThrownBy(() -> notifier().accept(alert("throttled-team")))
			.withMessage("The owner's webhook answered 429");
	}

	@Test
	void failsTransientlyWhenTheWebhookCannotBeReached() throws IOException {
		int closed;
		try (ServerSocket socket = new ServerSocket(0)) {
			closed = socket.getLocalPort();
		}
		OwnerNotifier unreachable = new OwnerNotifier("http://127.0.0.1:" + closed + "/hooks/{owner}",
				Duration.ofSeconds(2), this.json);

		assertThatExceptionOfType(TransientFailureException.class).isThrownBy(() -> unreachable.accept(alert("ops")))
			.withMessage("The owner's webhook cannot be reached");
	}

	@Test
	void failsTransientlyWhenTheWebhookIsTooSlow() {
		OwnerNotifier impatient = new OwnerNotifier(url(), Duration.ofMillis(300), this.json);

		assertThatExceptionOfType(TransientFailureException.class)
			.isThrownBy(() -> impatient.accept(alert("slow-team")))
			.withMessage("The owner's webhook did not answer in time");
	}

	@Test
	void failsUnexpectedlyWhenTheWebhookRefusesTheAlert() {
		assertThatIllegalStateException().isThrownBy(() -> notifier().accept(alert("gone-team")))
			.withMessage("The owner's webhook refused the alert with 404");
	}

	@Test
	void failsUnexpectedlyWithoutAWebhook() {
		OwnerNotifier unconfigured = new OwnerNotifier(null, Duration.ofSeconds(1), this.json);

		assertThatIllegalStateException().isThrownBy(() -> unconfigured.accept(alert("ops")))
			.withMessage("fnbridge.notification.webhook-url is not set");
	}

	@Test
	void refusesAnAlertWithoutOwner() {
		assertThatExceptionOfType(InvalidInputException.class).isThrownBy(() -> notifier().accept(alert(" ")));
		assertThat(this.received).isEmpty();
	}

	@Test
	void refusesAWebhookThatIsNotHttp() {
		assertThatIllegalStateException()
			.isThrownBy(() -> new OwnerNotifier("ftp://pager/{owner}", Duration.ofSeconds(1), this.json))
			.withMessage("fnbridge.notification.webhook-url must be an http or https URL");
	}

	private OwnerNotifier notifier() {
		return new OwnerNotifier(url(), Duration.ofSeconds(5), this.json);
	}

	private String url() {
		return "http://127.0.0.1:" + this.webhook.getAddress().getPort() + "/hooks/{owner}";
	}

	private static Alert alert(String owner) {
		return new Alert("sensor-1", "plant-a", owner, "temperature", 75.0, "C", "above-max", 60.0,
				Instant.parse("2026-01-01T10:00:00Z"));
	}

	private static void await(CountDownLatch latch) {
		try {
			latch.await(10, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}

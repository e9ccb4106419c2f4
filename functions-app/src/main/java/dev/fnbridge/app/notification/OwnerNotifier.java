package dev.fnbridge.app.notification;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.Consumer;

import dev.fnbridge.app.telemetry.Alert;
import dev.fnbridge.core.error.InvalidInputException;
import dev.fnbridge.core.error.TransientFailureException;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.ObjectMapper;

/**
 * Posts an {@link Alert} as JSON to the webhook of its owner. What the webhook answers
 * decides the failure: unreachable, too slow, busy ({@code 408}, {@code 429}) or failing
 * ({@code 5xx}) may pass, a {@link TransientFailureException} (retried on Kafka, 503 over
 * HTTP); any other refusal will not, an {@link IllegalStateException} (an unexpected
 * error: the request or the configuration is wrong, not the caller's alert).
 */
public class OwnerNotifier implements Consumer<Alert> {

	private static final String OWNER = "{owner}";

	private final String webhookUrl;

	private final Duration timeout;

	private final ObjectMapper mapper;

	// Made on the first notification: building a JDK HttpClient starts its selector
	// thread and loads its classes, which every cold start paid for although most
	// deployments never notify.
	private volatile @Nullable HttpClient client;

	/**
	 * Creates the notifier.
	 * @param webhookUrl the webhook URL, {@code {owner}} standing for the owner; or
	 * {@code null} when none is configured
	 * @param timeout how long one notification may take
	 * @param mapper writes the alert
	 * @throws IllegalStateException if the URL is not an http or https URL
	 */
	public OwnerNotifier(String webhookUrl, Duration timeout, ObjectMapper mapper) {
		this.webhookUrl = (webhookUrl == null || webhookUrl.isBlank()) ? null : webhookUrl.strip();
		if (this.webhookUrl != null) {
			checkUrl(this.webhookUrl);
		}
		this.timeout = timeout;
		this.mapper = mapper;
	}

	private HttpClient client() {
		HttpClient made = this.client;
		if (made == null) {
			synchronized (this) {
				made = this.client;
				if (made == null) {
					made = HttpClient.newBuilder().connectTimeout(this.timeout).build();
					this.client = made;
				}
			}
		}
		return made;
	}

	private static void checkUrl(String webhookUrl) {
		URI example;
		try {
			example = URI.create(webhookUrl.replace(OWNER, "owner"));
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalStateException("fnbridge.notification.webhook-url is not a URL: " + ex.getMessage());
		}
		if (!"http".equals(example.getScheme()) && !"https".equals(example.getScheme())) {
			throw new IllegalStateException("fnbridge.notification.webhook-url must be an http or https URL");
		}
	}

	/**
	 * Notifies the alert's owner.
	 * @param alert the alert
	 * @throws InvalidInputException if the alert names no owner
	 * @throws TransientFailureException if the webhook cannot be reached in time or
	 * answers 408, 429 or 5xx
	 * @throws IllegalStateException if no webhook is configured or it refuses the alert
	 * otherwise
	 */
	@Override
	public void accept(Alert alert) {
		if (alert == null || alert.owner() == null || alert.owner().isBlank()) {
			throw new InvalidInputException("owner", "must not be blank");
		}
		if (this.webhookUrl == null) {
			throw new IllegalStateException("fnbridge.notification.webhook-url is not set");
		}
		// The owner is a path segment: encoded, and a space as %20 rather than a form's
		// +.
		String owner = URLEncoder.encode(alert.owner(), StandardCharsets.UTF_8).replace("+", "%20");
		HttpRequest request = HttpRequest.newBuilder(URI.create(this.webhookUrl.replace(OWNER, owner)))
			.timeout(this.timeout)
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofByteArray(this.mapper.writeValueAsBytes(alert)))
			.build();
		int status;
		try {
			status = client().send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
		}
		catch (HttpTimeoutException ex) {
			throw new TransientFailureException("The owner's webhook did not answer in time", ex);
		}
		catch (IOException ex) {
			throw new TransientFailureException("The owner's webhook cannot be reached", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new TransientFailureException("Interrupted while notifying the owner", ex);
		}
		if (status >= 200 && status < 300) {
			return;
		}
		if (status == 408 || status == 429 || status >= 500) {
			throw new TransientFailureException("The owner's webhook answered " + status, null);
		}
		throw new IllegalStateException("The owner's webhook refused the alert with " + status);
	}

}

package dev.fnbridge.app.notification;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Configuration of {@code notifyOwner}.
 */
@ConfigurationProperties("fnbridge.notification")
public class NotificationProperties {

	/**
	 * Where alerts are posted, one webhook per owner: {owner} is replaced by the alert's
	 * owner, e.g. https://pager.example.com/hooks/{owner}. Unset, every notification
	 * fails as an unexpected error.
	 */
	private String webhookUrl;

	/**
	 * How long one notification may take; past it the attempt is a transient failure.
	 */
	private Duration timeout = Duration.ofSeconds(5);

	public String getWebhookUrl() {
		return this.webhookUrl;
	}

	public void setWebhookUrl(String webhookUrl) {
		this.webhookUrl = webhookUrl;
	}

	public Duration getTimeout() {
		return this.timeout;
	}

	public void setTimeout(Duration timeout) {
		this.timeout = timeout;
	}

}

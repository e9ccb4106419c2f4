package dev.fnbridge.app.notification;

import java.util.function.Consumer;

import dev.fnbridge.app.telemetry.Alert;
import tools.jackson.databind.ObjectMapper;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Declares {@code notifyOwner}. It is not bound to a Kafka topic by default: bind
 * {@code notifyOwner-in-0} to {@code telemetry.alerts} to notify every alert.
 */
@Configuration(proxyBeanMethods = false)
public class NotificationFunctions {

	/**
	 * {@code notifyOwner}: an {@link Alert} in, nothing out; posts it to the owner's
	 * webhook. See {@link OwnerNotifier} for its failures.
	 * @param properties the webhook
	 * @param mapper writes the alert as JSON
	 * @return the function
	 */
	@Bean
	public Consumer<Alert> notifyOwner(NotificationProperties properties, ObjectMapper mapper) {
		return new OwnerNotifier(properties.getWebhookUrl(), properties.getTimeout(), mapper);
	}

}

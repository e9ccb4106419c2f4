package dev.fnbridge.app;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import org.junit.jupiter.api.Test;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Shutdown, as on SIGTERM (which closes the context), lets a request already in flight
 * finish.
 */
class GracefulShutdownTests {

	private static final CountDownLatch entered = new CountDownLatch(1);

	@Test
	void letsAnInFlightRequestFinishWhenTheApplicationStops() throws Exception {
		ConfigurableApplicationContext context = new SpringApplicationBuilder(FnbridgeApplication.class,
				SlowFunction.class)
			.properties("server.port=0", "fnbridge.kafka.enabled=false")
			.run();
		String port = context.getEnvironment().getProperty("local.server.port");
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/slow"))
			.header("Content-Type", "application/json")
			.POST(BodyPublishers.ofString("\"work\""))
			.build();

		CompletableFuture<HttpResponse<String>> response = HttpClient.newHttpClient()
			.sendAsync(request, BodyHandlers.ofString());
		assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();
		CompletableFuture<Void> shutdown = CompletableFuture.runAsync(context::close);

		HttpResponse<String> finished = response.get(20, TimeUnit.SECONDS);
		shutdown.get(30, TimeUnit.SECONDS);
		assertThat(finished.statusCode()).isEqualTo(200);
		assertThat(finished.body()).isEqualTo("\"WORK done\"");
		assertThat(context.isActive()).isFalse();
	}

	@Configuration(proxyBeanMethods = false)
	static class SlowFunction {

		@Bean
		Function<String, String> slow() {
			return (input) -> {
				entered.countDown();
				try {
					Thread.sleep(1500);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					return "interrupted";
				}
				return input.toUpperCase() + " done";
			};
		}

	}

}

package dev.fnbridge.benchmark;

import dev.fnbridge.app.FnbridgeApplication;

import org.springframework.boot.SpringApplication;

/**
 * Starts the fnbridge application with the {@link BaselineController} beside it.
 */
public final class HttpBenchmarkApplication {

	private HttpBenchmarkApplication() {
	}

	/**
	 * Starts both.
	 * @param args command-line arguments, passed to Spring Boot
	 */
	public static void main(String[] args) {
		SpringApplication.run(new Class<?>[] { FnbridgeApplication.class, BaselineController.class }, args);
	}

}

package dev.fnbridge.app;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.SpringApplication;

/**
 * The application for local development ({@code ./mvnw ... spring-boot:test-run}): HTTP
 * on 8080 and Kafka bindings on a real broker. Without a configured broker it runs
 * {@code stream-bindings/start-kafka} (a real KRaft broker process on 127.0.0.1:9092,
 * reused if already running) and stops it on exit if it started it, so
 * {@code kcat -b 127.0.0.1:9092} works at once. {@code FNBRIDGE_KAFKA_ENABLED=false}
 * gives HTTP alone; a configured {@code SPRING_KAFKA_BOOTSTRAP_SERVERS} is used as it is.
 */
public final class DevApplication {

	private static final Log logger = LogFactory.getLog(DevApplication.class);

	private DevApplication() {
	}

	public static void main(String[] args) throws IOException, InterruptedException {
		if (wantsLocalBroker(args)) {
			Path root = repositoryRoot();
			Path pidFile = root.resolve("stream-bindings/target/kafka-9092/kafka.pid");
			boolean alreadyRunning = Files.exists(pidFile);
			Process start = new ProcessBuilder(root.resolve("stream-bindings/start-kafka").toString())
				.directory(root.toFile())
				.redirectError(ProcessBuilder.Redirect.INHERIT)
				.start();
			String address = new String(start.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
			if (start.waitFor() != 0) {
				throw new IllegalStateException("stream-bindings/start-kafka failed; see its output above");
			}
			if (!alreadyRunning) {
				Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(root), "stop-kafka"));
			}
			logger.info("Kafka broker on " + address + " (kcat -b " + address + " -L)");
			System.setProperty("spring.kafka.bootstrap-servers", address);
		}
		if (setting("LOGGING_STRUCTURED_FORMAT_CONSOLE", "logging.structured.format.console", args) == null) {
			// Plain text for a person at a terminal; the packaged application logs JSON.
			System.setProperty("logging.structured.format.console", "");
		}
		SpringApplication.run(FnbridgeApplication.class, args);
	}

	private static void stop(Path root) {
		try {
			new ProcessBuilder(root.resolve("stream-bindings/stop-kafka").toString()).inheritIO().start().waitFor();
		}
		catch (IOException ex) {
			logger.warn("Could not stop the Kafka broker: " + ex.getMessage());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private static Path repositoryRoot() {
		Path dir = Path.of("").toAbsolutePath();
		while (dir != null && !Files.isExecutable(dir.resolve("stream-bindings/start-kafka"))) {
			dir = dir.getParent();
		}
		if (dir == null) {
			throw new IllegalStateException("Run from inside the fnbridge repository");
		}
		return dir;
	}

	private static boolean wantsLocalBroker(String[] args) {
		String enabled = setting("FNBRIDGE_KAFKA_ENABLED", "fnbridge.kafka.enabled", args);
		if ("false".equalsIgnoreCase(enabled)) {
			return false;
		}
		return setting("SPRING_KAFKA_BOOTSTRAP_SERVERS", "spring.kafka.bootstrap-servers", args) == null
				&& setting("SPRING_CLOUD_STREAM_KAFKA_BINDER_BROKERS", "spring.cloud.stream.kafka.binder.brokers",
						args) == null;
	}

	private static String setting(String variable, String property, String[] args) {
		for (String arg : args) {
			if (arg.startsWith("--" + property + "=")) {
				return arg.substring(property.length() + 3);
			}
		}
		String value = System.getProperty(property);
		return (value != null) ? value : System.getenv(variable);
	}

}

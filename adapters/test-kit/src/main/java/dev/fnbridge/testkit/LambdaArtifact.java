package dev.fnbridge.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Finds the Lambda zip that {@code fnbridge-maven-plugin}'s {@code lambda-zip} goal wrote
 * for the application under test.
 */
public final class LambdaArtifact {

	/** The system property that names the zip explicitly. */
	public static final String PROPERTY = "fnbridge.lambda.artifact";

	private LambdaArtifact() {
	}

	/**
	 * The zip: the {@value #PROPERTY} system property, else the one
	 * {@code target/*-lambda.zip} of the module the tests run in.
	 * @return the zip's path
	 * @throws IllegalStateException if there is none, or several, with what to do about
	 * it
	 */
	public static Path find() {
		String configured = System.getProperty(PROPERTY);
		if (configured != null && !configured.isBlank()) {
			Path path = Path.of(configured);
			if (!Files.isRegularFile(path)) {
				throw new IllegalStateException(PROPERTY + "=" + configured + " is not a file");
			}
			return path;
		}
		Path target = Path.of("target");
		List<Path> zips;
		try (Stream<Path> files = Files.isDirectory(target) ? Files.list(target) : Stream.empty()) {
			zips = files.filter((path) -> path.getFileName().toString().endsWith("-lambda.zip")).sorted().toList();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		if (zips.size() == 1) {
			return zips.get(0);
		}
		throw new IllegalStateException((zips.isEmpty() ? "No target/*-lambda.zip" : "Several Lambda zips " + zips)
				+ ": run the tests after package (failsafe: ./mvnw verify) with fnbridge-maven-plugin's lambda-zip goal, "
				+ "or set -D" + PROPERTY + "=<zip>");
	}

}

package dev.fnbridge.maven;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Builds the fnbridge runtime layer for the zip: a jlinked JDK 25+ and its AOT cache,
 * trained by invoking this very zip with the training events, for {@code provided.al2023}
 * ({@code cold_start_strategy = "aot_cache"} in the Terraform module). Rebuild it with
 * every build of the zip: the cache only serves the exact jars it was trained on. Writes
 * {@code target/<artifactId>-runtime-layer.zip}.
 */
@Mojo(name = "runtime-layer", threadSafe = true)
public class RuntimeLayerMojo extends LocalRuntimeMojo {

	/**
	 * A JDK 25+ home. Default: {@code JDK25_HOME}, else the first JDK 25+ under
	 * {@code /usr/lib/jvm}.
	 */
	@Parameter(property = "fnbridge.jdk")
	private File jdk;

	/** The layer zip to write. */
	@Parameter(property = "fnbridge.layer",
			defaultValue = "${project.build.directory}/${project.artifactId}-runtime-layer.zip")
	private File layer;

	/**
	 * Training events: files, or directories whose {@code *.json} files are all used.
	 * They should reach every function (HTTP events routed by path do).
	 */
	@Parameter(property = "fnbridge.trainingEvents", defaultValue = "${project.basedir}/src/test/resources/events")
	private List<File> trainingEvents;

	/** Skip, with a warning, when no JDK 25+ is found (instead of failing). */
	@Parameter(property = "fnbridge.layer.skipWithoutJdk", defaultValue = "false")
	private boolean skipWithoutJdk;

	@Override
	public void execute() throws MojoExecutionException, MojoFailureException {
		File zip = requireZip();
		File home = jdkHome();
		if (home == null) {
			String message = "No JDK 25+ to build the runtime layer with: set fnbridge.jdk or JDK25_HOME";
			if (this.skipWithoutJdk) {
				getLog().warn(message + ": skipped");
				return;
			}
			throw new MojoExecutionException(message);
		}
		List<String> arguments = new ArrayList<>(
				List.of("--artifact", zip.getPath(), "--jdk", home.getPath(), "--output", this.layer.getPath()));
		for (Path event : events()) {
			arguments.addAll(List.of("--event", event.toString()));
		}
		arguments.addAll(environmentArguments());
		check(fork("dev.fnbridge.lambda.local.RuntimeLayer", arguments), "fnbridge:runtime-layer");
		getLog().info(String.format("Runtime layer: %s (%,d bytes)", this.layer, this.layer.length()));
	}

	private List<Path> events() throws MojoExecutionException {
		List<Path> events = new ArrayList<>();
		for (File source : this.trainingEvents) {
			if (source.isDirectory()) {
				try (Stream<Path> files = Files.list(source.toPath())) {
					files.filter((path) -> path.toString().endsWith(".json")).sorted().forEach(events::add);
				}
				catch (IOException ex) {
					throw new MojoExecutionException("Cannot list " + source, ex);
				}
			}
			else if (source.isFile()) {
				events.add(source.toPath());
			}
		}
		if (events.isEmpty()) {
			throw new MojoExecutionException("No training events in " + this.trainingEvents);
		}
		return events;
	}

	private File jdkHome() {
		if (this.jdk != null) {
			return this.jdk;
		}
		String fromEnvironment = System.getenv("JDK25_HOME");
		if (fromEnvironment != null && !fromEnvironment.isBlank()) {
			return new File(fromEnvironment);
		}
		File[] candidates = new File("/usr/lib/jvm").listFiles();
		if (candidates == null) {
			return null;
		}
		java.util.Arrays.sort(candidates);
		for (File candidate : candidates) {
			if (majorVersion(candidate) >= 25 && new File(candidate, "bin/jlink").canExecute()) {
				return candidate;
			}
		}
		return null;
	}

	private static int majorVersion(File home) {
		try {
			for (String line : Files.readAllLines(home.toPath().resolve("release"))) {
				if (line.startsWith("JAVA_VERSION=\"")) {
					String version = line.substring("JAVA_VERSION=\"".length());
					int end = 0;
					while (end < version.length() && Character.isDigit(version.charAt(end))) {
						end++;
					}
					return (end > 0) ? Integer.parseInt(version.substring(0, end)) : 0;
				}
			}
		}
		catch (IOException | RuntimeException ex) {
			return 0;
		}
		return 0;
	}

}

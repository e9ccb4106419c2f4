package dev.fnbridge.maven;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.apache.maven.artifact.DependencyResolutionRequiredException;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;

/**
 * Writes {@code target/fnbridge-functions.json}: every function of the application with
 * its kind, the JSON Schema of its input and output, its HTTP path and its Kafka topics
 * (the same schemas {@code GET /functions} serves). The offline Terraform checks read it
 * to check function definitions and handlers. The application starts once, in a forked
 * JVM, without web server and Kafka bindings.
 */
@Mojo(name = "functions", defaultPhase = LifecyclePhase.PACKAGE, requiresDependencyResolution = ResolutionScope.RUNTIME,
		threadSafe = true)
public class FunctionsMojo extends AbstractFnbridgeMojo {

	private static final String WRITER = "dev.fnbridge.core.catalog.FunctionsDescriptorWriter";

	/** Where the descriptor is written. */
	@Parameter(property = "fnbridge.functions.output",
			defaultValue = "${project.build.directory}/fnbridge-functions.json")
	private File output;

	/** Skip this goal. */
	@Parameter(property = "fnbridge.functions.skip", defaultValue = "false")
	private boolean skip;

	@Override
	public void execute() throws MojoExecutionException {
		if (this.skip) {
			return;
		}
		String mainClass = mainClass();
		List<String> classpath;
		try {
			classpath = new ArrayList<>(this.project.getRuntimeClasspathElements());
		}
		catch (DependencyResolutionRequiredException ex) {
			throw new MojoExecutionException("The runtime class path is not resolved", ex);
		}
		Path log = Path.of(this.project.getBuild().getDirectory(), "fnbridge-functions.log");
		try {
			Files.createDirectories(log.getParent());
			Process process = new ProcessBuilder(javaExecutable(), "-cp", String.join(File.pathSeparator, classpath),
					WRITER, mainClass, this.output.getPath())
				.directory(this.project.getBasedir())
				.redirectErrorStream(true)
				.redirectOutput(log.toFile())
				.start();
			int exit = process.waitFor();
			if (exit != 0) {
				List<String> lines = Files.readAllLines(log);
				throw new MojoExecutionException("Describing the functions failed (exit " + exit + "); log: " + log
						+ "\n" + String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size())));
			}
		}
		catch (IOException ex) {
			throw new MojoExecutionException("Cannot describe the functions: " + ex.getMessage(), ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new MojoExecutionException("Interrupted", ex);
		}
		getLog().info("Functions: " + this.output);
	}

}

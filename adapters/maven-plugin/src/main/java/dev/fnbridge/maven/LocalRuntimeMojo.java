package dev.fnbridge.maven;

import java.io.File;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import org.apache.maven.artifact.Artifact;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * A goal that runs a command of fnbridge's local Lambda runtime
 * ({@code fnbridge-lambda-local}) in a forked JVM against the zip {@code lambda-zip}
 * wrote.
 */
abstract class LocalRuntimeMojo extends AbstractFnbridgeMojo {

	/** The Lambda zip. */
	@Parameter(property = "fnbridge.lambda.zip",
			defaultValue = "${project.build.directory}/${project.artifactId}-lambda.zip")
	protected File zip;

	/**
	 * Environment variables of the function, {@code NAME=value}, as Terraform would set
	 * them.
	 */
	@Parameter(property = "fnbridge.env")
	protected List<String> environment = new ArrayList<>();

	@Parameter(defaultValue = "${plugin.artifacts}", readonly = true)
	private List<Artifact> pluginArtifacts;

	protected File requireZip() throws MojoExecutionException {
		if (!this.zip.isFile()) {
			throw new MojoExecutionException(
					"No Lambda zip at " + this.zip + ": build it first (./mvnw package runs fnbridge:lambda-zip)");
		}
		return this.zip;
	}

	/**
	 * Runs {@code mainClass} of the local runtime with {@code arguments}, its output on
	 * this console.
	 * @param mainClass the command's class
	 * @param arguments its arguments
	 * @return its exit code
	 * @throws MojoExecutionException if it cannot be started
	 */
	protected int fork(String mainClass, List<String> arguments) throws MojoExecutionException {
		String classpath = this.pluginArtifacts.stream()
			.filter((artifact) -> !"provided".equals(artifact.getScope()) && artifact.getFile() != null)
			.map((artifact) -> artifact.getFile().getPath())
			.collect(Collectors.joining(File.pathSeparator));
		List<String> command = new ArrayList<>(List.of(javaExecutable(), "-cp", classpath, mainClass));
		command.addAll(arguments);
		try {
			Process process = new ProcessBuilder(command).directory(this.project.getBasedir()).inheritIO().start();
			return process.waitFor();
		}
		catch (IOException ex) {
			throw new MojoExecutionException("Cannot start " + mainClass + ": " + ex.getMessage(), ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new MojoExecutionException("Interrupted", ex);
		}
	}

	protected List<String> environmentArguments() {
		List<String> arguments = new ArrayList<>();
		for (String variable : this.environment) {
			if (!variable.isBlank()) {
				arguments.add("--env");
				arguments.add(variable.strip());
			}
		}
		return arguments;
	}

	static void check(int exit, String what) throws MojoFailureException {
		if (exit != 0) {
			throw new MojoFailureException(what + " failed (exit code " + exit + ")");
		}
	}

}

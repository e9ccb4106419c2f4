package dev.fnbridge.maven;

import java.io.File;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import org.apache.maven.RepositoryUtils;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.Component;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;
import org.eclipse.aether.RepositorySystem;
import org.eclipse.aether.RepositorySystemSession;
import org.eclipse.aether.artifact.ArtifactTypeRegistry;
import org.eclipse.aether.collection.CollectRequest;
import org.eclipse.aether.graph.Dependency;
import org.eclipse.aether.graph.Exclusion;
import org.eclipse.aether.resolution.ArtifactResult;
import org.eclipse.aether.resolution.DependencyRequest;
import org.eclipse.aether.resolution.DependencyResolutionException;

import org.springframework.boot.loader.tools.MainClassFinder;

/**
 * What the fnbridge goals share: the application's main class and its Lambda class path.
 */
abstract class AbstractFnbridgeMojo extends AbstractMojo {

	private static final String SPRING_BOOT_APPLICATION = "org.springframework.boot.autoconfigure.SpringBootApplication";

	@Parameter(defaultValue = "${project}", readonly = true, required = true)
	protected MavenProject project;

	@Parameter(defaultValue = "${session}", readonly = true, required = true)
	protected MavenSession session;

	@Component
	protected RepositorySystem repositorySystem;

	/**
	 * The Spring Boot application class. Default: the {@code start-class} property, else
	 * the one {@code @SpringBootApplication} class with a {@code main} method.
	 */
	@Parameter(property = "fnbridge.mainClass")
	protected String mainClass;

	/**
	 * {@code groupId:artifactId} (artifact id may be {@code *}) to leave out of the
	 * Lambda class path, in addition to the defaults (web server, Kafka binder,
	 * Prometheus registry, development tools), each with everything only it brings.
	 */
	@Parameter
	protected List<String> excludes = new ArrayList<>();

	/**
	 * Defaults to keep after all, e.g. {@code org.springframework:spring-webmvc} for a
	 * function that really needs it on Lambda.
	 */
	@Parameter
	protected List<String> includes = new ArrayList<>();

	protected File classesDirectory() {
		return new File(this.project.getBuild().getOutputDirectory());
	}

	protected String mainClass() throws MojoExecutionException {
		if (this.mainClass != null && !this.mainClass.isBlank()) {
			return this.mainClass.strip();
		}
		String startClass = this.project.getProperties().getProperty("start-class");
		if (startClass != null && !startClass.isBlank() && !startClass.contains("${")) {
			return startClass.strip();
		}
		File classes = classesDirectory();
		try {
			String found = classes.isDirectory() ? MainClassFinder.findSingleMainClass(classes, SPRING_BOOT_APPLICATION)
					: null;
			if (found == null) {
				throw new MojoExecutionException("No @SpringBootApplication class with a main method in " + classes
						+ ": set <mainClass> of fnbridge-maven-plugin (or the start-class property)");
			}
			return found;
		}
		catch (IllegalStateException | IOException ex) {
			throw new MojoExecutionException(
					ex.getMessage() + ": set <mainClass> of fnbridge-maven-plugin (or the start-class property)", ex);
		}
	}

	/**
	 * The exclusion patterns in force: the defaults and {@link #excludes}, less
	 * {@link #includes}.
	 */
	protected List<String> exclusionPatterns() throws MojoExecutionException {
		List<String> patterns = new ArrayList<>();
		for (String pattern : LambdaArtifact.DEFAULT_EXCLUDES) {
			if (!this.includes.contains(pattern)) {
				patterns.add(pattern);
			}
		}
		for (String pattern : this.excludes) {
			String trimmed = pattern.strip();
			if (trimmed.indexOf(':') <= 0 || trimmed.indexOf(':') != trimmed.lastIndexOf(':')) {
				throw new MojoExecutionException("exclude '" + pattern + "' is not groupId:artifactId");
			}
			patterns.add(trimmed);
		}
		return patterns;
	}

	/**
	 * The runtime class path of the application as it would be without the excluded
	 * artifacts: resolved again by Maven with them excluded from every direct dependency,
	 * so a jar that an excluded artifact and a kept one both bring stays, at the version
	 * Maven mediates.
	 * @return the dependency jars, in resolution order, the application's own classes not
	 * included
	 * @throws MojoExecutionException if resolution fails or a dependency is not a jar yet
	 */
	protected List<File> lambdaClasspath() throws MojoExecutionException {
		List<String> patterns = exclusionPatterns();
		RepositorySystemSession repositorySession = this.session.getRepositorySession();
		ArtifactTypeRegistry types = repositorySession.getArtifactTypeRegistry();
		List<Exclusion> exclusions = new ArrayList<>();
		for (String pattern : patterns) {
			String[] parts = pattern.split(":");
			exclusions.add(new Exclusion(parts[0], parts[1], "*", "*"));
		}
		CollectRequest collect = new CollectRequest();
		collect.setRepositories(this.project.getRemoteProjectRepositories());
		for (org.apache.maven.model.Dependency declared : this.project.getDependencies()) {
			String scope = (declared.getScope() != null) ? declared.getScope() : "compile";
			if (declared.isOptional() || !(scope.equals("compile") || scope.equals("runtime"))
					|| excluded(patterns, declared.getGroupId(), declared.getArtifactId())) {
				continue;
			}
			Dependency dependency = RepositoryUtils.toDependency(declared, types);
			List<Exclusion> all = new ArrayList<>(dependency.getExclusions());
			all.addAll(exclusions);
			collect.addDependency(dependency.setExclusions(all));
		}
		if (this.project.getDependencyManagement() != null) {
			for (org.apache.maven.model.Dependency managed : this.project.getDependencyManagement().getDependencies()) {
				collect.addManagedDependency(RepositoryUtils.toDependency(managed, types));
			}
		}
		DependencyRequest request = new DependencyRequest(collect,
				(node, parents) -> node.getDependency() == null || !node.getDependency().getScope().equals("test")
						&& !node.getDependency().getScope().equals("provided")
						&& !node.getDependency().getScope().equals("system"));
		List<File> jars = new ArrayList<>();
		try {
			for (ArtifactResult result : this.repositorySystem.resolveDependencies(repositorySession, request)
				.getArtifactResults()) {
				File file = result.getArtifact().getFile();
				if (excluded(patterns, result.getArtifact().getGroupId(), result.getArtifact().getArtifactId())) {
					continue;
				}
				if (file == null || !file.isFile() || !file.getName().endsWith(".jar")) {
					throw new MojoExecutionException("Dependency " + result.getArtifact() + " is not a jar yet (" + file
							+ "): run the package phase, e.g. ./mvnw package");
				}
				jars.add(file);
			}
		}
		catch (DependencyResolutionException ex) {
			throw new MojoExecutionException("Cannot resolve the Lambda class path: " + ex.getMessage(), ex);
		}
		return jars;
	}

	private static boolean excluded(List<String> patterns, String groupId, String artifactId) {
		return patterns.stream().anyMatch((pattern) -> LambdaArtifact.matches(pattern, groupId, artifactId));
	}

	/** The {@code java} of the JDK that runs Maven. */
	protected String javaExecutable() {
		return new File(System.getProperty("java.home"), "bin/java").getPath();
	}

}

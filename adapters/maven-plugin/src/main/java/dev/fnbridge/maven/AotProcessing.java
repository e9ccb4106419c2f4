package dev.fnbridge.maven;

import java.io.File;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.logging.Log;
import org.apache.maven.project.MavenProject;

/**
 * Runs Spring AOT ({@code SpringApplicationAotProcessor}, as Spring Boot's
 * {@code process-aot} goal does) in a forked JVM on the Lambda class path, then compiles
 * the generated sources. The bean definitions then describe the application as Lambda
 * runs it: without the web server or the Kafka binder.
 */
final class AotProcessing {

	private static final String PROCESSOR = "org.springframework.boot.SpringApplicationAotProcessor";

	private final Log log;

	private final String java;

	private final MavenProject project;

	AotProcessing(Log log, String java, MavenProject project) {
		this.log = log;
		this.java = java;
		this.project = project;
	}

	/**
	 * Generates and compiles.
	 * @param mainClass the application class
	 * @param classes the application's compiled classes
	 * @param dependencies the Lambda class path
	 * @param work a scratch directory
	 * @param output where the compiled classes and generated resources go
	 * @param arguments the application arguments during processing
	 * @throws MojoExecutionException if processing or compiling fails
	 */
	void run(String mainClass, File classes, List<File> dependencies, Path work, Path output, List<String> arguments)
			throws MojoExecutionException {
		Path sources = work.resolve("sources");
		Path resources = work.resolve("resources");
		Path generatedClasses = work.resolve("classes");
		List<File> classpath = new ArrayList<>();
		classpath.add(classes);
		classpath.addAll(dependencies);
		String joined = classpath.stream().map(File::getPath).collect(Collectors.joining(File.pathSeparator));
		List<String> command = new ArrayList<>(
				List.of(this.java, "-cp", joined, PROCESSOR, mainClass, sources.toString(), resources.toString(),
						generatedClasses.toString(), this.project.getGroupId(), this.project.getArtifactId()));
		command.addAll(arguments);
		try {
			Files.createDirectories(work);
			Path processLog = work.resolve("aot.log");
			Process process = new ProcessBuilder(command).directory(this.project.getBasedir())
				.redirectErrorStream(true)
				.redirectOutput(processLog.toFile())
				.start();
			int exit = process.waitFor();
			if (exit != 0) {
				List<String> lines = Files.readAllLines(processLog);
				String tail = String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
				throw new MojoExecutionException("Spring AOT on the Lambda class path failed (exit " + exit + "); log: "
						+ processLog + "\n" + tail);
			}
			compile(sources, classpath, generatedClasses, output);
			copyTree(resources, output);
			copyTree(generatedClasses, output);
		}
		catch (IOException ex) {
			throw new MojoExecutionException("Spring AOT failed: " + ex.getMessage(), ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new MojoExecutionException("Interrupted", ex);
		}
	}

	private void compile(Path sources, List<File> classpath, Path generatedClasses, Path output)
			throws IOException, MojoExecutionException {
		List<File> files;
		try (Stream<Path> walk = Files.exists(sources) ? Files.walk(sources) : Stream.empty()) {
			files = walk.filter((path) -> path.toString().endsWith(".java")).map(Path::toFile).toList();
		}
		if (files.isEmpty()) {
			return;
		}
		JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
		if (compiler == null) {
			throw new MojoExecutionException("Spring AOT needs a JDK (javac) to run Maven, not a JRE");
		}
		List<File> path = new ArrayList<>(classpath);
		path.add(generatedClasses.toFile());
		List<String> options = new ArrayList<>(
				List.of("-classpath", path.stream().map(File::getPath).collect(Collectors.joining(File.pathSeparator)),
						"-d", output.toString(), "-proc:none", "-parameters", "-nowarn", "-encoding", "UTF-8"));
		String release = release();
		if (release != null) {
			options.addAll(List.of("--release", release));
		}
		StringWriter diagnostics = new StringWriter();
		try (StandardJavaFileManager fileManager = compiler.getStandardFileManager(null, null, null)) {
			Iterable<? extends JavaFileObject> units = fileManager.getJavaFileObjectsFromFiles(files);
			boolean ok = compiler.getTask(diagnostics, fileManager, null, options, null, units).call();
			if (!ok) {
				throw new MojoExecutionException("Compiling the Spring AOT sources failed:\n" + diagnostics);
			}
		}
		this.log.debug("Compiled " + files.size() + " Spring AOT sources");
	}

	private String release() {
		for (String key : List.of("maven.compiler.release", "java.version", "maven.compiler.target")) {
			String value = this.project.getProperties().getProperty(key);
			if (value != null && value.matches("\\d+")) {
				return value;
			}
		}
		return null;
	}

	private static void copyTree(Path from, Path to) throws IOException {
		if (!Files.exists(from)) {
			return;
		}
		try (Stream<Path> walk = Files.walk(from)) {
			for (Path source : walk.toList()) {
				Path target = to.resolve(from.relativize(source).toString());
				if (Files.isDirectory(source)) {
					Files.createDirectories(target);
				}
				else {
					Files.createDirectories(target.getParent());
					Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING);
				}
			}
		}
	}

}

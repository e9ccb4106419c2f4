package dev.fnbridge.maven;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.Component;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;
import org.apache.maven.project.MavenProjectHelper;

/**
 * Packages the application as an AWS Lambda zip: the application's classes and every
 * runtime dependency as jars under {@code lib/} (the layout Lambda's Java runtimes load,
 * and the only one a JDK AOT cache can hold), without the web server, the Kafka binder or
 * the Prometheus registry; the bean definitions Spring AOT computes for exactly that
 * class path; the application's main class, so the handler needs no {@code MAIN_CLASS};
 * and the {@code bootstrap} of the custom runtime ({@code provided.al2023} with the
 * fnbridge runtime layer).
 * <p>
 * The zip is {@code target/<artifactId>-lambda.zip}, attached with the classifier
 * {@code lambda}. Its entries carry one fixed time (the project's
 * {@code project.build.outputTimestamp}), so the same sources give the same zip, and the
 * AOT cache trained on it stays valid.
 */
@Mojo(name = "lambda-zip", defaultPhase = LifecyclePhase.PACKAGE,
		requiresDependencyResolution = ResolutionScope.RUNTIME, threadSafe = true)
public class LambdaZipMojo extends AbstractFnbridgeMojo {

	/** Where the zip is written. */
	@Parameter(property = "fnbridge.lambda.zip",
			defaultValue = "${project.build.directory}/${project.artifactId}-lambda.zip")
	private File zip;

	/**
	 * Compute the bean definitions with Spring AOT on the Lambda class path (a cold start
	 * then skips condition evaluation). {@code FNBRIDGE_AOT=false} turns them off at run
	 * time.
	 */
	@Parameter(property = "fnbridge.lambda.aot", defaultValue = "true")
	private boolean aot;

	/**
	 * Arguments the application gets while Spring AOT runs it, e.g.
	 * {@code --spring.profiles.active=lambda}.
	 */
	@Parameter
	private List<String> aotArguments = new ArrayList<>();

	/** Skip this goal. */
	@Parameter(property = "fnbridge.lambda.skip", defaultValue = "false")
	private boolean skip;

	@Parameter(defaultValue = "${project.build.outputTimestamp}", readonly = true)
	private String outputTimestamp;

	@Component
	private MavenProjectHelper projectHelper;

	@Override
	public void execute() throws MojoExecutionException {
		if (this.skip) {
			getLog().info("fnbridge:lambda-zip skipped");
			return;
		}
		String mainClass = mainClass();
		List<File> dependencies = lambdaClasspath();
		Path work = Path.of(this.project.getBuild().getDirectory(), "fnbridge-lambda");
		try {
			deleteRecursively(work);
			Path generated = Files.createDirectories(work.resolve("generated"));
			if (this.aot) {
				new AotProcessing(getLog(), javaExecutable(), this.project).run(mainClass, classesDirectory(),
						dependencies, work.resolve("aot"), generated, this.aotArguments);
			}
			Files.writeString(generated.resolve(LambdaArtifact.PROPERTIES),
					"# Written by fnbridge-maven-plugin: the Spring Boot application this artifact serves.\n"
							+ "main-class=" + mainClass + "\n",
					StandardCharsets.ISO_8859_1);
			FileTime time = FileTime.from(entryTime());
			Map<String, Path> entries = new LinkedHashMap<>();
			Path lib = Files.createDirectories(work.resolve("lib"));
			entries.put("lib/" + this.project.getBuild().getFinalName() + ".jar",
					Jars.write(classesDirectory().toPath(), lib.resolve("application.jar"), time));
			entries.put("lib/" + this.project.getArtifactId() + "-fnbridge-lambda.jar",
					// Start-Class: how Spring Cloud Function's FunctionInvoker finds the
					// application.
					Jars.write(generated, lib.resolve("generated.jar"), time, Map.of("Start-Class", mainClass)));
			for (File dependency : dependencies) {
				entries.put("lib/" + dependency.getName(), dependency.toPath());
			}
			writeZip(entries, time);
		}
		catch (IOException ex) {
			throw new MojoExecutionException("Cannot write " + this.zip + ": " + ex.getMessage(), ex);
		}
		getLog().info(String.format("Lambda zip: %s (%,d bytes, %d jars, main class %s%s)", this.zip, this.zip.length(),
				dependencies.size() + 2, mainClass, this.aot ? ", Spring AOT" : ""));
		this.projectHelper.attachArtifact(this.project, "zip", "lambda", this.zip);
	}

	private void writeZip(Map<String, Path> entries, FileTime time) throws IOException {
		Files.createDirectories(this.zip.toPath().getParent());
		try (ZipArchiveOutputStream out = new ZipArchiveOutputStream(this.zip)) {
			ZipArchiveEntry bootstrap = new ZipArchiveEntry("bootstrap");
			bootstrap.setUnixMode(0100755);
			bootstrap.setLastModifiedTime(time);
			out.putArchiveEntry(bootstrap);
			try (InputStream in = LambdaZipMojo.class.getResourceAsStream("bootstrap")) {
				in.transferTo(out);
			}
			out.closeArchiveEntry();
			ZipArchiveEntry libDirectory = new ZipArchiveEntry("lib/");
			libDirectory.setUnixMode(040755);
			libDirectory.setLastModifiedTime(time);
			out.putArchiveEntry(libDirectory);
			out.closeArchiveEntry();
			for (Map.Entry<String, Path> entry : entries.entrySet()) {
				ZipArchiveEntry jar = new ZipArchiveEntry(entry.getKey());
				jar.setUnixMode(0100644);
				jar.setLastModifiedTime(time);
				out.putArchiveEntry(jar);
				Files.copy(entry.getValue(), out);
				out.closeArchiveEntry();
			}
		}
	}

	/**
	 * The reproducible-build timestamp, or the epoch of 2000 when the project sets none.
	 */
	private Instant entryTime() {
		if (this.outputTimestamp != null && !this.outputTimestamp.isBlank()) {
			try {
				return OffsetDateTime.parse(this.outputTimestamp).toInstant();
			}
			catch (DateTimeParseException ex) {
				if (this.outputTimestamp.chars().allMatch(Character::isDigit)) {
					return Instant.ofEpochSecond(Long.parseLong(this.outputTimestamp));
				}
			}
		}
		return Instant.parse("2000-01-01T00:00:00Z");
	}

	static void deleteRecursively(Path path) throws IOException {
		if (!Files.exists(path)) {
			return;
		}
		try (Stream<Path> files = Files.walk(path)) {
			for (Path file : files.sorted((a, b) -> b.compareTo(a)).toList()) {
				Files.delete(file);
			}
		}
	}

}

package dev.fnbridge.lambda.local;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * One Lambda execution environment on this machine: the artifact unzipped as the task
 * root ({@code /var/task} on AWS), AWS's runtime interface client started in its own JVM
 * with only its own jars on the class path (it loads the handler from the task root, as
 * the managed runtime does), and a {@link LocalRuntimeApi} feeding it events.
 */
public final class LocalLambda implements AutoCloseable {

	private static final String RUNTIME_MAIN = "com.amazonaws.services.lambda.runtime.api.client.AWSLambda";

	/** Jars of the runtime side: the client, its dependencies and the core interfaces. */
	private static final List<String> RUNTIME_JARS = List.of("aws-lambda-java-runtime-interface-client",
			"aws-lambda-java-serialization", "utils-lite", "annotations", "aws-lambda-java-core");

	private final LocalRuntimeApi api;

	private final Process process;

	private final Path taskRoot;

	private final boolean ownsTaskRoot;

	private final long launchedNanos;

	private LocalLambda(LocalRuntimeApi api, Process process, Path taskRoot, boolean ownsTaskRoot, long launchedNanos) {
		this.api = api;
		this.process = process;
		this.taskRoot = taskRoot;
		this.ownsTaskRoot = ownsTaskRoot;
		this.launchedNanos = launchedNanos;
	}

	/**
	 * Starts an execution environment.
	 * @param artifact the Lambda zip, or an already unzipped task root
	 * @param handler the handler string, e.g. {@code dev.fnbridge.lambda.FunctionHandler}
	 * @param environment extra environment variables (SPRING_CLOUD_FUNCTION_DEFINITION,
	 * ...)
	 * @param jvmOptions JVM options for the function's JVM (JAVA_TOOL_OPTIONS on AWS)
	 * @param log where the function's stdout and stderr go
	 * @return the running environment
	 * @throws IOException if the artifact cannot be read or the JVM not started
	 */
	public static LocalLambda start(Path artifact, String handler, Map<String, String> environment,
			List<String> jvmOptions, Path log) throws IOException {
		boolean zip = Files.isRegularFile(artifact);
		Path taskRoot = zip ? unzip(artifact) : artifact;
		LocalRuntimeApi api = new LocalRuntimeApi();
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		command.addAll(jvmOptions);
		command.add("-cp");
		command.add(runtimeClassPath());
		command.add(RUNTIME_MAIN);
		command.add(handler);
		// The runtime client loads the handler from its working directory (user.dir), as
		// /var/task.
		ProcessBuilder builder = new ProcessBuilder(command).directory(taskRoot.toFile())
			.redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
		Map<String, String> env = builder.environment();
		env.put("AWS_LAMBDA_RUNTIME_API", api.address());
		env.put("LAMBDA_TASK_ROOT", taskRoot.toString());
		env.put("_HANDLER", handler);
		env.put("AWS_LAMBDA_FUNCTION_NAME", "fnbridge-local");
		env.put("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST");
		env.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "1024");
		env.put("AWS_LAMBDA_LOG_GROUP_NAME", "/aws/lambda/fnbridge-local");
		env.put("AWS_LAMBDA_LOG_STREAM_NAME", "local");
		env.put("AWS_REGION", "us-east-1");
		env.put("AWS_DEFAULT_REGION", "us-east-1");
		env.putAll(environment);
		long launched = System.nanoTime();
		Process process = builder.start();
		return new LocalLambda(api, process, taskRoot, zip, launched);
	}

	/**
	 * Invokes the function once.
	 * @param event the event JSON
	 * @param timeout how long to wait for the answer
	 * @return the answer
	 * @throws TimeoutException if none came in time, or the JVM died
	 */
	public InvocationResult invoke(String event, Duration timeout) throws TimeoutException {
		if (!this.process.isAlive()) {
			throw new TimeoutException("the function's JVM exited with " + this.process.exitValue());
		}
		return this.api.invoke(event, timeout);
	}

	/**
	 * When the function's JVM was launched, for cold-start measurements.
	 * @return {@link System#nanoTime()} at launch
	 */
	public long launchedNanos() {
		return this.launchedNanos;
	}

	/**
	 * The Runtime API this environment talks to.
	 * @return the API
	 */
	public LocalRuntimeApi api() {
		return this.api;
	}

	@Override
	public void close() throws IOException {
		this.process.destroy();
		try {
			if (!this.process.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)) {
				this.process.destroyForcibly();
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		this.api.close();
		if (this.ownsTaskRoot) {
			try (Stream<Path> files = Files.walk(this.taskRoot)) {
				files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
			}
		}
	}

	/**
	 * The runtime client's class path, taken from this JVM's class path.
	 * @return the jars, joined with the path separator
	 */
	static String runtimeClassPath() {
		List<String> jars = new ArrayList<>();
		for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
			String name = Path.of(entry).getFileName().toString();
			if (RUNTIME_JARS.stream().anyMatch(name::startsWith)) {
				jars.add(entry);
			}
		}
		if (jars.stream().noneMatch((jar) -> jar.contains("runtime-interface-client"))) {
			throw new IllegalStateException("aws-lambda-java-runtime-interface-client is not on the class path");
		}
		return String.join(File.pathSeparator, jars);
	}

	private static Path unzip(Path zip) throws IOException {
		Path root = Files.createTempDirectory("fnbridge-task-");
		try (InputStream in = Files.newInputStream(zip); ZipInputStream entries = new ZipInputStream(in)) {
			for (ZipEntry entry = entries.getNextEntry(); entry != null; entry = entries.getNextEntry()) {
				Path target = root.resolve(entry.getName()).normalize();
				if (!target.startsWith(root)) {
					throw new IOException("Zip entry outside the task root: " + entry.getName());
				}
				if (entry.isDirectory()) {
					Files.createDirectories(target);
				}
				else {
					Files.createDirectories(target.getParent());
					Files.copy(entries, target, StandardCopyOption.REPLACE_EXISTING);
				}
			}
		}
		return root;
	}

	/**
	 * Environment variables from {@code KEY=VALUE} strings.
	 * @param pairs the pairs
	 * @return the map
	 */
	static Map<String, String> environment(List<String> pairs) {
		Map<String, String> env = new HashMap<>();
		for (String pair : pairs) {
			int equals = pair.indexOf('=');
			if (equals <= 0) {
				throw new IllegalArgumentException("expected KEY=VALUE, got " + pair);
			}
			env.put(pair.substring(0, equals), pair.substring(equals + 1));
		}
		return env;
	}

}

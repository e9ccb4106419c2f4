package dev.fnbridge.lambda.local;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;

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

	/** A runtime layer unzipped for this environment, removed with it; null otherwise. */
	private Path unzippedRuntime;

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
		return start(artifact, handler, environment, jvmOptions, log, null);
	}

	/**
	 * Starts an execution environment whose process gets only a share of the CPU, as a
	 * Lambda function below 1,769 MB does.
	 * @param artifact the Lambda zip, or an already unzipped task root
	 * @param handler the handler string
	 * @param environment extra environment variables
	 * @param jvmOptions JVM options for the function's JVM
	 * @param log where the function's stdout and stderr go
	 * @param cpuLimit the CPU share, or {@code null} for none
	 * @return the running environment
	 * @throws IOException if the artifact cannot be read or the JVM not started
	 */
	public static LocalLambda start(Path artifact, String handler, Map<String, String> environment,
			List<String> jvmOptions, Path log, CpuLimit cpuLimit) throws IOException {
		boolean zip = Files.isRegularFile(artifact);
		Path taskRoot = zip ? unzip(artifact) : artifact;
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		command.addAll(jvmOptions);
		command.add("-cp");
		command.add(runtimeClassPath());
		command.add(RUNTIME_MAIN);
		command.add(handler);
		return launch(command, taskRoot, zip, handler, environment, log, cpuLimit);
	}

	/**
	 * Starts an execution environment of a custom runtime ({@code provided.al2023} on
	 * AWS): the task root's {@code bootstrap} is run with the JVM options as
	 * {@code JAVA_TOOL_OPTIONS}, as Lambda passes them. The runtime is either a fnbridge
	 * runtime layer (a zip or its unzipped {@code /opt}: {@code java/} and
	 * {@code fnbridge.aot}) or a plain JDK home (no AOT cache).
	 * @param artifact the Lambda zip, or an already unzipped task root, with a
	 * {@code bootstrap}
	 * @param runtime the layer (zip or directory) or a JDK home
	 * @param handler the handler string
	 * @param environment extra environment variables
	 * @param jvmOptions JVM options (JAVA_TOOL_OPTIONS)
	 * @param log where the function's stdout and stderr go
	 * @return the running environment
	 * @throws IOException if the artifact has no bootstrap, the runtime no JDK, or either
	 * cannot be read
	 */
	public static LocalLambda startCustomRuntime(Path artifact, Path runtime, String handler,
			Map<String, String> environment, List<String> jvmOptions, Path log) throws IOException {
		return startCustomRuntime(artifact, runtime, handler, environment, jvmOptions, log, null);
	}

	/**
	 * Starts an execution environment of a custom runtime whose process gets only a share
	 * of the CPU, as a Lambda function below 1,769 MB does.
	 * @param artifact the Lambda zip with its {@code bootstrap}, or its task root
	 * @param runtime a runtime layer zip, its unzipped directory, or a JDK home
	 * @param handler the handler string
	 * @param environment extra environment variables
	 * @param jvmOptions JVM options, passed as {@code JAVA_TOOL_OPTIONS}
	 * @param log where the function's stdout and stderr go
	 * @param cpuLimit the CPU share, or {@code null} for none
	 * @return the running environment
	 * @throws IOException if the artifact has no bootstrap, the runtime no JDK, or either
	 * cannot be read
	 */
	public static LocalLambda startCustomRuntime(Path artifact, Path runtime, String handler,
			Map<String, String> environment, List<String> jvmOptions, Path log, CpuLimit cpuLimit) throws IOException {
		Path opt = Files.isRegularFile(runtime) ? unzip(runtime) : runtime;
		Map<String, String> env = new HashMap<>();
		if (Files.isRegularFile(opt.resolve("java/bin/java"))) {
			env.put("JAVA_HOME", opt.resolve("java").toString());
			env.put("FNBRIDGE_AOT_CACHE", opt.resolve("fnbridge.aot").toString());
		}
		else if (Files.isRegularFile(opt.resolve("bin/java"))) {
			env.put("JAVA_HOME", opt.toString());
			env.put("FNBRIDGE_AOT_CACHE", "");
		}
		else {
			throw new IOException("Neither a runtime layer (java/bin/java) nor a JDK: " + runtime);
		}
		boolean zip = Files.isRegularFile(artifact);
		Path taskRoot = zip ? unzip(artifact) : artifact;
		Path bootstrap = taskRoot.resolve("bootstrap");
		if (!Files.isRegularFile(bootstrap)) {
			throw new IOException("No bootstrap in " + artifact + ": not a custom-runtime artifact");
		}
		env.putAll(environment);
		if (!jvmOptions.isEmpty()) {
			env.put("JAVA_TOOL_OPTIONS", String.join(" ", jvmOptions));
		}
		// Run through sh, as its #! line would, whatever the mode bits of a task
		// directory.
		LocalLambda lambda = launch(List.of("/bin/sh", bootstrap.toString()), taskRoot, zip, handler, env, log,
				cpuLimit);
		if (!opt.equals(runtime)) {
			lambda.unzippedRuntime = opt;
		}
		return lambda;
	}

	private static LocalLambda launch(List<String> command, Path taskRoot, boolean ownsTaskRoot, String handler,
			Map<String, String> environment, Path log, CpuLimit cpuLimit) throws IOException {
		LocalRuntimeApi api = new LocalRuntimeApi();
		if (cpuLimit != null) {
			command = cpuLimit.wrap(command);
		}
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
		Process process;
		try {
			process = builder.start();
		}
		catch (IOException ex) {
			api.close();
			throw ex;
		}
		process.onExit().thenAccept((exited) -> api.runtimeExited(exited.exitValue()));
		return new LocalLambda(api, process, taskRoot, ownsTaskRoot, launched);
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
		stop(Duration.ofSeconds(5));
	}

	/**
	 * Ends the environment as Lambda's shutdown does (SIGTERM), waiting up to
	 * {@code grace} for the JVM to exit before killing it, then removes the task root if
	 * it was unzipped here.
	 * @param grace how long the JVM may take to exit
	 * @throws IOException if the task root cannot be removed
	 */
	public void stop(Duration grace) throws IOException {
		this.process.destroy();
		try {
			if (!this.process.waitFor(grace.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
				this.process.destroyForcibly();
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		this.api.close();
		if (this.ownsTaskRoot) {
			delete(this.taskRoot);
		}
		if (this.unzippedRuntime != null) {
			delete(this.unzippedRuntime);
		}
	}

	/**
	 * Removes a directory and everything in it.
	 * @param directory the directory
	 * @throws IOException if it cannot be walked
	 */
	public static void delete(Path directory) throws IOException {
		try (Stream<Path> files = Files.walk(directory)) {
			files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
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
			if (isRuntimeJar(name)) {
				jars.add(entry);
			}
		}
		if (jars.stream().noneMatch((jar) -> jar.contains("runtime-interface-client"))) {
			throw new IllegalStateException("aws-lambda-java-runtime-interface-client is not on the class path");
		}
		return String.join(File.pathSeparator, jars);
	}

	/**
	 * Whether a jar belongs to the runtime side (the client and what it needs).
	 * @param fileName the jar's file name
	 * @return whether it does
	 */
	public static boolean isRuntimeJar(String fileName) {
		return RUNTIME_JARS.stream().anyMatch(fileName::startsWith);
	}

	/**
	 * Unzips a Lambda artifact or layer as Lambda does: modification times and Unix modes
	 * kept (a JDK AOT cache checks its jars' times; a layer's JDK needs its executable
	 * bits).
	 * @param zip the zip
	 * @return a new temporary directory holding its content
	 * @throws IOException if it cannot be read, or an entry points outside the directory
	 */
	public static Path unzip(Path zip) throws IOException {
		Path root = Files.createTempDirectory("fnbridge-task-");
		try (ZipFile file = ZipFile.builder().setPath(zip).get()) {
			for (ZipArchiveEntry entry : Collections.list(file.getEntriesInPhysicalOrder())) {
				Path target = root.resolve(entry.getName()).normalize();
				if (!target.startsWith(root)) {
					throw new IOException("Zip entry outside the task root: " + entry.getName());
				}
				if (entry.isDirectory()) {
					Files.createDirectories(target);
					continue;
				}
				Files.createDirectories(target.getParent());
				try (InputStream in = file.getInputStream(entry)) {
					Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
				}
				if ((entry.getUnixMode() & 0100) != 0) {
					target.toFile().setExecutable(true, false);
				}
				Files.setLastModifiedTime(target, entry.getLastModifiedTime());
			}
		}
		return root;
	}

	/**
	 * Environment variables from {@code KEY=VALUE} strings.
	 * @param pairs the pairs
	 * @return the map
	 */
	public static Map<String, String> environment(List<String> pairs) {
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

package dev.fnbridge.lambda.local;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;

/**
 * Builds the fnbridge runtime layer for Lambda's custom runtime
 * ({@code provided.al2023}): a trimmed JDK ({@code jlink}) and the JDK's AOT cache of one
 * Lambda artifact, trained by invoking that artifact through its {@code bootstrap}, the
 * runtime interface client and the local Runtime API. The layer unzips to
 * {@code /opt/java} and {@code /opt/fnbridge.aot}; the cache belongs to that JDK and
 * those jars, so the layer is rebuilt with every artifact.
 * <p>
 * {@code RuntimeLayer --artifact fnbridge-lambda.zip --jdk JDK_HOME --output layer.zip
 * [--event file]... [--env K=V]... [--add-modules m1,m2]}
 */
public final class RuntimeLayer {

	/** The JDK modules Spring Boot, Jackson, Hibernate Validator and the tracing need. */
	static final String MODULES = "java.base,java.compiler,java.desktop,java.instrument,java.logging,"
			+ "java.management,java.naming,java.net.http,java.prefs,java.scripting,java.sql,java.xml,jdk.jfr,"
			+ "jdk.management,jdk.unsupported";

	private static final String HANDLER = "dev.fnbridge.lambda.FunctionHandler";

	private RuntimeLayer() {
	}

	public static void main(String[] args) throws Exception {
		Path artifact = null;
		Path jdk = null;
		Path output = null;
		String modules = MODULES;
		List<Path> events = new ArrayList<>();
		List<String> env = new ArrayList<>();
		for (int i = 0; i < args.length; i++) {
			switch (args[i]) {
				case "--artifact" -> artifact = Path.of(args[++i]);
				case "--jdk" -> jdk = Path.of(args[++i]);
				case "--output" -> output = Path.of(args[++i]);
				case "--event" -> events.add(Path.of(args[++i]));
				case "--env" -> env.add(args[++i]);
				case "--add-modules" -> modules = args[++i];
				default -> throw new IllegalArgumentException("unknown option " + args[i]);
			}
		}
		if (artifact == null || jdk == null || output == null || events.isEmpty()) {
			System.err.println("usage: RuntimeLayer --artifact <zip> --jdk <jdk home> --output <layer.zip>"
					+ " --event <file>... [--env K=V]... [--add-modules m1,m2]");
			System.exit(2);
		}
		Path opt = Files.createTempDirectory("fnbridge-layer-");
		jlink(jdk, modules, opt.resolve("java"));
		Path task = LocalLambda.unzip(artifact);
		Map<String, String> environment = LocalLambda.environment(env);
		train(task, opt, events, environment);
		long coldMs = verify(task, opt, events.get(0), environment);
		zip(opt, output);
		long cacheBytes = Files.size(opt.resolve("fnbridge.aot"));
		LocalLambda.delete(opt);
		LocalLambda.delete(task);
		System.out.printf(
				"runtime layer %s: %.1f MB (AOT cache %.1f MB unzipped); first response %d ms after"
						+ " JVM launch with the cache required%n",
				output, Files.size(output) / 1e6, cacheBytes / 1e6, coldMs);
	}

	private static void jlink(Path jdk, String modules, Path target) throws IOException, InterruptedException {
		Process jlink = new ProcessBuilder(jdk.resolve("bin/jlink").toString(), "--add-modules", modules,
				"--strip-debug", "--no-man-pages", "--no-header-files", "--output", target.toString())
			.inheritIO()
			.start();
		if (jlink.waitFor() != 0) {
			throw new IOException("jlink failed with " + jlink.exitValue());
		}
	}

	/**
	 * Runs the artifact on the layer's JDK with {@code -XX:AOTCacheOutput}: the JVM
	 * records what the invocations load and link, and writes the cache when it exits.
	 */
	private static void train(Path task, Path opt, List<Path> events, Map<String, String> env) throws Exception {
		Path log = Files.createTempFile("fnbridge-training-", ".log");
		Path cache = opt.resolve("fnbridge.aot");
		LocalLambda lambda = LocalLambda.startCustomRuntime(task, opt, HANDLER, env,
				List.of("-XX:AOTCacheOutput=" + cache), log);
		try {
			for (Path event : events) {
				InvocationResult result = lambda.invoke(Files.readString(event), Duration.ofMinutes(2));
				System.out.println("training " + event.getFileName() + ": "
						+ (result.error() ? "error " + result.errorType() : "ok"));
			}
		}
		finally {
			// The cache is assembled while the JVM exits: give it the time it needs.
			lambda.stop(Duration.ofMinutes(2));
		}
		if (!Files.isRegularFile(cache)) {
			throw new IOException("The training run wrote no AOT cache; its log: " + log);
		}
	}

	/**
	 * Proves the cache is usable: with {@code -XX:AOTMode=on} the JVM refuses to start
	 * otherwise.
	 */
	private static long verify(Path task, Path opt, Path event, Map<String, String> env) throws Exception {
		Path log = Files.createTempFile("fnbridge-layer-check-", ".log");
		try (LocalLambda lambda = LocalLambda.startCustomRuntime(task, opt, HANDLER, env, List.of("-XX:AOTMode=on"),
				log)) {
			InvocationResult result = lambda.invoke(Files.readString(event), Duration.ofMinutes(2));
			if ("Runtime.ExitError".equals(result.errorType())) {
				throw new IOException("The JVM cannot use the AOT cache it was trained with; log: " + log);
			}
			return (System.nanoTime() - lambda.launchedNanos()) / 1_000_000;
		}
	}

	private static void zip(Path opt, Path output) throws IOException {
		Files.createDirectories(output.toAbsolutePath().getParent());
		try (ZipArchiveOutputStream zip = new ZipArchiveOutputStream(output); Stream<Path> files = Files.walk(opt)) {
			for (Path file : (Iterable<Path>) files.sorted()::iterator) {
				if (file.equals(opt) || Files.isDirectory(file)) {
					continue;
				}
				ZipArchiveEntry entry = new ZipArchiveEntry(file, opt.relativize(file).toString());
				Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
				entry.setUnixMode(permissions.contains(PosixFilePermission.OWNER_EXECUTE) ? 0755 : 0644);
				zip.putArchiveEntry(entry);
				try (InputStream in = Files.newInputStream(file)) {
					in.transferTo(zip);
				}
				zip.closeArchiveEntry();
			}
		}
	}

}

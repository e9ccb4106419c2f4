package dev.fnbridge.benchmark.lambda;

import dev.fnbridge.lambda.local.CpuLimit;
import dev.fnbridge.lambda.local.InvocationResult;
import dev.fnbridge.lambda.local.LocalLambda;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Cold and warm latency of a Lambda artifact against the floor (a Spring-less handler
 * doing the same JSON work), measured in one run through the same runtime client and
 * Runtime API.
 * <p>
 * Cold: JVM launch to first response, the median of {@code runs} fresh environments each.
 * Warm: the p50 of {@code warm} invocations after {@code --warm-up} ones (1,000 by
 * default: with C1 alone a method is compiled after a few hundred calls, and a path as
 * long as fnbridge's is still being compiled at 50), both environments up and invoked in
 * alternation. Prints both and the ratios.
 * <p>
 * {@code ColdStartBenchmark <artifact.zip> <event.json> [runs] [warm] [ENV=VALUE ...]
 * [--jvm-option OPTION ...] [--custom-runtime layer.zip] [--memory MB] [--warm-up N]}: by
 * default both run as on a managed Java runtime, on this JVM; with a runtime layer both
 * run through the artifact's bootstrap on the layer's JDK, each with its own AOT cache,
 * and the floor once more without one. With a memory size, both get what Lambda gives a
 * function of that size: {@code MB / 1769} of a CPU (a cgroup quota: root only), two
 * visible processors, and that much memory as the machine's.
 * <p>
 * A third handler, {@link BootReferenceHandler} (the floor's work with the greeting from
 * the one bean of an otherwise empty Spring Boot application), is measured alongside,
 * with its own AOT cache on the custom runtime: it separates what Spring Boot itself
 * costs from what fnbridge adds.
 */
public final class ColdStartBenchmark {

	private static final String HANDLER = "dev.fnbridge.lambda.FunctionHandler";

	/** Temporary task roots, layers and caches, removed when the benchmark ends. */
	private static final List<Path> TEMPORARY = new ArrayList<>();

	static {
		Runtime.getRuntime().addShutdownHook(new Thread(ColdStartBenchmark::removeTemporary));
	}

	private ColdStartBenchmark() {
	}

	public static void main(String[] args) throws Exception {
		Path artifact = Path.of(args[0]);
		String event = Files.readString(Path.of(args[1]));
		int runs = (args.length > 2) ? Integer.parseInt(args[2]) : 5;
		int warm = (args.length > 3) ? Integer.parseInt(args[3]) : 500;
		List<String> env = new ArrayList<>();
		List<String> jvm = new ArrayList<>();
		Path layer = null;
		int memory = 0;
		int warmUp = 1000;
		for (int i = 4; i < args.length; i++) {
			if (args[i].equals("--warm-up")) {
				warmUp = Integer.parseInt(args[++i]);
			}
			else if (args[i].equals("--jvm-option")) {
				jvm.add(args[++i]);
			}
			else if (args[i].equals("--custom-runtime")) {
				layer = Path.of(args[++i]);
			}
			else if (args[i].equals("--memory")) {
				memory = Integer.parseInt(args[++i]);
			}
			else {
				env.add(args[i]);
			}
		}
		Map<String, String> environment = LocalLambda.environment(env);
		// Lambda's sandbox: memory / 1,769 MB of a vCPU, two visible processors, and the
		// function's memory as the machine's.
		CpuLimit cpu = (memory > 0) ? CpuLimit.ofLambdaMemory(memory) : null;
		if (memory > 0) {
			jvm.addAll(CpuLimit.lambdaJvmOptions(memory));
		}
		Path log = Files.createTempFile("cold-start-", ".log");
		Launcher fnbridge;
		Launcher floor;
		Launcher floorWithoutCache = null;
		Launcher boot;
		if (layer == null) {
			Path floorRoot = floorTaskRoot(false);
			Path bootRoot = bootTaskRoot(false);
			fnbridge = (out) -> LocalLambda.start(artifact, HANDLER, environment, jvm, out, cpu);
			floor = (out) -> LocalLambda.start(floorRoot, FloorHandler.class.getName(), Map.of(), jvm, out, cpu);
			boot = (out) -> LocalLambda.start(bootRoot, BootReferenceHandler.class.getName(), Map.of(), jvm, out, cpu);
		}
		else {
			// The custom runtime: both on the layer's JDK, each with an AOT cache of its
			// own
			// (the floor's trained here the same way), and the floor once more without
			// one.
			Path opt = Files.isRegularFile(layer) ? temporary(LocalLambda.unzip(layer)) : layer;
			Path floorRoot = floorTaskRoot(true);
			Files.copy(bootstrapOf(artifact), floorRoot.resolve("bootstrap"));
			Path floorCache = train(floorRoot, FloorHandler.class, opt, event, log);
			Path bootRoot = bootTaskRoot(true);
			Files.copy(bootstrapOf(artifact), bootRoot.resolve("bootstrap"));
			Path bootCache = train(bootRoot, BootReferenceHandler.class, opt, event, log);
			fnbridge = (out) -> LocalLambda.startCustomRuntime(artifact, opt, HANDLER, environment, jvm, out, cpu);
			floor = (out) -> LocalLambda.startCustomRuntime(floorRoot, opt, FloorHandler.class.getName(),
					Map.of("FNBRIDGE_AOT_CACHE", floorCache.toString()), jvm, out, cpu);
			floorWithoutCache = (out) -> LocalLambda.startCustomRuntime(floorRoot, opt, FloorHandler.class.getName(),
					Map.of("FNBRIDGE_AOT_CACHE", ""), jvm, out, cpu);
			boot = (out) -> LocalLambda.startCustomRuntime(bootRoot, opt, BootReferenceHandler.class.getName(),
					Map.of("FNBRIDGE_AOT_CACHE", bootCache.toString()), jvm, out, cpu);
		}
		double[] fnbridgeCold = new double[runs];
		double[] floorCold = new double[runs];
		double[] floorPlainCold = new double[runs];
		double[] bootCold = new double[runs];
		for (int i = 0; i < runs; i++) {
			// Alternate, so drift on the machine hits all alike.
			fnbridgeCold[i] = cold(fnbridge, event, log);
			floorCold[i] = cold(floor, event, log);
			if (floorWithoutCache != null) {
				floorPlainCold[i] = cold(floorWithoutCache, event, log);
			}
			bootCold[i] = cold(boot, event, log);
		}
		double[] warmP50 = warm(fnbridge, floor, event, warmUp, warm, log);
		double fnbridgeWarm = warmP50[0];
		double floorWarm = warmP50[1];
		double fnbridgeMedian = median(fnbridgeCold);
		System.out.printf("cold start (JVM launch -> first response), median of %d:%n", runs);
		row("fnbridge" + ((layer != null) ? ", with its AOT cache" : ""), fnbridgeCold, "");
		// The floor as a Spring-less handler is deployed: on the custom runtime that is
		// without an AOT cache, which only a build like fnbridge's trains.
		double[] plainFloor = (floorWithoutCache != null) ? floorPlainCold : floorCold;
		row("floor (Spring-less handler)", plainFloor,
				String.format("fnbridge ratio %.2f", fnbridgeMedian / median(plainFloor)));
		if (floorWithoutCache != null) {
			row("floor with an AOT cache of its own", floorCold,
					String.format("fnbridge ratio %.2f", fnbridgeMedian / median(floorCold)));
		}
		row("Spring Boot reference" + ((layer != null) ? ", its own AOT cache" : ""), bootCold,
				String.format("fnbridge ratio %.2f; its ratio to the floor%s %.2f", fnbridgeMedian / median(bootCold),
						(layer != null) ? " with a cache" : "", median(bootCold) / median(floorCold)));
		System.out.printf(
				"warm p50 of %d invocations after %d to warm up: fnbridge %.3f ms, floor %.3f ms, ratio %.2f%n", warm,
				warmUp, fnbridgeWarm, floorWarm, fnbridgeWarm / floorWarm);
		System.out.println("runtime: " + ((layer != null) ? "custom, layer " + layer : "managed-style, this JDK")
				+ ((cpu != null) ? String.format("; %d MB: %.2f of a CPU", memory, cpu.cpus()) : "") + "; jvm options: "
				+ jvm + "; function log: " + log);
		if (cpu != null) {
			cpu.close();
		}
	}

	private static void row(String label, double[] runs, String ratio) {
		String line = String.format("  %-40s %5.0f ms %-36s %s", label + ":", median(runs),
				Arrays.toString(round(runs)), ratio);
		System.out.println(line.stripTrailing());
	}

	/** Starts one execution environment. */
	@FunctionalInterface
	private interface Launcher {

		LocalLambda start(Path log) throws IOException;

	}

	private static double cold(Launcher launcher, String event, Path log) throws Exception {
		try (LocalLambda lambda = launcher.start(log)) {
			InvocationResult result = lambda.invoke(event, Duration.ofMinutes(2));
			double ms = (System.nanoTime() - lambda.launchedNanos()) / 1e6;
			check(result);
			return ms;
		}
	}

	/**
	 * Warm p50 of both, measured in alternation (one invocation each in turn, both
	 * environments up), so that drift on the machine hits both alike.
	 */
	private static double[] warm(Launcher fnbridge, Launcher floor, String event, int warmUp, int count, Path log)
			throws Exception {
		try (LocalLambda first = fnbridge.start(log)) {
			for (int i = 0; i < warmUp; i++) {
				check(first.invoke(event, Duration.ofMinutes(2)));
			}
			// Started only now: the runtime client unpacks its native library to a fixed
			// /tmp path at start-up, which two starting clients would race on.
			try (LocalLambda second = floor.start(log)) {
				for (int i = 0; i < warmUp; i++) {
					check(second.invoke(event, Duration.ofMinutes(2)));
				}
				return alternate(first, second, event, count);
			}
		}
	}

	private static double[] alternate(LocalLambda first, LocalLambda second, String event, int count) throws Exception {
		double[] firstTimes = new double[count];
		double[] secondTimes = new double[count];
		for (int i = 0; i < count; i++) {
			firstTimes[i] = timed(first, event);
			secondTimes[i] = timed(second, event);
		}
		return new double[] { median(firstTimes), median(secondTimes) };
	}

	private static double timed(LocalLambda lambda, String event) throws Exception {
		long start = System.nanoTime();
		check(lambda.invoke(event, Duration.ofMinutes(1)));
		return (System.nanoTime() - start) / 1e6;
	}

	/**
	 * A reference handler's AOT cache, trained like the layer's: the same event, the same
	 * JDK.
	 */
	private static Path train(Path root, Class<?> handler, Path opt, String event, Path log) throws Exception {
		Path cache = temporary(Files.createTempDirectory("reference-cache-")).resolve("reference.aot");
		LocalLambda lambda = LocalLambda.startCustomRuntime(root, opt, handler.getName(),
				Map.of("FNBRIDGE_AOT_CACHE", ""), List.of("-XX:AOTCacheOutput=" + cache), log);
		try {
			for (int i = 0; i < 3; i++) {
				check(lambda.invoke(event, Duration.ofMinutes(1)));
			}
		}
		finally {
			lambda.stop(Duration.ofMinutes(1));
		}
		if (!Files.isRegularFile(cache)) {
			throw new IOException("no AOT cache written for " + handler.getSimpleName() + "; log: " + log);
		}
		return cache;
	}

	private static Path temporary(Path directory) {
		synchronized (TEMPORARY) {
			TEMPORARY.add(directory);
		}
		return directory;
	}

	private static void removeTemporary() {
		synchronized (TEMPORARY) {
			for (Path directory : TEMPORARY) {
				try {
					LocalLambda.delete(directory);
				}
				catch (IOException ex) {
					// Best effort: it is in the temporary directory.
				}
			}
		}
	}

	/** The artifact's bootstrap, read from the zip without unpacking the rest. */
	private static Path bootstrapOf(Path artifact) throws IOException {
		if (!Files.isRegularFile(artifact)) {
			return artifact.resolve("bootstrap");
		}
		Path bootstrap = temporary(Files.createTempDirectory("bootstrap-")).resolve("bootstrap");
		try (ZipFile zip = new ZipFile(artifact.toFile())) {
			ZipEntry entry = zip.getEntry("bootstrap");
			if (entry == null) {
				throw new IOException("No bootstrap in " + artifact);
			}
			try (InputStream in = zip.getInputStream(entry)) {
				Files.copy(in, bootstrap);
			}
		}
		return bootstrap;
	}

	private static void check(InvocationResult result) {
		if (result.error() || !result.body().contains("\"statusCode\":200")) {
			throw new IllegalStateException("answered " + result.body());
		}
	}

	private static double median(double[] values) {
		double[] sorted = values.clone();
		Arrays.sort(sorted);
		int middle = sorted.length / 2;
		return (sorted.length % 2 == 1) ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
	}

	private static long[] round(double[] values) {
		return Arrays.stream(values).mapToLong(Math::round).toArray();
	}

	/**
	 * A task root holding the floor handler and the Jackson jars it needs; for the custom
	 * runtime, everything in jars under lib/ (an AOT cache holds no classes from
	 * directories) with the runtime client beside them, as in the fnbridge zip.
	 */
	private static Path floorTaskRoot(boolean customRuntime) throws IOException {
		return taskRoot(customRuntime, List.of(FloorHandler.class),
				(name) -> name.startsWith("jackson-") || (customRuntime && LocalLambda.isRuntimeJar(name)));
	}

	/**
	 * A task root holding the Spring Boot reference and the jars of
	 * {@code spring-boot-starter} and Jackson, as this benchmark's class path has them.
	 */
	private static Path bootTaskRoot(boolean customRuntime) throws IOException {
		return taskRoot(customRuntime,
				List.of(BootReferenceHandler.class, BootReferenceHandler.Greeting.class, FloorHandler.class),
				(name) -> !name.startsWith("commons-compress") && (customRuntime || !LocalLambda.isRuntimeJar(name)));
	}

	private static Path taskRoot(boolean customRuntime, List<Class<?>> classes, Predicate<String> jars)
			throws IOException {
		Path root = temporary(Files.createTempDirectory("reference-task-"));
		Path lib = Files.createDirectories(root.resolve("lib"));
		if (customRuntime) {
			try (JarOutputStream jar = new JarOutputStream(Files.newOutputStream(lib.resolve("reference.jar")))) {
				for (Class<?> type : classes) {
					jar.putNextEntry(new JarEntry(classFile(type)));
					try (InputStream in = classBytes(type)) {
						in.transferTo(jar);
					}
					jar.closeEntry();
				}
			}
		}
		else {
			for (Class<?> type : classes) {
				Path target = root.resolve(classFile(type));
				Files.createDirectories(target.getParent());
				try (InputStream in = classBytes(type)) {
					Files.copy(in, target);
				}
			}
		}
		for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
			Path jar = Path.of(entry);
			String name = jar.getFileName().toString();
			if (name.endsWith(".jar") && jars.test(name)) {
				Files.copy(jar, lib.resolve(jar.getFileName()), StandardCopyOption.COPY_ATTRIBUTES);
			}
		}
		return root;
	}

	private static String classFile(Class<?> type) {
		return type.getName().replace('.', '/') + ".class";
	}

	private static InputStream classBytes(Class<?> type) {
		return ColdStartBenchmark.class.getClassLoader().getResourceAsStream(classFile(type));
	}

}

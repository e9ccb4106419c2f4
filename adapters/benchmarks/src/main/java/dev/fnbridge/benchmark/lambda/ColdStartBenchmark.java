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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.stream.Stream;
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
 * long as fnbridge's is still being compiled at 50), all environments up and invoked in
 * alternation. Prints both and the ratios.
 * <p>
 * {@code ColdStartBenchmark <artifact.zip> <event.json> [runs] [warm] [ENV=VALUE ...]
 * [--jvm-option OPTION ...] [--custom-runtime layer.zip] [--memory MB] [--warm-up N]
 * [--peers DIR|none] [--peer-jdk JDK]}: by default both run as on a managed Java runtime,
 * on this JVM; with a runtime layer both run through the artifact's bootstrap on the
 * layer's JDK, each with its own AOT cache, and the floor once more without one. With a
 * memory size, both get what Lambda gives a function of that size: {@code MB / 1769} of a
 * CPU (a cgroup quota: root only), two visible processors, and that much memory as the
 * machine's.
 * <p>
 * A third handler, {@link BootReferenceHandler} (the floor's work with the greeting from
 * the one bean of an otherwise empty Spring Boot application), is measured alongside,
 * with its own AOT cache on the custom runtime: it separates what Spring Boot itself
 * costs from what fnbridge adds.
 * <p>
 * Peers ({@code --peers DIR}, {@code none} for none): the same {@code hello} built with
 * other frameworks by {@code adapters/benchmarks/peers/build-peers.sh}, one directory
 * each under {@code DIR} holding a task root ({@code task/}, laid out as the managed
 * runtime unpacks a zip) and a {@code peer.properties} ({@code label}, {@code handler},
 * {@code env.NAME} lines). Each is started in every round with the same JVM options and
 * CPU share; on the custom runtime with fnbridge's bootstrap and an AOT cache of its own,
 * trained like the floor's; a peer that needs a JDK module the layer's JDK lacks
 * ({@code modules=} in its description) runs there on {@code --peer-jdk}, or not at all.
 * Every contender's warm p50 is measured in the same alternation.
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
		Path peersDirectory = null;
		Path peerJdk = null;
		for (int i = 4; i < args.length; i++) {
			if (args[i].equals("--peer-jdk")) {
				peerJdk = Path.of(args[++i]);
			}
			else if (args[i].equals("--peers")) {
				String value = args[++i];
				peersDirectory = value.equals("none") ? null : Path.of(value);
			}
			else if (args[i].equals("--warm-up")) {
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
		List<Peer> peers = (peersDirectory != null) ? Peer.read(peersDirectory) : List.of();
		Launcher fnbridge;
		Launcher floor;
		Launcher floorWithoutCache = null;
		Launcher boot;
		List<Launcher> peerLaunchers = new ArrayList<>();
		if (layer == null) {
			Path floorRoot = floorTaskRoot(false);
			Path bootRoot = bootTaskRoot(false);
			fnbridge = (out) -> LocalLambda.start(artifact, HANDLER, environment, jvm, out, cpu);
			floor = (out) -> LocalLambda.start(floorRoot, FloorHandler.class.getName(), Map.of(), jvm, out, cpu);
			boot = (out) -> LocalLambda.start(bootRoot, BootReferenceHandler.class.getName(), Map.of(), jvm, out, cpu);
			for (Peer peer : peers) {
				peerLaunchers.add(
						(out) -> LocalLambda.start(peer.taskRoot(), peer.handler(), peer.environment(), jvm, out, cpu));
			}
		}
		else {
			// The custom runtime: all on the layer's JDK, each with an AOT cache of its
			// own (the references' and peers' trained here the same way), and the floor
			// once more without one.
			Path opt = Files.isRegularFile(layer) ? temporary(LocalLambda.unzip(layer)) : layer;
			Path bootstrap = bootstrapOf(artifact);
			Path floorRoot = floorTaskRoot(true);
			Files.copy(bootstrap, floorRoot.resolve("bootstrap"));
			Path floorCache = train(floorRoot, FloorHandler.class.getName(), Map.of(), opt, event, log);
			Path bootRoot = bootTaskRoot(true);
			Files.copy(bootstrap, bootRoot.resolve("bootstrap"));
			Path bootCache = train(bootRoot, BootReferenceHandler.class.getName(), Map.of(), opt, event, log);
			fnbridge = (out) -> LocalLambda.startCustomRuntime(artifact, opt, HANDLER, environment, jvm, out, cpu);
			floor = (out) -> LocalLambda.startCustomRuntime(floorRoot, opt, FloorHandler.class.getName(),
					Map.of("FNBRIDGE_AOT_CACHE", floorCache.toString()), jvm, out, cpu);
			floorWithoutCache = (out) -> LocalLambda.startCustomRuntime(floorRoot, opt, FloorHandler.class.getName(),
					Map.of("FNBRIDGE_AOT_CACHE", ""), jvm, out, cpu);
			boot = (out) -> LocalLambda.startCustomRuntime(bootRoot, opt, BootReferenceHandler.class.getName(),
					Map.of("FNBRIDGE_AOT_CACHE", bootCache.toString()), jvm, out, cpu);
			List<String> layerModules = modules(opt.resolve("java"));
			List<Peer> runnable = new ArrayList<>();
			for (Peer peer : peers) {
				// A peer that needs a JDK module the layer's jlinked JDK leaves out runs
				// on
				// the full JDK given (the same build), with its own cache all the same.
				Path jdk = opt;
				if (!layerModules.containsAll(peer.modules())) {
					if (peerJdk == null) {
						System.out.printf("not measured on the custom runtime: %s (needs %s, not in the layer's JDK;"
								+ " --peer-jdk JDK runs it on a full JDK)%n", peer.label(), peer.modules());
						continue;
					}
					jdk = peerJdk;
					peer = peer.onFullJdk();
				}
				Path peerRoot = customRuntimeTaskRoot(peer.taskRoot(), bootstrap);
				Map<String, String> peerEnvironment = new HashMap<>(peer.environment());
				peerEnvironment.put("FNBRIDGE_AOT_CACHE",
						train(peerRoot, peer.handler(), peer.environment(), jdk, event, log).toString());
				Path runtime = jdk;
				String handler = peer.handler();
				peerLaunchers.add((out) -> LocalLambda.startCustomRuntime(peerRoot, runtime, handler, peerEnvironment,
						jvm, out, cpu));
				runnable.add(peer);
			}
			peers = runnable;
		}
		double[] fnbridgeCold = new double[runs];
		double[] floorCold = new double[runs];
		double[] floorPlainCold = new double[runs];
		double[] bootCold = new double[runs];
		double[][] peerCold = new double[peers.size()][runs];
		for (int i = 0; i < runs; i++) {
			// Alternate, so drift on the machine hits all alike.
			fnbridgeCold[i] = cold(fnbridge, event, log);
			floorCold[i] = cold(floor, event, log);
			if (floorWithoutCache != null) {
				floorPlainCold[i] = cold(floorWithoutCache, event, log);
			}
			bootCold[i] = cold(boot, event, log);
			for (int p = 0; p < peers.size(); p++) {
				peerCold[p][i] = cold(peerLaunchers.get(p), event, log);
			}
		}
		List<Launcher> warmed = new ArrayList<>(List.of(fnbridge, floor, boot));
		warmed.addAll(peerLaunchers);
		double[] warmP50 = warm(warmed, event, warmUp, warm, log);
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
		for (int p = 0; p < peers.size(); p++) {
			row(peers.get(p).label() + ((layer != null) ? ", its own AOT cache" : ""), peerCold[p],
					String.format("fnbridge ratio %.2f; its ratio to the floor%s %.2f",
							fnbridgeMedian / median(peerCold[p]), (layer != null) ? " with a cache" : "",
							median(peerCold[p]) / median(floorCold)));
		}
		System.out.printf(
				"warm p50 of %d invocations after %d to warm up: fnbridge %.3f ms, floor %.3f ms, ratio %.2f%n", warm,
				warmUp, fnbridgeWarm, floorWarm, fnbridgeWarm / floorWarm);
		warmRow("Spring Boot reference", warmP50[2], fnbridgeWarm, floorWarm);
		for (int p = 0; p < peers.size(); p++) {
			warmRow(peers.get(p).label(), warmP50[3 + p], fnbridgeWarm, floorWarm);
		}
		System.out.println("runtime: " + ((layer != null) ? "custom, layer " + layer : "managed-style, this JDK")
				+ ((cpu != null) ? String.format("; %d MB: %.2f of a CPU", memory, cpu.cpus()) : "") + "; jvm options: "
				+ jvm + ((peersDirectory != null) ? "; peers: " + peersDirectory : "") + "; function log: " + log);
		if (cpu != null) {
			cpu.close();
		}
	}

	private static void warmRow(String label, double p50, double fnbridge, double floor) {
		System.out.printf("  %-40s %.3f ms   fnbridge ratio %.2f; its ratio to the floor %.2f%n", label + ":", p50,
				fnbridge / p50, p50 / floor);
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
	 * Warm p50 of each, measured in alternation (one invocation each in turn, all
	 * environments up), so that drift on the machine hits all alike.
	 */
	private static double[] warm(List<Launcher> launchers, String event, int warmUp, int count, Path log)
			throws Exception {
		List<LocalLambda> running = new ArrayList<>();
		try {
			for (Launcher launcher : launchers) {
				// One after the other: the runtime client unpacks its native library to
				// a fixed /tmp path at start-up, which two starting clients would race
				// on.
				LocalLambda lambda = launcher.start(log);
				running.add(lambda);
				for (int i = 0; i < warmUp; i++) {
					check(lambda.invoke(event, Duration.ofMinutes(2)));
				}
			}
			double[][] times = new double[running.size()][count];
			for (int i = 0; i < count; i++) {
				for (int l = 0; l < running.size(); l++) {
					times[l][i] = timed(running.get(l), event);
				}
			}
			return Arrays.stream(times).mapToDouble(ColdStartBenchmark::median).toArray();
		}
		finally {
			for (LocalLambda lambda : running) {
				lambda.close();
			}
		}
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
	private static Path train(Path root, String handler, Map<String, String> environment, Path opt, String event,
			Path log) throws Exception {
		Path cache = temporary(Files.createTempDirectory("reference-cache-")).resolve("reference.aot");
		Map<String, String> training = new HashMap<>(environment);
		training.put("FNBRIDGE_AOT_CACHE", "");
		LocalLambda lambda = LocalLambda.startCustomRuntime(root, opt, handler, training,
				List.of("-XX:AOTCacheOutput=" + cache), log);
		try {
			for (int i = 0; i < 3; i++) {
				check(lambda.invoke(event, Duration.ofMinutes(1)));
			}
		}
		finally {
			lambda.stop(Duration.ofMinutes(1));
		}
		if (!Files.isRegularFile(cache)) {
			throw new IOException("no AOT cache written for " + handler + "; log: " + log);
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

	/**
	 * A peer's task root made fit for the custom runtime, as the floor's is: everything
	 * in jars under lib/ (an AOT cache holds no classes from directories), the root's
	 * classes and resources in {@code lib/0-task-root.jar} (first on the sorted class
	 * path, where the managed runtime puts the root), the peer's own copies of the
	 * runtime client's jars replaced by the client this benchmark runs, and fnbridge's
	 * bootstrap.
	 */
	private static Path customRuntimeTaskRoot(Path taskRoot, Path bootstrap) throws IOException {
		Path root = temporary(Files.createTempDirectory("peer-task-"));
		Path lib = Files.createDirectories(root.resolve("lib"));
		Path peerLib = taskRoot.resolve("lib");
		try (Stream<Path> jars = Files.list(peerLib)) {
			for (Path jar : (Iterable<Path>) jars::iterator) {
				String name = jar.getFileName().toString();
				if (name.endsWith(".jar") && !isRuntimeJar(name)) {
					Files.copy(jar, lib.resolve(name), StandardCopyOption.COPY_ATTRIBUTES);
				}
			}
		}
		try (JarOutputStream jar = new JarOutputStream(Files.newOutputStream(lib.resolve("0-task-root.jar")));
				Stream<Path> files = Files.walk(taskRoot)) {
			for (Path file : (Iterable<Path>) files.sorted()::iterator) {
				if (file.equals(taskRoot) || file.startsWith(peerLib)
						|| file.equals(taskRoot.resolve("META-INF/MANIFEST.MF"))) {
					continue;
				}
				String name = taskRoot.relativize(file).toString().replace(File.separatorChar, '/');
				// Directory entries too: Micronaut lists its service directories.
				boolean directory = Files.isDirectory(file);
				jar.putNextEntry(new JarEntry(directory ? name + "/" : name));
				if (!directory) {
					Files.copy(file, jar);
				}
				jar.closeEntry();
			}
		}
		for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
			Path jar = Path.of(entry);
			if (LocalLambda.isRuntimeJar(jar.getFileName().toString())) {
				Files.copy(jar, lib.resolve(jar.getFileName()), StandardCopyOption.COPY_ATTRIBUTES);
			}
		}
		Files.copy(bootstrap, root.resolve("bootstrap"));
		return root;
	}

	/**
	 * Whether a jar is one of the runtime client's, also under a name prefixed with its
	 * group, as Quarkus names them.
	 */
	private static boolean isRuntimeJar(String name) {
		return LocalLambda.isRuntimeJar(name) || LocalLambda.isRuntimeJar(name.replaceFirst("^com\\.amazonaws\\.", ""))
				|| LocalLambda.isRuntimeJar(name.replaceFirst("^software\\.amazon\\.awssdk\\.", ""));
	}

	/** The modules of a JDK, from its {@code release} file; none if it has none. */
	private static List<String> modules(Path jdk) throws IOException {
		Path release = jdk.resolve("release");
		if (!Files.isRegularFile(release)) {
			return List.of();
		}
		Properties properties = new Properties();
		try (InputStream in = Files.newInputStream(release)) {
			properties.load(in);
		}
		return List.of(properties.getProperty("MODULES", "").replace("\"", "").trim().split("\\s+"));
	}

	/**
	 * A peer built by {@code adapters/benchmarks/peers/build-peers.sh}.
	 *
	 * @param label how the results name it
	 * @param taskRoot its task root, as the managed runtime unpacks its zip
	 * @param handler its handler string
	 * @param environment the environment variables it is deployed with
	 * @param modules the JDK modules it needs beyond those of fnbridge's runtime layer
	 */
	record Peer(String label, Path taskRoot, String handler, Map<String, String> environment, List<String> modules) {

		/**
		 * This peer, labelled as run on a full JDK.
		 * @return the peer
		 */
		Peer onFullJdk() {
			return new Peer(this.label + " (full JDK)", this.taskRoot, this.handler, this.environment, this.modules);
		}

		/**
		 * The peers in a directory: each subdirectory with a {@code peer.properties} and
		 * a {@code task/}, in the order of their names.
		 * @param directory the directory
		 * @return the peers; none if the directory has none
		 * @throws IOException if a description cannot be read or names no handler
		 */
		static List<Peer> read(Path directory) throws IOException {
			List<Peer> peers = new ArrayList<>();
			if (!Files.isDirectory(directory)) {
				throw new IOException(
						"No peers directory " + directory + " (build them: adapters/benchmarks/peers/build-peers.sh)");
			}
			try (Stream<Path> entries = Files.list(directory)) {
				for (Path peer : (Iterable<Path>) entries.sorted()::iterator) {
					Path description = peer.resolve("peer.properties");
					if (!Files.isRegularFile(description) || !Files.isDirectory(peer.resolve("task"))) {
						continue;
					}
					Properties properties = new Properties();
					try (InputStream in = Files.newInputStream(description)) {
						properties.load(in);
					}
					String handler = properties.getProperty("handler");
					if (handler == null) {
						throw new IOException("No handler in " + description);
					}
					Map<String, String> environment = new TreeMap<>();
					for (String key : properties.stringPropertyNames()) {
						if (key.startsWith("env.")) {
							environment.put(key.substring(4), properties.getProperty(key));
						}
					}
					String modules = properties.getProperty("modules", "").trim();
					peers.add(new Peer(properties.getProperty("label", peer.getFileName().toString()),
							peer.resolve("task"), handler, Map.copyOf(environment),
							modules.isEmpty() ? List.of() : List.of(modules.split("\\s*,\\s*"))));
				}
			}
			return peers;
		}

	}

	private static String classFile(Class<?> type) {
		return type.getName().replace('.', '/') + ".class";
	}

	private static InputStream classBytes(Class<?> type) {
		return ColdStartBenchmark.class.getClassLoader().getResourceAsStream(classFile(type));
	}

}

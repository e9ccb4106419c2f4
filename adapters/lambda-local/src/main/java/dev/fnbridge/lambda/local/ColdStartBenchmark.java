package dev.fnbridge.lambda.local;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Cold and warm latency of a Lambda artifact against the floor (a Spring-less handler
 * doing the same JSON work), measured in one run through the same runtime client and
 * Runtime API.
 * <p>
 * Cold: JVM launch to first response, the median of {@code runs} fresh environments each.
 * Warm: the p50 of {@code warm} invocations after 50 warm-up ones. Prints both and the
 * ratios.
 * <p>
 * {@code ColdStartBenchmark <artifact.zip> <event.json> [runs] [warm] [ENV=VALUE ...]
 * [--jvm-option OPTION ...]}
 */
public final class ColdStartBenchmark {

	private ColdStartBenchmark() {
	}

	public static void main(String[] args) throws Exception {
		Path artifact = Path.of(args[0]);
		String event = Files.readString(Path.of(args[1]));
		int runs = (args.length > 2) ? Integer.parseInt(args[2]) : 5;
		int warm = (args.length > 3) ? Integer.parseInt(args[3]) : 500;
		List<String> env = new ArrayList<>();
		List<String> jvm = new ArrayList<>();
		for (int i = 4; i < args.length; i++) {
			if (args[i].equals("--jvm-option")) {
				jvm.add(args[++i]);
			}
			else {
				env.add(args[i]);
			}
		}
		Path floor = floorTaskRoot();
		Map<String, String> environment = LocalLambda.environment(env);
		Path log = Files.createTempFile("cold-start-", ".log");
		double[] fnbridgeCold = new double[runs];
		double[] floorCold = new double[runs];
		for (int i = 0; i < runs; i++) {
			// Alternate, so drift on the machine hits both alike.
			fnbridgeCold[i] = cold(artifact, "dev.fnbridge.lambda.FunctionHandler", environment, jvm, event, log);
			floorCold[i] = cold(floor, FloorHandler.class.getName(), Map.of(), jvm, event, log);
		}
		double fnbridgeWarm = warm(artifact, "dev.fnbridge.lambda.FunctionHandler", environment, jvm, event, warm, log);
		double floorWarm = warm(floor, FloorHandler.class.getName(), Map.of(), jvm, event, warm, log);
		double coldRatio = median(fnbridgeCold) / median(floorCold);
		double warmRatio = fnbridgeWarm / floorWarm;
		System.out.printf(
				"cold start (JVM launch -> first response), median of %d: fnbridge %.0f ms, floor %.0f ms, ratio %.2f%n",
				runs, median(fnbridgeCold), median(floorCold), coldRatio);
		System.out.printf("  fnbridge runs: %s%n  floor runs:    %s%n", Arrays.toString(round(fnbridgeCold)),
				Arrays.toString(round(floorCold)));
		System.out.printf("warm p50 of %d invocations: fnbridge %.3f ms, floor %.3f ms, ratio %.2f%n", warm,
				fnbridgeWarm, floorWarm, warmRatio);
		System.out.println("jvm options: " + jvm + "; function log: " + log);
	}

	private static double cold(Path artifact, String handler, Map<String, String> env, List<String> jvm, String event,
			Path log) throws Exception {
		try (LocalLambda lambda = LocalLambda.start(artifact, handler, env, jvm, log)) {
			InvocationResult result = lambda.invoke(event, Duration.ofMinutes(2));
			double ms = (System.nanoTime() - lambda.launchedNanos()) / 1e6;
			check(result, handler);
			return ms;
		}
	}

	private static double warm(Path artifact, String handler, Map<String, String> env, List<String> jvm, String event,
			int count, Path log) throws Exception {
		try (LocalLambda lambda = LocalLambda.start(artifact, handler, env, jvm, log)) {
			for (int i = 0; i < 50; i++) {
				check(lambda.invoke(event, Duration.ofMinutes(2)), handler);
			}
			double[] times = new double[count];
			for (int i = 0; i < count; i++) {
				long start = System.nanoTime();
				check(lambda.invoke(event, Duration.ofMinutes(1)), handler);
				times[i] = (System.nanoTime() - start) / 1e6;
			}
			return median(times);
		}
	}

	private static void check(InvocationResult result, String handler) {
		if (result.error() || !result.body().contains("\"statusCode\":200")) {
			throw new IllegalStateException(handler + " answered " + result.body());
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

	/** A task root holding the floor handler and the Jackson jars it needs. */
	private static Path floorTaskRoot() throws IOException {
		Path root = Files.createTempDirectory("floor-task-");
		String classFile = FloorHandler.class.getName().replace('.', '/') + ".class";
		Path target = root.resolve(classFile);
		Files.createDirectories(target.getParent());
		try (InputStream in = ColdStartBenchmark.class.getClassLoader().getResourceAsStream(classFile)) {
			Files.copy(in, target);
		}
		Path lib = Files.createDirectories(root.resolve("lib"));
		for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
			Path jar = Path.of(entry);
			if (jar.getFileName().toString().startsWith("jackson-")) {
				Files.copy(jar, lib.resolve(jar.getFileName()));
			}
		}
		return root;
	}

}

package dev.fnbridge.benchmark.lambda;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import dev.fnbridge.lambda.local.InvocationResult;
import dev.fnbridge.lambda.local.LocalLambda;

/**
 * Warm latency of two Lambda artifacts against each other, in one run: both environments
 * stay up, invocations alternate A, B, A, B… (so drift of the machine hits both alike),
 * and each round reports both p50s and their ratio; the verdict is the median ratio of
 * the rounds. Used for "no worse than before" on the warm path, where single runs spread
 * ±30 % on this machine.
 * <p>
 * {@code WarmComparison <a.zip> <b.zip> <event.json> [rounds] [per round] [warm-up]
 * [ENV=VALUE ...] [--jvm-option OPTION ...] [--handler-b HANDLER] [--cold-runs N]}: with
 * {@code --cold-runs}, first N cold starts of each (JVM launch to first response), A and
 * B alternating, their medians and ratio.
 */
public final class WarmComparison {

	private WarmComparison() {
	}

	public static void main(String[] args) throws Exception {
		Path a = Path.of(args[0]);
		Path b = Path.of(args[1]);
		String event = Files.readString(Path.of(args[2]));
		int rounds = (args.length > 3) ? Integer.parseInt(args[3]) : 7;
		int perRound = (args.length > 4) ? Integer.parseInt(args[4]) : 2000;
		int warmUp = (args.length > 5) ? Integer.parseInt(args[5]) : 3000;
		List<String> env = new ArrayList<>();
		List<String> jvm = new ArrayList<>();
		String handlerB = "dev.fnbridge.lambda.FunctionHandler";
		int coldRuns = 0;
		for (int i = 6; i < args.length; i++) {
			if (args[i].equals("--cold-runs")) {
				coldRuns = Integer.parseInt(args[++i]);
			}
			else if (args[i].equals("--jvm-option")) {
				jvm.add(args[++i]);
			}
			else if (args[i].equals("--handler-b")) {
				handlerB = args[++i];
			}
			else {
				env.add(args[i]);
			}
		}
		Map<String, String> environment = LocalLambda.environment(env);
		Path log = Files.createTempFile("warm-comparison-", ".log");
		if (coldRuns > 0) {
			double[] coldA = new double[coldRuns];
			double[] coldB = new double[coldRuns];
			for (int run = 0; run < coldRuns; run++) {
				coldA[run] = cold(a, "dev.fnbridge.lambda.FunctionHandler", environment, jvm, log, event);
				coldB[run] = cold(b, handlerB, environment, jvm, log, event);
			}
			System.out.printf("cold start, median of %d, alternating: A %.0f ms %s, B %.0f ms %s, B/A %.3f%n", coldRuns,
					median(coldA), Arrays.toString(Arrays.stream(coldA).mapToLong(Math::round).toArray()),
					median(coldB), Arrays.toString(Arrays.stream(coldB).mapToLong(Math::round).toArray()),
					median(coldB) / median(coldA));
		}
		try (LocalLambda first = LocalLambda.start(a, "dev.fnbridge.lambda.FunctionHandler", environment, jvm, log);
				LocalLambda second = LocalLambda.start(b, handlerB, environment, jvm, log)) {
			for (int i = 0; i < warmUp; i++) {
				timed(first, event);
				timed(second, event);
			}
			double[] ratios = new double[rounds];
			for (int round = 0; round < rounds; round++) {
				double[] timesA = new double[perRound];
				double[] timesB = new double[perRound];
				for (int i = 0; i < perRound; i++) {
					// Who goes first alternates too.
					if (i % 2 == 0) {
						timesA[i] = timed(first, event);
						timesB[i] = timed(second, event);
					}
					else {
						timesB[i] = timed(second, event);
						timesA[i] = timed(first, event);
					}
				}
				double p50A = median(timesA);
				double p50B = median(timesB);
				ratios[round] = p50B / p50A;
				System.out.printf("round %d: A p50 %.3f ms, B p50 %.3f ms, B/A %.3f%n", round + 1, p50A, p50B,
						ratios[round]);
			}
			System.out.printf("median B/A of %d rounds (%d invocations each after %d to warm up): %.3f  %s%n", rounds,
					perRound, warmUp, median(ratios),
					Arrays.toString(Arrays.stream(ratios).map((ratio) -> Math.round(ratio * 1000) / 1000.0).toArray()));
			System.out.println("A: " + a + "\nB: " + b + " (" + handlerB + ")\njvm options: " + jvm + "; log: " + log);
		}
	}

	/** JVM launch to the first response, in milliseconds. */
	private static double cold(Path artifact, String handler, Map<String, String> environment, List<String> jvm,
			Path log, String event) throws Exception {
		try (LocalLambda lambda = LocalLambda.start(artifact, handler, environment, jvm, log)) {
			InvocationResult result = lambda.invoke(event, Duration.ofMinutes(2));
			double ms = (System.nanoTime() - lambda.launchedNanos()) / 1e6;
			if (result.error()) {
				throw new IllegalStateException("function error: " + result.body());
			}
			return ms;
		}
	}

	private static double timed(LocalLambda lambda, String event) throws Exception {
		long start = System.nanoTime();
		InvocationResult result = lambda.invoke(event, Duration.ofSeconds(30));
		double ms = (System.nanoTime() - start) / 1e6;
		if (result.error()) {
			throw new IllegalStateException("function error: " + result.body());
		}
		return ms;
	}

	private static double median(double[] values) {
		double[] sorted = values.clone();
		Arrays.sort(sorted);
		int middle = sorted.length / 2;
		return (sorted.length % 2 == 1) ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
	}

}

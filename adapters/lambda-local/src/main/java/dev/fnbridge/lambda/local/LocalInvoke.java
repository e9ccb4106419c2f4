package dev.fnbridge.lambda.local;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Command line: invokes a Lambda artifact with event files (one invocation each, in one
 * execution environment) and prints the responses, like {@code sam local invoke}, through
 * AWS's runtime interface client and a local Runtime API. The function's own output goes
 * to a log file whose path is printed on stderr.
 * <p>
 * {@code LocalInvoke --artifact fn.zip --handler H --event event.json [--event ...]
 * [--env K=V]... [--jvm-option OPT]... [--snap-start] [--custom-runtime JDK_HOME]
 * [--memory MB]}; with {@code --custom-runtime} the artifact's {@code bootstrap} runs on
 * that JDK, as on {@code provided.al2023} with a JDK layer; with {@code --memory} the
 * function gets the CPU share and memory Lambda gives that size (root only: a cgroup).
 * Exit code 0 on success, 1 on a function error, 2 on a usage or runtime failure.
 * <p>
 * With {@code --kafka-topic} it is a Kafka event source mapping instead
 * ({@link KafkaEventSourceMapping}): it polls the topic on {@code --bootstrap-servers}
 * (default {@code localhost:9092}) and invokes the artifact with MSK events
 * ({@code --self-managed}: self-managed Kafka's), with {@code --batch-size},
 * {@code --batch-window-ms}, {@code --maximum-retry-attempts},
 * {@code --bisect-batch-on-function-error}, {@code --maximum-record-age-seconds},
 * {@code --on-failure kafka://topic}, {@code --starting-position TRIM_HORIZON|LATEST},
 * {@code --group-id}; it runs until interrupted, or with {@code --until-idle SECONDS}
 * until no record came for that long, and prints what it did.
 */
public final class LocalInvoke {

	private LocalInvoke() {
	}

	public static void main(String[] args) throws Exception {
		Path artifact = null;
		List<Path> events = new ArrayList<>();
		Path customRuntimeJdk = null;
		String handler = "dev.fnbridge.lambda.FunctionHandler";
		List<String> env = new ArrayList<>();
		List<String> jvm = new ArrayList<>();
		int memory = 0;
		List<String> topics = new ArrayList<>();
		KafkaEventSourceMapping.Settings defaults = KafkaEventSourceMapping.Settings.defaults("localhost:9092", topics);
		String bootstrapServers = defaults.bootstrapServers();
		String groupId = defaults.groupId();
		int batchSize = defaults.batchSize();
		Duration batchWindow = defaults.batchWindow();
		int retries = defaults.maximumRetryAttempts();
		boolean bisect = false;
		Duration maxAge = null;
		String onFailure = null;
		boolean trimHorizon = true;
		boolean selfManaged = false;
		Duration untilIdle = null;
		for (int i = 0; i < args.length; i++) {
			switch (args[i]) {
				case "--kafka-topic" -> topics.add(args[++i]);
				case "--bootstrap-servers" -> bootstrapServers = args[++i];
				case "--batch-size" -> batchSize = Integer.parseInt(args[++i]);
				case "--batch-window-ms" -> batchWindow = Duration.ofMillis(Long.parseLong(args[++i]));
				case "--maximum-retry-attempts" -> retries = Integer.parseInt(args[++i]);
				case "--bisect-batch-on-function-error" -> bisect = true;
				case "--maximum-record-age-seconds" -> {
					long seconds = Long.parseLong(args[++i]);
					maxAge = (seconds < 0) ? null : Duration.ofSeconds(seconds);
				}
				case "--on-failure" -> onFailure = args[++i].replaceFirst("^kafka://", "");
				case "--starting-position" -> trimHorizon = !args[++i].equalsIgnoreCase("LATEST");
				case "--self-managed" -> selfManaged = true;
				case "--group-id" -> groupId = args[++i];
				case "--until-idle" -> untilIdle = Duration.ofSeconds(Long.parseLong(args[++i]));
				case "--artifact" -> artifact = Path.of(args[++i]);
				case "--event" -> events.add(Path.of(args[++i]));
				case "--custom-runtime" -> customRuntimeJdk = Path.of(args[++i]);
				case "--handler" -> handler = args[++i];
				case "--env" -> env.add(args[++i]);
				case "--jvm-option" -> jvm.add(args[++i]);
				case "--snap-start" -> env.add("AWS_LAMBDA_INITIALIZATION_TYPE=snap-start");
				case "--memory" -> memory = Integer.parseInt(args[++i]);
				default -> usage("unknown option " + args[i]);
			}
		}
		if (artifact == null || (events.isEmpty() == topics.isEmpty())) {
			usage("--artifact and either --event or --kafka-topic are required");
		}
		Path log = Files.createTempFile("fnbridge-lambda-", ".log");
		CpuLimit cpu = null;
		if (memory > 0) {
			cpu = CpuLimit.ofLambdaMemory(memory);
			jvm.addAll(CpuLimit.lambdaJvmOptions(memory));
			env.add("AWS_LAMBDA_FUNCTION_MEMORY_SIZE=" + memory);
		}
		Map<String, String> environment = LocalLambda.environment(env);
		int exitCode;
		try (CpuLimit limit = cpu;
				LocalLambda lambda = (customRuntimeJdk != null) ? LocalLambda.startCustomRuntime(artifact,
						customRuntimeJdk, handler, environment, jvm, log, limit)
						: LocalLambda.start(artifact, handler, environment, jvm, log, limit)) {
			if (!topics.isEmpty()) {
				exitCode = mapKafka(
						lambda, new KafkaEventSourceMapping.Settings(bootstrapServers, topics, groupId, batchSize,
								batchWindow, retries, bisect, maxAge, onFailure, trimHorizon, selfManaged),
						untilIdle, log);
			}
			else {
				exitCode = invokeEach(lambda, events, log) ? 1 : 0;
			}
		}
		// After close: the environment's temporary task root (and unzipped layer) are
		// gone.
		System.exit(exitCode);
	}

	/** Invokes once per event file; whether any invocation was a function error. */
	private static boolean invokeEach(LocalLambda lambda, List<Path> events, Path log) throws Exception {
		boolean failed = false;
		for (Path event : events) {
			InvocationResult result = lambda.invoke(Files.readString(event), Duration.ofMinutes(2));
			long elapsedMs = (System.nanoTime() - lambda.launchedNanos()) / 1_000_000;
			System.out.println(result.body());
			System.err.println("[local-invoke] " + event.getFileName() + ": "
					+ (result.error() ? "function error " + result.errorType() : "ok") + ", " + elapsedMs
					+ " ms from JVM launch to response" + (lambda.api().restored() ? " (restored)" : "")
					+ "; function log: " + log);
			failed |= result.error();
		}
		return failed;
	}

	/** Runs the Kafka event source mapping; exit code 1 if any record was given up. */
	private static int mapKafka(LocalLambda lambda, KafkaEventSourceMapping.Settings settings, Duration untilIdle,
			Path log) throws Exception {
		System.err.println("[local-invoke] polling " + settings.topics() + " on " + settings.bootstrapServers()
				+ " as group " + settings.groupId() + "; function log: " + log);
		try (KafkaEventSourceMapping mapping = new KafkaEventSourceMapping(lambda, settings)) {
			KafkaEventSourceMapping.Stats stats = (untilIdle != null) ? mapping.runUntilIdle(untilIdle)
					: mapping.run(() -> Thread.currentThread().isInterrupted());
			System.out.printf("{\"invocations\":%d,\"failedInvocations\":%d,\"processed\":%d,\"toDestination\":%d}%n",
					stats.invocations(), stats.failedInvocations(), stats.processed(), stats.toDestination());
			return (stats.toDestination() > 0) ? 1 : 0;
		}
	}

	private static void usage(String problem) {
		System.err.println("local-invoke: " + problem);
		System.err.println("usage: local-invoke --artifact <zip|dir> --event <file> [--handler <handler>]"
				+ " [--env KEY=VALUE]... [--jvm-option OPTION]... [--snap-start] [--custom-runtime <jdk home>]"
				+ " [--memory MB]");
		System.err
			.println("       local-invoke --artifact <zip|dir> --kafka-topic <topic> [--bootstrap-servers HOST:PORT]"
					+ " [--batch-size N] [--batch-window-ms MS] [--maximum-retry-attempts N] [--bisect-batch-on-function-error]"
					+ " [--maximum-record-age-seconds S] [--on-failure kafka://<topic>] [--starting-position TRIM_HORIZON|LATEST]"
					+ " [--self-managed] [--group-id ID] [--until-idle SECONDS] [--env KEY=VALUE]...");
		System.exit(2);
	}

}

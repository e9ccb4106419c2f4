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
		for (int i = 0; i < args.length; i++) {
			switch (args[i]) {
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
		if (artifact == null || events.isEmpty()) {
			usage("--artifact and --event are required");
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
			exitCode = failed ? 1 : 0;
		}
		// After close: the environment's temporary task root (and unzipped layer) are
		// gone.
		System.exit(exitCode);
	}

	private static void usage(String problem) {
		System.err.println("local-invoke: " + problem);
		System.err.println("usage: local-invoke --artifact <zip|dir> --event <file> [--handler <handler>]"
				+ " [--env KEY=VALUE]... [--jvm-option OPTION]... [--snap-start] [--custom-runtime <jdk home>]"
				+ " [--memory MB]");
		System.exit(2);
	}

}

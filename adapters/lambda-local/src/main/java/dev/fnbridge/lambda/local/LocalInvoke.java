package dev.fnbridge.lambda.local;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Command line: invokes a Lambda artifact once with an event file and prints the
 * response, like {@code sam local invoke}, through AWS's runtime interface client and a
 * local Runtime API. The function's own output goes to a log file whose path is printed
 * on stderr.
 * <p>
 * {@code LocalInvoke --artifact fn.zip --handler H --event event.json [--env K=V]...
 * [--jvm-option OPT]... [--snap-start]}; exit code 0 on success, 1 on a function error, 2
 * on a usage or runtime failure.
 */
public final class LocalInvoke {

	private LocalInvoke() {
	}

	public static void main(String[] args) throws Exception {
		Path artifact = null;
		Path event = null;
		String handler = "dev.fnbridge.lambda.FunctionHandler";
		List<String> env = new ArrayList<>();
		List<String> jvm = new ArrayList<>();
		for (int i = 0; i < args.length; i++) {
			switch (args[i]) {
				case "--artifact" -> artifact = Path.of(args[++i]);
				case "--event" -> event = Path.of(args[++i]);
				case "--handler" -> handler = args[++i];
				case "--env" -> env.add(args[++i]);
				case "--jvm-option" -> jvm.add(args[++i]);
				case "--snap-start" -> env.add("AWS_LAMBDA_INITIALIZATION_TYPE=snap-start");
				default -> usage("unknown option " + args[i]);
			}
		}
		if (artifact == null || event == null) {
			usage("--artifact and --event are required");
		}
		Path log = Files.createTempFile("fnbridge-lambda-", ".log");
		Map<String, String> environment = LocalLambda.environment(env);
		try (LocalLambda lambda = LocalLambda.start(artifact, handler, environment, jvm, log)) {
			InvocationResult result = lambda.invoke(Files.readString(event), Duration.ofMinutes(2));
			long elapsedMs = (System.nanoTime() - lambda.launchedNanos()) / 1_000_000;
			System.out.println(result.body());
			System.err.println("[local-invoke] " + (result.error() ? "function error " + result.errorType() : "ok")
					+ ", " + elapsedMs + " ms from JVM launch to response"
					+ (lambda.api().restored() ? " (restored)" : "") + "; function log: " + log);
			System.exit(result.error() ? 1 : 0);
		}
	}

	private static void usage(String problem) {
		System.err.println("local-invoke: " + problem);
		System.err.println("usage: local-invoke --artifact <zip|dir> --event <file> [--handler <handler>]"
				+ " [--env KEY=VALUE]... [--jvm-option OPTION]... [--snap-start]");
		System.exit(2);
	}

}

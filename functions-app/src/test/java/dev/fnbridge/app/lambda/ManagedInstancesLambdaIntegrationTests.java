package dev.fnbridge.app.lambda;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;

import dev.fnbridge.lambda.local.InvocationResult;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Lambda Managed Instances: one execution environment runs several invocations at once
 * ({@code AWS_LAMBDA_MAX_CONCURRENCY} threads of AWS's runtime interface client polling
 * the Runtime API). Each answer and Embedded Metric Format line must stay with its own
 * request id and trace.
 */
class ManagedInstancesLambdaIntegrationTests extends LambdaEnvironment {

	private static final int CONCURRENCY = 64;

	@Override
	Map<String, String> environment() {
		return Map.of("SPRING_CLOUD_FUNCTION_DEFINITION", "hello", "AWS_LAMBDA_MAX_CONCURRENCY",
				Integer.toString(CONCURRENCY));
	}

	@Test
	void servesSixtyFourInvocationsAtOnceEachWithItsOwnRequestIdAndTrace() throws Exception {
		assertThat(lambda().api().awaitPollers(CONCURRENCY, Duration.ofSeconds(90)))
			.as("%d runtime threads polling invocation/next at once", CONCURRENCY)
			.isTrue();
		List<Call> calls = new ArrayList<>();
		for (int i = 0; i < CONCURRENCY; i++) {
			calls.add(new Call("Ada-" + i, i % 3 == 2, (i % 3 == 1) ? null : randomHex(16)));
		}

		List<InvocationResult> results = invokeAtOnce(calls);

		Map<String, String> metricTraceByRequest = metricTraceIdsByRequestId();
		for (int i = 0; i < CONCURRENCY; i++) {
			Call call = calls.get(i);
			InvocationResult result = results.get(i);
			JsonNode response = ok(result);
			if (call.malformed()) {
				assertThat(response.path("statusCode").asInt()).as(result.body()).isEqualTo(400);
				JsonNode problem = this.json.readTree(response.path("body").asString());
				assertThat(problem.path("detail").asString()).startsWith("Malformed JSON");
			}
			else {
				assertThat(response.path("body").asString()).isEqualTo("\"Hello, " + call.name() + "!\"");
			}
			String expectedTrace = (call.traceId() != null) ? call.traceId() : xrayTraceId(result.traceId());
			assertThat(metricTraceByRequest).as("the metric line of request %s", result.requestId())
				.containsEntry(result.requestId(), expectedTrace);
		}
		assertThat(lambda().api().maxInFlight()).as("invocations that overlapped").isGreaterThan(1);
	}

	private List<InvocationResult> invokeAtOnce(List<Call> calls) throws Exception {
		ExecutorService callers = Executors.newFixedThreadPool(calls.size());
		try {
			CountDownLatch start = new CountDownLatch(1);
			List<Future<InvocationResult>> futures = new ArrayList<>();
			for (Call call : calls) {
				String event = event(call);
				futures.add(callers.submit(() -> {
					start.await();
					return invokeRaw(event);
				}));
			}
			start.countDown();
			List<InvocationResult> results = new ArrayList<>();
			for (Future<InvocationResult> future : futures) {
				results.add(future.get());
			}
			return results;
		}
		finally {
			callers.shutdownNow();
		}
	}

	private String event(Call call) throws Exception {
		ObjectNode event = (ObjectNode) this.json.readTree(event("apigw-v2-hello.json"));
		ObjectNode headers = (ObjectNode) event.path("headers");
		headers.remove("content-length");
		if (call.traceId() != null) {
			headers.put("traceparent", "00-" + call.traceId() + "-" + randomHex(8) + "-01");
		}
		event.put("body", call.malformed() ? "{\"name\":" : "{\"name\":\"" + call.name() + "\"}");
		return this.json.writeValueAsString(event);
	}

	/** Each Embedded Metric Format line's {@code traceId} by its {@code requestId}. */
	private Map<String, String> metricTraceIdsByRequestId() throws Exception {
		Map<String, String> traces = new HashMap<>();
		// The runtime client's start-up message ends without a line break.
		functionLog().lines().filter((line) -> line.contains("{\"_aws\"")).forEach((line) -> {
			JsonNode metric = this.json.readTree(line.substring(line.indexOf("{\"_aws\"")));
			String previous = traces.put(metric.path("requestId").asString(), metric.path("traceId").asString());
			assertThat(previous).as("a second metric line for request %s", metric.path("requestId")).isNull();
		});
		return traces;
	}

	/** X-Ray's {@code Root=1-5759e988-bd862e...} as the W3C trace id it continues as. */
	private static String xrayTraceId(String header) {
		String root = header.substring(header.indexOf("Root=") + 5).split(";")[0];
		return root.substring(2, 10) + root.substring(11);
	}

	private static String randomHex(int bytes) {
		byte[] random = new byte[bytes];
		ThreadLocalRandom.current().nextBytes(random);
		return HexFormat.of().formatHex(random);
	}

	/**
	 * One invocation: a greeting, or a malformed body answered with a problem; with the
	 * caller's trace id in {@code traceparent}, or none (X-Ray's trace continues).
	 */
	private record Call(String name, boolean malformed, String traceId) {
	}

}

package dev.fnbridge.core.invocation;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import dev.fnbridge.core.FnbridgeCoreAutoConfiguration;
import dev.fnbridge.core.metrics.Transport;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.cloud.function.context.FunctionCatalog;
import org.springframework.cloud.function.context.catalog.SimpleFunctionRegistry.FunctionInvocationWrapper;
import org.springframework.cloud.function.context.config.ContextFunctionCatalogAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;
import org.springframework.messaging.support.MessageBuilder;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Several threads calling one catalog function, as a Kafka binding read on several
 * consumer threads does, or HTTP requests for a composition while its Kafka binding
 * consumes: every record must still pass through fnbridge's wrapper (a JSON-quoted result
 * and the input's key), never through Spring Cloud Function's own conversion. The
 * functions take a few milliseconds so that the calls overlap.
 */
class SharedFunctionConcurrencyTests {

	private static final int THREADS = 6;

	private static final int CALLS_PER_THREAD = 15;

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ContextFunctionCatalogAutoConfiguration.class,
				FnbridgeCoreAutoConfiguration.class))
		.withUserConfiguration(Functions.class);

	@Test
	void recordsOfOneFunctionOnSeveralThreadsAllPassThroughFnbridgesWrapper() {
		this.runner.run((context) -> {
			FunctionInvocationWrapper function = context.getBean(FunctionCatalog.class)
				.lookup("slowHello", "application/json");
			EntryGate gate = new EntryGate();

			List<String> outputs = onThreads(THREADS, (thread) -> asRecords(gate, function, "t" + thread));

			assertThat(outputs).hasSize(THREADS * CALLS_PER_THREAD)
				.allSatisfy((output) -> assertThat(output).matches("key=t\\d+-\\d+ \"Hello, t\\d+-\\d+!\""));
			assertThat(context.getBean(Functions.class).mostAtOnce()).as("calls running at once").isGreaterThan(1);
		});
	}

	@Test
	void recordsOfACompositionPassThroughFnbridgesWrapperWhileHttpRequestsRunTheSameComposition() {
		this.runner.run((context) -> {
			FunctionInvocationWrapper composition = context.getBean(FunctionCatalog.class)
				.lookup("slowGreeting|shout", "application/json");
			InvocationPipeline pipeline = context.getBean(InvocationPipeline.class);
			ResolvedFunction resolved = ResolvedFunction.of("slowGreeting|shout", composition);
			EntryGate gate = new EntryGate();

			List<String> outputs = onThreads(THREADS, (thread) -> (thread % 2 == 0)
					? asRecords(gate, composition, "k" + thread) : asRequests(pipeline, resolved, "h" + thread));

			assertThat(outputs).hasSize(THREADS * CALLS_PER_THREAD)
				.allSatisfy((output) -> assertThat(output)
					.matches("(key=k\\d+-\\d+ \"HELLO, K\\d+-\\d+!\")|(request \"HELLO, H\\d+-\\d+!\")"));
		});
	}

	/**
	 * Calls as the Kafka binding does: the gate entered before each record, the
	 * function's {@code apply} with the consumer's headers, the gate left afterwards.
	 */
	private static List<String> asRecords(EntryGate gate, FunctionInvocationWrapper function, String prefix) {
		List<String> outputs = new ArrayList<>();
		for (int i = 0; i < CALLS_PER_THREAD; i++) {
			String name = prefix + "-" + i;
			Message<byte[]> record = MessageBuilder.withPayload(("{\"name\":\"" + name + "\"}").getBytes())
				.setHeader(TransportFunctionWrapper.KAFKA_TOPIC, "greetings")
				.setHeader(TransportFunctionWrapper.KAFKA_RECEIVED_KEY, name.getBytes(StandardCharsets.UTF_8))
				.setHeader("contentType", "application/json")
				.build();
			gate.enter();
			try {
				Message<?> output = (Message<?>) function.apply(record);
				Object key = output.getHeaders().get(TransportFunctionWrapper.KAFKA_KEY);
				outputs.add("key=" + ((key instanceof byte[] bytes) ? new String(bytes, StandardCharsets.UTF_8) : key)
						+ " " + new String((byte[]) output.getPayload(), StandardCharsets.UTF_8));
			}
			finally {
				EntryGate.leaveHeld();
			}
		}
		return outputs;
	}

	/** Calls as HTTP does: through the pipeline. */
	private static List<String> asRequests(InvocationPipeline pipeline, ResolvedFunction function, String prefix) {
		List<String> outputs = new ArrayList<>();
		for (int i = 0; i < CALLS_PER_THREAD; i++) {
			String name = prefix + "-" + i;
			InvocationPipeline.Result result = pipeline.invoke(function, Transport.HTTP,
					Payload.json(("{\"name\":\"" + name + "\"}").getBytes(StandardCharsets.UTF_8)), Map.of());
			outputs.add("request " + new String(pipeline.json(function, result.output()), StandardCharsets.UTF_8));
		}
		return outputs;
	}

	private static List<String> onThreads(int threads, ThreadWork work) throws Exception {
		ExecutorService executor = Executors.newFixedThreadPool(threads);
		try {
			List<Future<List<String>>> futures = new ArrayList<>();
			for (int thread = 0; thread < threads; thread++) {
				int index = thread;
				futures.add(executor.submit((Callable<List<String>>) () -> work.run(index)));
			}
			List<String> outputs = new ArrayList<>();
			for (Future<List<String>> future : futures) {
				outputs.addAll(future.get());
			}
			return outputs;
		}
		finally {
			executor.shutdownNow();
		}
	}

	@FunctionalInterface
	interface ThreadWork {

		List<String> run(int thread) throws Exception;

	}

	record Greeting(String name) {
	}

	@Configuration(proxyBeanMethods = false)
	static class Functions {

		private final AtomicInteger running = new AtomicInteger();

		private final AtomicInteger mostAtOnce = new AtomicInteger();

		int mostAtOnce() {
			return this.mostAtOnce.get();
		}

		@Bean
		Function<Greeting, String> slowHello() {
			return (greeting) -> {
				this.mostAtOnce.accumulateAndGet(this.running.incrementAndGet(), Math::max);
				try {
					Thread.sleep(2);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
				finally {
					this.running.decrementAndGet();
				}
				return "Hello, " + greeting.name() + "!";
			};
		}

		@Bean
		Function<Greeting, String> shout() {
			return (greeting) -> greeting.name().toUpperCase(java.util.Locale.ROOT);
		}

		@Bean
		Function<Greeting, Greeting> slowGreeting() {
			return (greeting) -> new Greeting(slowHello().apply(greeting));
		}

	}

}

package dev.fnbridge.app.lambda;

import dev.fnbridge.lambda.FunctionHandler;
import dev.fnbridge.testkit.LambdaArtifact;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import dev.fnbridge.lambda.local.InvocationResult;
import dev.fnbridge.lambda.local.LocalLambda;
import dev.fnbridge.lambda.local.RuntimeLayer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.util.FileSystemUtils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

/**
 * The zip on Lambda's custom runtime ({@code provided.al2023}): its {@code bootstrap} run
 * as Lambda runs it, on a plain JDK and on the fnbridge runtime layer (a jlinked JDK 25+
 * and the AOT cache trained on this zip by {@link RuntimeLayer}), through AWS's runtime
 * interface client and the local Runtime API.
 */
class CustomRuntimeLambdaIntegrationTests {

	private static final Path ARTIFACT = LambdaArtifact.find();

	private static final Path EVENTS = Path.of("src/test/resources/events");

	private static final Map<String, String> HELLO = Map.of("SPRING_CLOUD_FUNCTION_DEFINITION", "hello");

	private static final JsonMapper mapper = JsonMapper.builder().build();

	@TempDir
	static Path work;

	private static Path layer;

	@BeforeAll
	static void buildTheRuntimeLayerWhenAJdk25IsHere() throws Exception {
		Optional<Path> jdk = jdk25();
		if (jdk.isPresent()) {
			layer = work.resolve("fnbridge-runtime-layer.zip");
			RuntimeLayer.main(new String[] { "--artifact", ARTIFACT.toString(), "--jdk", jdk.get().toString(),
					"--output", layer.toString(), "--event", EVENTS.resolve("apigw-v2-hello.json").toString(),
					"--event", EVENTS.resolve("apigw-v2-invalid-reading.json").toString() });
		}
	}

	@Test
	void answersThroughItsBootstrapOnAPlainJdk() throws Exception {
		InvocationResult result = invoke(Path.of(System.getProperty("java.home")), List.of());

		assertThat(greeting(result)).isEqualTo("\"Hello, Ada!\"");
	}

	@Test
	void startsFromTheAotCacheOfItsRuntimeLayer() throws Exception {
		assumeThat(layer).as("a JDK 25+ (JDK25_HOME or /usr/lib/jvm) to build the runtime layer with").isNotNull();

		// With AOTMode=on the JVM refuses to start unless it maps the cache.
		InvocationResult result = invoke(layer, List.of("-XX:AOTMode=on"));

		assertThat(greeting(result)).isEqualTo("\"Hello, Ada!\"");
	}

	@Test
	void startsWithoutTheCacheWhenTheJarsAreNotTheOnesItWasTrainedOn() throws Exception {
		assumeThat(layer).as("a JDK 25+ (JDK25_HOME or /usr/lib/jvm) to build the runtime layer with").isNotNull();
		Path task = LocalLambda.unzip(ARTIFACT);
		try (Stream<Path> jars = Files.list(task.resolve("lib"))) {
			Path jar = jars.filter((file) -> file.getFileName().toString().startsWith("spring-core-"))
				.findFirst()
				.orElseThrow();
			Files.setLastModifiedTime(jar, FileTime.fromMillis(System.currentTimeMillis()));
		}

		Path log = Files.createTempFile(work, "stale-", ".log");
		try (LocalLambda lambda = LocalLambda.startCustomRuntime(task, layer, FunctionHandler.class.getName(), HELLO,
				List.of(), log)) {
			InvocationResult result = lambda.invoke(event(), Duration.ofMinutes(2));

			assertThat(greeting(result)).isEqualTo("\"Hello, Ada!\"");
		}
		finally {
			FileSystemUtils.deleteRecursively(task);
		}
		assertThat(Files.readString(log)).contains("timestamp has changed");
	}

	private static InvocationResult invoke(Path runtime, List<String> jvmOptions) throws Exception {
		Path log = Files.createTempFile(work, "custom-runtime-", ".log");
		try (LocalLambda lambda = LocalLambda.startCustomRuntime(ARTIFACT, runtime, FunctionHandler.class.getName(),
				HELLO, jvmOptions, log)) {
			InvocationResult result = lambda.invoke(event(), Duration.ofMinutes(2));
			assertThat(result.error()).as("%s; log %s", result.body(), Files.readString(log)).isFalse();
			return result;
		}
	}

	private static String event() throws IOException {
		return Files.readString(EVENTS.resolve("apigw-v2-hello.json"));
	}

	private static String greeting(InvocationResult result) {
		JsonNode response = mapper.readTree(result.body());
		assertThat(response.path("statusCode").asInt()).as(result.body()).isEqualTo(200);
		return response.path("body").asString();
	}

	/** A JDK 25 or later: JDK25_HOME, else the first under /usr/lib/jvm. */
	private static Optional<Path> jdk25() throws IOException {
		String configured = System.getenv("JDK25_HOME");
		if (configured != null && !configured.isBlank()) {
			return Optional.of(Path.of(configured));
		}
		Path jvms = Path.of("/usr/lib/jvm");
		if (!Files.isDirectory(jvms)) {
			return Optional.empty();
		}
		try (Stream<Path> homes = Files.list(jvms)) {
			return homes.filter((home) -> Files.isExecutable(home.resolve("bin/jlink")))
				.filter((home) -> major(home) >= 25)
				.sorted()
				.findFirst();
		}
	}

	private static int major(Path home) {
		try {
			for (String line : Files.readAllLines(home.resolve("release"))) {
				if (line.startsWith("JAVA_VERSION=\"")) {
					String version = line.substring("JAVA_VERSION=\"".length());
					return Integer.parseInt(version.split("[.\"]")[0]);
				}
			}
		}
		catch (IOException | NumberFormatException ex) {
			// Not a JDK this test can use.
		}
		return 0;
	}

}

package dev.fnbridge.app.lambda;

import dev.fnbridge.testkit.LambdaArtifact;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipInputStream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The packaged zip: within the size the README promises, started from Spring AOT bean
 * definitions, without the transports a Lambda function does not need, and ready for the
 * custom runtime (bootstrap, runtime client, every class in a jar).
 */
class LambdaArtifactIntegrationTests {

	private final Path artifact = LambdaArtifact.find();

	@Test
	void staysUnder25Megabytes() throws IOException {
		assertThat(Files.size(this.artifact)).isLessThan(25L * 1024 * 1024);
	}

	@Test
	void carriesTheAotBeanDefinitionsAndTheMainClassOfTheApplicationInAJarOfItsOwn() throws IOException {
		List<String> generated = jarEntries("lib/fnbridge-functions-app-fnbridge-lambda\\.jar");

		assertThat(generated).contains("dev/fnbridge/app/FnbridgeApplication__ApplicationContextInitializer.class",
				"fnbridge-lambda.properties");
		assertThat(jarText("lib/fnbridge-functions-app-fnbridge-lambda\\.jar", "fnbridge-lambda.properties"))
			.contains("main-class=dev.fnbridge.app.FnbridgeApplication");
	}

	@Test
	void shipsTheLambdaAdapterWithoutAnythingOfTheSample() throws IOException {
		assertThat(jarEntries("lib/fnbridge-aws-lambda-.*\\.jar")).isNotEmpty()
			.noneMatch((name) -> name.startsWith("dev/fnbridge/app/") || name.equals("fnbridge-lambda.properties"));
	}

	@Test
	void keepsWhatTheLeftOutWebStarterAlsoBrought() throws IOException {
		assertThat(entries()).anyMatch((name) -> name.startsWith("lib/snakeyaml-"))
			.anyMatch((name) -> name.startsWith("lib/logback-classic-"))
			.anyMatch((name) -> name.startsWith("lib/tomcat-embed-el-"))
			.noneMatch((name) -> name.contains("micrometer-registry-prometheus"));
	}

	private List<String> jarEntries(String jarPattern) throws IOException {
		String jarName = entries().stream().filter((name) -> name.matches(jarPattern)).findFirst().orElseThrow();
		try (ZipFile zip = new ZipFile(this.artifact.toFile());
				ZipInputStream jar = new ZipInputStream(zip.getInputStream(zip.getEntry(jarName)))) {
			List<String> names = new ArrayList<>();
			for (ZipEntry entry = jar.getNextEntry(); entry != null; entry = jar.getNextEntry()) {
				names.add(entry.getName());
			}
			return names;
		}
	}

	private String jarText(String jarPattern, String entryName) throws IOException {
		String jarName = entries().stream().filter((name) -> name.matches(jarPattern)).findFirst().orElseThrow();
		try (ZipFile zip = new ZipFile(this.artifact.toFile());
				ZipInputStream jar = new ZipInputStream(zip.getInputStream(zip.getEntry(jarName)))) {
			for (ZipEntry entry = jar.getNextEntry(); entry != null; entry = jar.getNextEntry()) {
				if (entry.getName().equals(entryName)) {
					return new String(jar.readAllBytes(), StandardCharsets.UTF_8);
				}
			}
		}
		return "";
	}

	@Test
	void keepsEveryClassInAJarForTheAotCache() throws IOException {
		// A JDK AOT cache holds no classes read from a directory on the class path.
		assertThat(entries()).noneMatch((name) -> name.endsWith(".class"))
			.filteredOn((name) -> !name.endsWith("/"))
			.allMatch((name) -> name.equals("bootstrap") || name.startsWith("lib/") && name.endsWith(".jar"));
	}

	@Test
	void startsTheRuntimeClientFromAnExecutableBootstrapOnTheCustomRuntime() throws IOException {
		try (org.apache.commons.compress.archivers.zip.ZipFile zip = org.apache.commons.compress.archivers.zip.ZipFile
			.builder()
			.setPath(this.artifact)
			.get()) {
			var bootstrap = zip.getEntry("bootstrap");
			assertThat(bootstrap.getUnixMode() & 0777).isEqualTo(0755);
			try (var in = zip.getInputStream(bootstrap)) {
				String script = new String(in.readAllBytes(), StandardCharsets.UTF_8);
				assertThat(script).startsWith("#!/bin/sh\n")
					.contains("com.amazonaws.services.lambda.runtime.api.client.AWSLambda \"$_HANDLER\"")
					.contains("-cp \"$cp\"");
			}
		}
		assertThat(entries()).anyMatch((name) -> name.startsWith("lib/aws-lambda-java-runtime-interface-client-"));
	}

	@Test
	void leavesOutTheWebServerAndTheKafkaBinder() throws IOException {
		assertThat(entries()).filteredOn((name) -> name.startsWith("lib/"))
			.isNotEmpty()
			.noneMatch((name) -> name.contains("tomcat-embed-core") || name.contains("kafka-clients")
					|| name.contains("spring-cloud-stream") || name.contains("fnbridge-http"));
	}

	private List<String> entries() throws IOException {
		try (ZipFile zip = new ZipFile(this.artifact.toFile())) {
			return zip.stream().map(ZipEntry::getName).toList();
		}
	}

}

package dev.fnbridge.lambda;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The packaged zip: within the size the README promises, started from Spring AOT bean
 * definitions, and without the transports a Lambda function does not need.
 */
class LambdaArtifactIntegrationTests {

	private final Path artifact = Path.of(System.getProperty("fnbridge.lambda.artifact"));

	@Test
	void staysUnder25Megabytes() throws IOException {
		assertThat(Files.size(this.artifact)).isLessThan(25L * 1024 * 1024);
	}

	@Test
	void carriesTheAotGeneratedBeanDefinitionsOfTheApplication() throws IOException {
		assertThat(entries()).contains("dev/fnbridge/app/FnbridgeApplication__ApplicationContextInitializer.class");
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

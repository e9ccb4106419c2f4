package dev.fnbridge.core.catalog;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.cloud.function.context.FunctionCatalog;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Command line: starts the application without web server and Kafka bindings, and writes
 * its {@link FunctionsDescriptor} as JSON. Run by fnbridge-maven-plugin's
 * {@code functions} goal: {@code FunctionsDescriptorWriter <main class> <output.json>}.
 */
public final class FunctionsDescriptorWriter {

	private FunctionsDescriptorWriter() {
	}

	public static void main(String[] args) throws Exception {
		if (args.length != 2) {
			System.err.println("usage: FunctionsDescriptorWriter <main class> <output.json>");
			System.exit(2);
		}
		Class<?> application = Class.forName(args[0]);
		Map<String, Object> document;
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(application)
			.web(WebApplicationType.NONE)
			.logStartupInfo(false)
			.run("--fnbridge.kafka.enabled=false", "--spring.main.banner-mode=off")) {
			document = FunctionsDescriptor.describe(context.getBean(FunctionCatalog.class), context.getEnvironment(),
					application.getName());
		}
		Path output = Path.of(args[1]);
		Files.createDirectories(output.toAbsolutePath().getParent());
		JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build().writeValue(output.toFile(), document);
		System.exit(0);
	}

}

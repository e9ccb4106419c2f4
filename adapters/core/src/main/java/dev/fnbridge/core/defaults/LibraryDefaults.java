package dev.fnbridge.core.defaults;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * fnbridge's documented behaviour as library defaults: each fnbridge module ships
 * {@code META-INF/fnbridge/<module>-defaults.properties}, and this post-processor adds
 * every one found on the class path as the lowest-precedence property source, so an
 * application's {@code application.yml}, environment variables and arguments override any
 * of them, as they would Spring Boot's own defaults.
 * <p>
 * A file {@code <module>-defaults-<profile>.properties} applies when that profile is
 * active (e.g. {@code stream-defaults-exactly-once.properties}), ahead of the module's
 * plain defaults and still behind the application's configuration.
 */
public class LibraryDefaults implements EnvironmentPostProcessor, Ordered {

	/** The property source's name, first part. */
	public static final String PROPERTY_SOURCE = "fnbridgeLibraryDefaults";

	/** The modules whose defaults are looked up, in this order. */
	static final String[] MODULES = { "core", "http", "stream", "aws-lambda" };

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		ClassLoader loader = (application.getClassLoader() != null) ? application.getClassLoader()
				: LibraryDefaults.class.getClassLoader();
		for (String module : MODULES) {
			for (String profile : environment.getActiveProfiles()) {
				addLast(environment, loader, module + "-defaults-" + profile);
			}
			addLast(environment, loader, module + "-defaults");
		}
	}

	private static void addLast(ConfigurableEnvironment environment, ClassLoader loader, String name) {
		String sourceName = PROPERTY_SOURCE + "." + name;
		if (environment.getPropertySources().contains(sourceName)) {
			return;
		}
		Map<String, Object> values = load(loader, "META-INF/fnbridge/" + name + ".properties");
		if (values != null) {
			environment.getPropertySources().addLast(new MapPropertySource(sourceName, values));
		}
	}

	private static Map<String, Object> load(ClassLoader loader, String resource) {
		try (InputStream in = loader.getResourceAsStream(resource)) {
			if (in == null) {
				return null;
			}
			Properties properties = new Properties();
			properties.load(in);
			Map<String, Object> values = new LinkedHashMap<>();
			properties.stringPropertyNames()
				.stream()
				.sorted()
				.forEach((key) -> values.put(key, properties.getProperty(key)));
			return values;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read " + resource, ex);
		}
	}

	@Override
	public int getOrder() {
		// After the application's configuration files, so its active profiles are known.
		return Ordered.LOWEST_PRECEDENCE - 10;
	}

}

package dev.fnbridge.lambda;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

import dev.fnbridge.core.invocation.InvocationPipeline;
import dev.fnbridge.core.metrics.InvocationMetrics;
import dev.fnbridge.core.tracing.TraceContinuation;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import tools.jackson.databind.ObjectMapper;

import org.springframework.aot.AotDetector;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.cloud.function.context.FunctionCatalog;
import org.springframework.cloud.function.utils.FunctionClassUtils;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.SpringProperties;
import org.springframework.util.ClassUtils;

/**
 * Starts the application once per execution environment, in Lambda's init phase: finds
 * the main class, uses the bean definitions Spring AOT generated when the artifact has
 * them, starts Spring without a web server, and builds the {@link LambdaDispatcher} over
 * its function catalog, with metrics written as Embedded Metric Format lines.
 */
final class LambdaBootstrap {

	private LambdaBootstrap() {
	}

	/**
	 * Starts the application.
	 * @return the dispatcher of its functions
	 * @throws IllegalStateException if the main class cannot be found
	 * @throws RuntimeException if the application does not start or the configured
	 * function does not resolve
	 */
	static LambdaDispatcher boot() {
		Class<?> mainClass = mainClass();
		useAotIfGenerated(mainClass);
		ConfigurableApplicationContext context = new SpringApplicationBuilder(mainClass).main(mainClass)
			.web(WebApplicationType.NONE)
			.logStartupInfo(false)
			.run();
		return dispatcher(context, context.getEnvironment().getProperty("spring.cloud.function.definition"));
	}

	/**
	 * The dispatcher over a started application's functions, its metrics written as
	 * Embedded Metric Format lines.
	 * @param context the application
	 * @param definition the function the deployment serves, or {@code null}
	 * @return the dispatcher
	 * @throws RuntimeException if the definition does not resolve
	 */
	static LambdaDispatcher dispatcher(ConfigurableApplicationContext context, String definition) {
		context.getBean(InvocationMetrics.class).addListener(new EmbeddedMetricFormat(System.out));
		return new LambdaDispatcher(context.getBean(FunctionCatalog.class), context.getBean(ObjectMapper.class),
				context.getBean(InvocationPipeline.class), tracing(context), definition);
	}

	/**
	 * Starts from the bean definitions Spring AOT generated at build time, when the
	 * artifact has them for this main class and {@code FNBRIDGE_AOT} is not
	 * {@code false}: condition evaluation and configuration-class proxies are the largest
	 * part of a cold start.
	 * @param mainClass the application class
	 */
	static void useAotIfGenerated(Class<?> mainClass) {
		if ("false".equalsIgnoreCase(System.getenv("FNBRIDGE_AOT"))
				|| SpringProperties.getProperty(AotDetector.AOT_ENABLED) != null) {
			return;
		}
		String initializer = mainClass.getName() + "__ApplicationContextInitializer";
		if (ClassUtils.isPresent(initializer, mainClass.getClassLoader())) {
			SpringProperties.setProperty(AotDetector.AOT_ENABLED, "true");
		}
	}

	/** Micrometer Tracing, when the application has it ({@code null} otherwise). */
	private static TraceContinuation tracing(ConfigurableApplicationContext context) {
		Tracer tracer = context.getBeanProvider(Tracer.class).getIfAvailable();
		Propagator propagator = context.getBeanProvider(Propagator.class).getIfAvailable();
		return (tracer != null && tracer != Tracer.NOOP && propagator != null)
				? new TraceContinuation(tracer, propagator) : null;
	}

	/**
	 * {@code MAIN_CLASS}, else the {@code main-class} that fnbridge-maven-plugin wrote
	 * into {@code fnbridge-lambda.properties}, else Spring Cloud Function's start class
	 * (a {@code Start-Class} or {@code Main-Class} manifest entry naming a
	 * {@code @SpringBootApplication}).
	 */
	private static Class<?> mainClass() {
		String name = System.getenv("MAIN_CLASS");
		if (name == null || name.isBlank()) {
			Properties properties = new Properties();
			try (InputStream in = LambdaBootstrap.class.getResourceAsStream("/fnbridge-lambda.properties")) {
				if (in != null) {
					properties.load(in);
				}
			}
			catch (IOException ex) {
				throw new IllegalStateException("Cannot read fnbridge-lambda.properties", ex);
			}
			name = properties.getProperty("main-class");
		}
		if (name == null) {
			// An artifact fnbridge's plugin did not package: the manifests' Start-Class
			// or
			// Main-Class, as Spring Cloud Function's adapter finds it.
			return FunctionClassUtils.getStartClass();
		}
		try {
			return Class.forName(name, true, LambdaBootstrap.class.getClassLoader());
		}
		catch (ClassNotFoundException ex) {
			throw new IllegalStateException("MAIN_CLASS " + name + " is not in the artifact", ex);
		}
	}

}

package dev.fnbridge.http;

import dev.fnbridge.core.FnbridgeCoreAutoConfiguration;
import dev.fnbridge.core.invocation.FunctionResolver;
import jakarta.servlet.DispatcherType;
import org.apache.catalina.core.StandardHost;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.cloud.function.context.FunctionCatalog;
import org.springframework.cloud.function.context.config.ContextFunctionCatalogAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.Ordered;
import org.springframework.http.server.observation.ServerRequestObservationConvention;

/**
 * Serves the function catalog over Spring MVC. Spring Cloud Function's own web module is
 * not used: its defaults answer bad input with 500, echo request headers and tag every
 * request {@code uri="/**"}.
 */
@AutoConfiguration(after = { ContextFunctionCatalogAutoConfiguration.class, FnbridgeCoreAutoConfiguration.class },
		beforeName = "org.springframework.boot.webmvc.autoconfigure.error.ErrorMvcAutoConfiguration")
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@EnableConfigurationProperties(HttpProperties.class)
@Import({ FunctionHttpController.class, FunctionCatalogController.class, ProblemResponses.class,
		ProblemErrorController.class })
public class FnbridgeHttpAutoConfiguration {

	/**
	 * Resolves the definitions URLs name, with the limits of
	 * {@code fnbridge.http.composition-cache-size}, {@code max-composition-length} and
	 * {@code max-tagged-compositions}.
	 * @param catalog the function catalog
	 * @param properties the HTTP properties
	 * @return the resolver
	 */
	@Bean
	FunctionResolver fnbridgeHttpFunctionResolver(FunctionCatalog catalog, HttpProperties properties) {
		return new FunctionResolver(catalog, properties.getCompositionCacheSize(), properties.getMaxCompositionLength(),
				properties.getMaxTaggedCompositions());
	}

	@Bean
	@ConditionalOnMissingBean(ServerRequestObservationConvention.class)
	ServerRequestObservationConvention fnbridgeServerRequestObservationConvention() {
		return new FunctionObservationConvention();
	}

	@Bean
	FilterRegistrationBean<NonBlockingBodyFilter> fnbridgeNonBlockingBodyFilter(HttpProperties properties) {
		FilterRegistrationBean<NonBlockingBodyFilter> registration = new FilterRegistrationBean<>(
				new NonBlockingBodyFilter(properties.getMaxBodySize().toBytes(), properties.getBodyReadTimeout()));
		registration.setDispatcherTypes(DispatcherType.REQUEST, DispatcherType.ASYNC);
		registration.setAsyncSupported(true);
		// Last before the DispatcherServlet: the other filters see the request once, as
		// for any asynchronous request.
		registration.setOrder(Ordered.LOWEST_PRECEDENCE - 10);
		return registration;
	}

	@Bean
	FilterRegistrationBean<NonBlockingResponseFilter> fnbridgeNonBlockingResponseFilter(HttpProperties properties) {
		FilterRegistrationBean<NonBlockingResponseFilter> registration = new FilterRegistrationBean<>(
				new NonBlockingResponseFilter(properties.getResponseWriteTimeout()));
		registration.setDispatcherTypes(DispatcherType.REQUEST, DispatcherType.ASYNC);
		registration.setAsyncSupported(true);
		// Around the body filter, so the response of a request it read is written the
		// same
		// way.
		registration.setOrder(Ordered.LOWEST_PRECEDENCE - 20);
		return registration;
	}

	/** Tomcat's own error reports as problem+json, when Tomcat is the server. */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = "org.apache.catalina.valves.ErrorReportValve")
	static class TomcatProblems {

		@Bean
		WebServerFactoryCustomizer<TomcatServletWebServerFactory> fnbridgeTomcatErrorReports() {
			return (factory) -> {
				factory.addContextCustomizers((context) -> {
					if (context.getParent() instanceof StandardHost host) {
						host.setErrorReportValveClass(ProblemJsonErrorReportValve.class.getName());
					}
				});
				// "100 Continue" only once the body is read: a declared body over the
				// limit
				// is answered 413 before the client sends it.
				factory
					.addConnectorCustomizers((connector) -> connector.setProperty("continueResponseTiming", "onRead"));
			};
		}

	}

}

package dev.fnbridge.maven;

import java.util.List;

/**
 * What the Lambda artifact leaves out, and the names its parts share with the Lambda
 * adapter.
 */
final class LambdaArtifact {

	/**
	 * The resource that names the application class; read by fnbridge's Lambda handler.
	 */
	static final String PROPERTIES = "fnbridge-lambda.properties";

	/**
	 * {@code groupId:artifactId} of what a Lambda function never needs: the HTTP server
	 * and its transport, the Kafka binder and client, the Prometheus registry (Lambda is
	 * not scraped: metrics go out as Embedded Metric Format lines), build-time and
	 * development tools. Each is left out together with everything that only it brings; a
	 * jar that something else needs too stays. {@code *} stands for any artifact id.
	 */
	static final List<String> DEFAULT_EXCLUDES = List.of(
			// fnbridge's server-side transports
			"dev.fnbridge:fnbridge-http", "dev.fnbridge:fnbridge-starter-http", "dev.fnbridge:fnbridge-stream",
			"dev.fnbridge:fnbridge-starter-kafka", "dev.fnbridge:fnbridge-test-kit",
			"dev.fnbridge:fnbridge-lambda-local",
			// web servers and web frameworks
			"org.springframework.boot:spring-boot-starter-web", "org.springframework.boot:spring-boot-starter-webmvc",
			"org.springframework.boot:spring-boot-starter-webflux",
			"org.springframework.boot:spring-boot-starter-tomcat", "org.springframework.boot:spring-boot-starter-jetty",
			"org.springframework.boot:spring-boot-starter-reactor-netty", "org.springframework.boot:spring-boot-tomcat",
			"org.springframework.boot:spring-boot-jetty", "org.springframework.boot:spring-boot-reactor-netty",
			"org.springframework.boot:spring-boot-webmvc", "org.springframework.boot:spring-boot-webflux",
			"org.springframework:spring-webmvc", "org.springframework:spring-webflux",
			// the server, but not tomcat-embed-el: Bean Validation interpolates its
			// messages with it
			"org.apache.tomcat.embed:tomcat-embed-core", "org.apache.tomcat.embed:tomcat-embed-websocket",
			"org.eclipse.jetty:*", "io.projectreactor.netty:*",
			// actuator's endpoints are served over HTTP
			"org.springframework.boot:spring-boot-starter-actuator",
			"org.springframework.boot:spring-boot-actuator-autoconfigure",
			// Kafka binder and client
			"org.springframework.cloud:spring-cloud-stream",
			"org.springframework.cloud:spring-cloud-stream-binder-kafka",
			"org.springframework.cloud:spring-cloud-stream-binder-kafka-core",
			"org.springframework.cloud:spring-cloud-starter-stream-kafka",
			"org.springframework.boot:spring-boot-starter-kafka", "org.springframework.boot:spring-boot-kafka",
			"org.springframework.kafka:*", "org.apache.kafka:*",
			// scraped metrics
			"io.micrometer:micrometer-registry-prometheus", "io.prometheus:*",
			// nothing logs through Log4j; without the bridge a cold start loads 70
			// classes fewer
			"org.apache.logging.log4j:log4j-to-slf4j",
			// build and development time only
			"org.springframework.boot:spring-boot-configuration-processor",
			"org.springframework.boot:spring-boot-devtools", "org.springframework.boot:spring-boot-docker-compose",
			"org.springframework.boot:spring-boot-testcontainers");

	private LambdaArtifact() {
	}

	/**
	 * Whether {@code groupId:artifactId} matches a pattern of {@link #DEFAULT_EXCLUDES}'s
	 * form.
	 * @param pattern {@code groupId:artifactId}, the artifact id may be {@code *}
	 * @param groupId the group id
	 * @param artifactId the artifact id
	 * @return whether it matches
	 */
	static boolean matches(String pattern, String groupId, String artifactId) {
		int colon = pattern.indexOf(':');
		String group = pattern.substring(0, colon);
		String artifact = pattern.substring(colon + 1);
		return group.equals(groupId) && (artifact.equals("*") || artifact.equals(artifactId));
	}

}

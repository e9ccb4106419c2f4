package dev.fnbridge.app;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * The fnbridge reference application: every function bean in the feature packages below,
 * served by whichever transport adapters are on the classpath.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class FnbridgeApplication {

	/**
	 * Starts the application.
	 * @param args command-line arguments, passed to Spring Boot
	 */
	public static void main(String[] args) {
		SpringApplication.run(FnbridgeApplication.class, args);
	}

}

package dev.fnbridge.app;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import dev.fnbridge.app.archfixture.LeakyFeature;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Feature packages hold business logic only: no web, messaging, Kafka or AWS types, so
 * the same function serves every transport.
 */
@AnalyzeClasses(packages = "dev.fnbridge.app", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTests {

	@ArchTest
	static final ArchRule featuresDependOnNoTransport = noClasses().that()
		.resideInAPackage("dev.fnbridge.app.(*)..")
		.should()
		.dependOnClassesThat()
		.resideInAnyPackage("org.springframework.web..", "org.springframework.http..", "jakarta.servlet..",
				"org.springframework.messaging..", "org.springframework.cloud.stream..", "org.springframework.kafka..",
				"org.apache.kafka..", "com.amazonaws..", "dev.fnbridge.http..", "dev.fnbridge.lambda..",
				"dev.fnbridge.stream..")
		.because("a feature is served unchanged over HTTP, Kafka and Lambda");

	@Test
	void catchesAFeatureThatImportsTransportCode() {
		JavaClasses leaky = new ClassFileImporter().importClasses(LeakyFeature.class);

		assertThat(featuresDependOnNoTransport.evaluate(leaky).hasViolation()).isTrue();
	}

}

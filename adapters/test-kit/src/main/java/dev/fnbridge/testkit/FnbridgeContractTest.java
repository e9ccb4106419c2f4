package dev.fnbridge.testkit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.Tag;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.kafka.test.context.EmbeddedKafka;

/**
 * Makes a {@link CrossTransportContracts} subclass a complete contract test of the
 * application: the application (found as Spring Boot finds it, the
 * {@code @SpringBootApplication} above the test's package) on a random HTTP port, an
 * embedded Kafka broker it is bound to, and the tag {@value #TAG}, by which Maven runs it
 * after {@code package} (failsafe {@code <groups>}), when the Lambda zip exists, whatever
 * the class is called:
 *
 * <pre class="code">
 * &#64;FnbridgeContractTest
 * class OrdersContracts extends CrossTransportContracts {
 * }
 * </pre>
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "spring.kafka.bootstrap-servers=${spring.embedded.kafka.brokers}",
				"fnbridge.kafka.enabled=true" })
@EmbeddedKafka(partitions = 1)
@Tag(FnbridgeContractTest.TAG)
public @interface FnbridgeContractTest {

	/**
	 * The JUnit tag of contract tests: exclude it from surefire, include it in failsafe.
	 */
	String TAG = "fnbridge-contract";

}

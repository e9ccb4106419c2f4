package dev.fnbridge.stream;

import java.util.concurrent.atomic.AtomicInteger;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Debug messages are not rendered when debug is off (the test logs at Logback's INFO),
 * and an application without the Log4j API still gets a working factory.
 */
class LevelCheckingLogFactoryTests {

	@Test
	void isTheFactoryCommonsLoggingUsesHere() {
		assertThat(LogFactory.getFactory()).isInstanceOf(LevelCheckingLogFactory.class);
	}

	@Test
	void leavesADebugMessageUnrenderedWhenDebugIsOff() {
		Rendered message = new Rendered();
		Log log = new LevelCheckingLogFactory().getInstance("dev.fnbridge.test.quiet");

		log.debug(message);
		log.info(message);

		assertThat(log.isDebugEnabled()).isFalse();
		assertThat(message.renderings).hasValue(1);
	}

	@Test
	void fallsBackToTheSlf4jAdapterWithoutTheLog4jApi() {
		Log log = new LevelCheckingLogFactory(false, true).getInstance("dev.fnbridge.test");

		assertThat(log.getClass().getName()).contains("Slf4j");
	}

	/** A message that counts how often it is rendered. */
	private static final class Rendered {

		private final AtomicInteger renderings = new AtomicInteger();

		@Override
		public String toString() {
			this.renderings.incrementAndGet();
			return "rendered";
		}

	}

}

package dev.fnbridge.stream;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.apache.commons.logging.impl.Log4jApiLogFactory;
import org.apache.commons.logging.impl.LogFactoryImpl;
import org.apache.commons.logging.impl.Slf4jLogFactory;

/**
 * commons-logging's factory for fnbridge applications, chosen by
 * {@code commons-logging.properties}: its Log4j API adapter whenever the Log4j API is on
 * the class path, else what commons-logging would pick.
 * <p>
 * With the Log4j-to-SLF4J bridge present (Spring Boot's logging starter) commons-logging
 * 1.3 picks its SLF4J adapter, whose {@code debug(Object)} renders the message before
 * SLF4J checks the level. Spring Integration logs every Kafka record at debug, whole
 * message included, so that cost 7 % of the consumer thread. The Log4j API adapter checks
 * the level first and still ends in SLF4J through the bridge. Without the Log4j API (an
 * application that excludes it) the SLF4J adapter remains, as before: naming the Log4j
 * adapter directly in the properties file would fail such an application at start-up.
 */
public final class LevelCheckingLogFactory extends LogFactory {

	private final LogFactory delegate;

	/** Creates the factory, as commons-logging does. */
	public LevelCheckingLogFactory() {
		this(present("org.apache.logging.log4j.LogManager"), present("org.slf4j.LoggerFactory"));
	}

	LevelCheckingLogFactory(boolean log4jApi, boolean slf4j) {
		if (log4jApi) {
			this.delegate = new Log4jApiLogFactory();
		}
		else if (slf4j) {
			this.delegate = new Slf4jLogFactory();
		}
		else {
			this.delegate = new LogFactoryImpl();
		}
	}

	@Override
	public Object getAttribute(String name) {
		return this.delegate.getAttribute(name);
	}

	@Override
	public String[] getAttributeNames() {
		return this.delegate.getAttributeNames();
	}

	@Override
	public Log getInstance(Class<?> clazz) {
		return this.delegate.getInstance(clazz);
	}

	@Override
	public Log getInstance(String name) {
		return this.delegate.getInstance(name);
	}

	@Override
	public void release() {
		this.delegate.release();
	}

	@Override
	public void removeAttribute(String name) {
		this.delegate.removeAttribute(name);
	}

	@Override
	public void setAttribute(String name, Object value) {
		this.delegate.setAttribute(name, value);
	}

	private static boolean present(String className) {
		try {
			Class.forName(className, false, LevelCheckingLogFactory.class.getClassLoader());
			return true;
		}
		catch (ClassNotFoundException | LinkageError ex) {
			return false;
		}
	}

}

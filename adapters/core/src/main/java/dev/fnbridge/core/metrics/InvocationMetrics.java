package dev.fnbridge.core.metrics;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import dev.fnbridge.core.error.ClassifiedError;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.slf4j.MDC;

/**
 * Records every function invocation under the same names on every transport:
 * <ul>
 * <li>{@value #INVOCATIONS} (timer) tagged {@code function}, {@code transport},
 * {@code outcome} ({@code success}, {@code client_error}, {@code server_error}) and
 * {@code error.type} (the error category slug, or {@code none});</li>
 * <li>{@value #PAYLOAD_SIZE} (distribution summary, bytes) tagged {@code function},
 * {@code transport};</li>
 * <li>{@value #IN_FLIGHT} (gauge) tagged {@code function}, {@code transport}.</li>
 * </ul>
 * Tags are bounded: {@code function} is always a resolved function definition, never raw
 * input, written with {@code |} between composed functions whichever separator the
 * transport used ({@code /a,b} over HTTP), so one function has one tag value everywhere.
 */
public class InvocationMetrics {

	/** The invocation timer's name. */
	public static final String INVOCATIONS = "fnbridge.function.invocations";

	/** The input payload size summary's name. */
	public static final String PAYLOAD_SIZE = "fnbridge.function.payload.size";

	/** The in-flight gauge's name. */
	public static final String IN_FLIGHT = "fnbridge.function.in.flight";

	/** MDC key naming the function in every log line of an invocation. */
	public static final String MDC_FUNCTION = "function";

	/** MDC key naming the transport in every log line of an invocation. */
	public static final String MDC_TRANSPORT = "transport";

	private static final String NONE = "none";

	private final MeterRegistry registry;

	private final Map<Key, Meters> meters = new ConcurrentHashMap<>();

	private final List<InvocationListener> listeners = new CopyOnWriteArrayList<>();

	/**
	 * Creates the recorder.
	 * @param registry where the meters go
	 */
	public InvocationMetrics(MeterRegistry registry) {
		this.registry = registry;
	}

	/**
	 * Starts timing one invocation.
	 * @param function the resolved function definition
	 * @param transport the transport carrying it
	 * @param payloadBytes the input size in bytes, or a negative number when unknown
	 * @return the running sample; call {@link Sample#success()} or
	 * {@link Sample#failure(ClassifiedError)} exactly once
	 */
	public Sample start(String function, Transport transport, long payloadBytes) {
		Meters forKey = this.meters.computeIfAbsent(new Key(function.replace(',', '|'), transport), this::register);
		if (payloadBytes >= 0) {
			forKey.payloadSize.record(payloadBytes);
		}
		forKey.inFlight.incrementAndGet();
		return new Sample(forKey, this.registry.config().clock().monotonicTime(), payloadBytes,
				MDC.putCloseable(MDC_FUNCTION, forKey.key().function()),
				MDC.putCloseable(MDC_TRANSPORT, forKey.key().transport().tag()));
	}

	/**
	 * Adds a listener told of every finished invocation, e.g. to write CloudWatch
	 * Embedded Metric Format lines where no registry is scraped.
	 * @param listener the listener
	 */
	public void addListener(InvocationListener listener) {
		this.listeners.add(listener);
	}

	private Meters register(Key key) {
		AtomicInteger inFlight = new AtomicInteger();
		Gauge.builder(IN_FLIGHT, inFlight, AtomicInteger::get)
			.description("Function invocations in progress")
			.tag("function", key.function())
			.tag("transport", key.transport().tag())
			.register(this.registry);
		DistributionSummary payloadSize = DistributionSummary.builder(PAYLOAD_SIZE)
			.description("Size of function inputs")
			.baseUnit("bytes")
			.tag("function", key.function())
			.tag("transport", key.transport().tag())
			.register(this.registry);
		return new Meters(key, inFlight, payloadSize, timer(key, "success", NONE));
	}

	private Timer timer(Key key, String outcome, String errorType) {
		return Timer.builder(INVOCATIONS)
			.description("Function invocations, by function, transport and outcome")
			.tag("function", key.function())
			.tag("transport", key.transport().tag())
			.tag("outcome", outcome)
			.tag("error.type", errorType)
			.register(this.registry);
	}

	private record Key(String function, Transport transport) {
	}

	private record Meters(Key key, AtomicInteger inFlight, DistributionSummary payloadSize, Timer success) {
	}

	/**
	 * One running invocation.
	 */
	public final class Sample {

		private final Meters meters;

		private final long startNanos;

		private final long payloadBytes;

		private final MDC.MDCCloseable function;

		private final MDC.MDCCloseable transport;

		private boolean stopped;

		private Sample(Meters meters, long startNanos, long payloadBytes, MDC.MDCCloseable function,
				MDC.MDCCloseable transport) {
			this.meters = meters;
			this.startNanos = startNanos;
			this.payloadBytes = payloadBytes;
			this.function = function;
			this.transport = transport;
		}

		/**
		 * Records a successful invocation.
		 */
		public void success() {
			stop(this.meters.success(), "success", NONE);
		}

		/**
		 * Records a failed invocation under its category's outcome and error type.
		 * @param error the classified failure
		 */
		public void failure(ClassifiedError error) {
			stop(timer(this.meters.key(), error.category().outcome(), error.category().slug()),
					error.category().outcome(), error.category().slug());
		}

		private void stop(Timer timer, String outcome, String errorType) {
			if (this.stopped) {
				return;
			}
			this.stopped = true;
			this.function.close();
			this.transport.close();
			this.meters.inFlight().decrementAndGet();
			long elapsed = InvocationMetrics.this.registry.config().clock().monotonicTime() - this.startNanos;
			timer.record(elapsed, java.util.concurrent.TimeUnit.NANOSECONDS);
			for (InvocationListener listener : InvocationMetrics.this.listeners) {
				listener.invoked(this.meters.key().function(), this.meters.key().transport(), outcome, errorType,
						elapsed, this.payloadBytes);
			}
		}

	}

}

package dev.fnbridge.core.invocation;

import java.util.concurrent.locks.ReentrantLock;

import org.jspecify.annotations.Nullable;

/**
 * Lets one thread at a time pass from a transport into a shared catalog function's
 * {@code apply} until fnbridge's around-wrapper has cleared the mark {@code apply} sets
 * (see {@link CatalogCalls}); the rest of the call runs in parallel. A Kafka binding read
 * on several threads enters its gate before each record reaches the function;
 * {@link TransportFunctionWrapper} leaves it as soon as it is entered, and the transport
 * leaves it again after the record in case the wrapper was never reached.
 */
public final class EntryGate {

	private static final ThreadLocal<@Nullable EntryGate> HELD = new ThreadLocal<>();

	private final ReentrantLock lock = new ReentrantLock();

	/**
	 * Waits until no other thread is between this gate and fnbridge's around-wrapper.
	 * Entering a gate already held by this thread does nothing.
	 */
	public void enter() {
		EntryGate held = HELD.get();
		if (held == this) {
			return;
		}
		if (held != null) {
			leaveHeld();
		}
		this.lock.lock();
		HELD.set(this);
	}

	/** Leaves the gate this thread holds, if any. */
	public static void leaveHeld() {
		EntryGate held = HELD.get();
		if (held != null) {
			HELD.remove();
			held.lock.unlock();
		}
	}

}

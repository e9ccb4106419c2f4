package dev.fnbridge.core.invocation;

import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

/**
 * Deals with one record of a consumed batch that failed, so that its neighbours in the
 * batch are not held back by it: the transport retries the record if its error may pass,
 * then dead-letters it, inside the batch (and its transaction, in exactly-once mode). The
 * message transport module provides it (fnbridge-stream); without one, a failed record
 * fails its whole batch.
 */
public interface BatchRecordFailures {

	/**
	 * Handles a failed record of the batch being processed on this thread.
	 * @param function the function definition
	 * @param index the record's position in the batch
	 * @param error the failure
	 * @param retry invokes the record again and returns its output
	 * @return the record's output if a retry succeeded, or {@code null} once the record
	 * is dead-lettered
	 * @throws RuntimeException if the record can be neither processed nor dead-lettered:
	 * the batch fails as a whole and is consumed again
	 */
	@Nullable Object failed(String function, int index, RuntimeException error, Supplier<@Nullable Object> retry);

}

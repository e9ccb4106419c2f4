package dev.fnbridge.core.invocation;

import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

/**
 * How a message transport's consumed batches (a Kafka binding in batch mode) are handled:
 * a failed record is dealt with on its own, so that its neighbours in the batch are not
 * held back by it (the transport retries the record if its error may pass, then
 * dead-letters it, inside the batch and, in exactly-once mode, its transaction), and
 * whether a function of a list gets the batch as one call. The message transport module
 * provides it (fnbridge-stream); without one, a failed record fails its whole batch.
 */
public interface RecordBatches {

	/**
	 * Whether a function of a {@code List} (or other collection) gets a batch's records
	 * as one call (a batch function), or is invoked per record like any function, each
	 * record read as the list.
	 * @return whether list functions take the batch
	 */
	boolean listFunctionsTakeTheBatch();

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

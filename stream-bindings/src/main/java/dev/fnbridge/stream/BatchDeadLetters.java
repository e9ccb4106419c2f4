package dev.fnbridge.stream;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import dev.fnbridge.core.invocation.EntryGate;
import dev.fnbridge.core.invocation.RecordBatches;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.errors.InterruptException;
import org.jspecify.annotations.Nullable;

import org.springframework.kafka.listener.BatchInterceptor;
import org.springframework.util.backoff.BackOffExecution;

/**
 * The failed records of a batch-mode binding ({@code consumer.batch-mode=true}): a record
 * whose error may pass is invoked again with its binding's backoff, and dead-lettered
 * once the attempts are spent; invalid input is dead-lettered at once. All of it happens
 * inside the batch, so the records after it go on, and in exactly-once mode the dead
 * letter is part of the batch's transaction: committed with the outputs and offsets, or
 * not at all.
 * <p>
 * The container's {@link #interceptor batch interceptor} makes the batch's records, its
 * binding's policy and its dead-letter sender current on the consumer thread while the
 * listener runs.
 */
final class BatchDeadLetters implements RecordBatches {

	private static final ThreadLocal<@Nullable Batch> CURRENT = new ThreadLocal<>();

	private final boolean batchFunctions;

	BatchDeadLetters(boolean batchFunctions) {
		this.batchFunctions = batchFunctions;
	}

	@Override
	public boolean listFunctionsTakeTheBatch() {
		return this.batchFunctions;
	}

	@Override
	public @Nullable Object failed(String function, int index, RuntimeException error,
			Supplier<@Nullable Object> retry) {
		Batch batch = CURRENT.get();
		if (batch == null || index >= batch.records().size()) {
			throw error;
		}
		RuntimeException last = error;
		int attempts = 1;
		BackOffExecution backOff = batch.policy().backOff().start();
		while (!StreamErrors.classify(last).category().isClientError()) {
			long wait = backOff.nextBackOff();
			if (wait == BackOffExecution.STOP) {
				break;
			}
			sleep(wait);
			attempts++;
			try {
				return retry.get();
			}
			catch (RuntimeException ex) {
				last = ex;
			}
		}
		batch.deadLetters().send(batch.records().get(index), last, attempts);
		return null;
	}

	/**
	 * The interceptor of one batch-mode container: the batch current while the listener
	 * runs, the binding's entry gate (see {@link EntryGate}), and the output flush before
	 * each commit (at-least-once).
	 * @param policy the binding's retries and dead-letter topic
	 * @param deadLetters sends a record's dead letter
	 * @param outputs the output flush
	 * @return the interceptor
	 */
	static BatchInterceptor<Object, Object> interceptor(DeadLetterPolicy policy, DeadLetterSender deadLetters,
			OutputFlush outputs) {
		EntryGate gate = new EntryGate();
		return new BatchInterceptor<>() {

			@Override
			public ConsumerRecords<Object, Object> intercept(ConsumerRecords<Object, Object> records,
					Consumer<Object, Object> consumer) {
				List<ConsumerRecord<?, ?>> list = new ArrayList<>(records.count());
				records.forEach(list::add);
				CURRENT.set(new Batch(list, policy, deadLetters));
				gate.enter();
				return records;
			}

			@Override
			public void success(ConsumerRecords<Object, Object> records, Consumer<Object, Object> consumer) {
				done();
			}

			@Override
			public void failure(ConsumerRecords<Object, Object> records, Exception exception,
					Consumer<Object, Object> consumer) {
				done();
			}

			@Override
			public void clearThreadState(Consumer<?, ?> consumer) {
				done();
				outputs.flush();
			}

			private void done() {
				CURRENT.remove();
				EntryGate.leaveHeld();
			}

		};
	}

	private static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new InterruptException(ex);
		}
	}

	/** Sends one record's dead letter, or throws. */
	@FunctionalInterface
	interface DeadLetterSender {

		/**
		 * Sends the record to its dead-letter topic and waits for the acknowledgement.
		 * @param record the failed record
		 * @param error its last failure
		 * @param attempts how often it was invoked
		 */
		void send(ConsumerRecord<?, ?> record, Exception error, int attempts);

	}

	private record Batch(List<ConsumerRecord<?, ?>> records, DeadLetterPolicy policy, DeadLetterSender deadLetters) {
	}

}

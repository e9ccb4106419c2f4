package dev.fnbridge.core.invocation;

import java.util.Map;

import org.springframework.messaging.MessageHeaders;

/**
 * Traces each record a message transport (Kafka) hands to a function: one span per
 * record, continuing the trace in the record's headers and written into the output
 * record's headers. The transport module provides it (fnbridge-stream, with Micrometer
 * Tracing); without one, records are not traced.
 */
public interface RecordTracing {

	/**
	 * Opens the span of one record's invocation and makes it current.
	 * @param function the function definition
	 * @param input the consumed record's headers, which may carry a trace context
	 * @return the open span
	 */
	RecordSpan open(String function, MessageHeaders input);

	/** The span of one record's invocation; closing it ends it. */
	interface RecordSpan extends AutoCloseable {

		/**
		 * Writes this span's context into an output record's headers, replacing any
		 * context copied from the input.
		 * @param output the output headers
		 */
		void inject(Map<String, Object> output);

		/**
		 * Marks the invocation as failed.
		 * @param error the failure
		 */
		void error(Throwable error);

		@Override
		void close();

	}

}

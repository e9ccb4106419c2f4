package dev.fnbridge.lambda;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import dev.fnbridge.core.metrics.InvocationListener;
import dev.fnbridge.core.metrics.Transport;
import org.slf4j.MDC;

/**
 * Writes each invocation as one CloudWatch Embedded Metric Format line on stdout: Lambda
 * ships stdout to CloudWatch Logs, which extracts the metrics, so there is no API call on
 * the hot path. Namespace {@value #NAMESPACE}; metrics
 * {@code fnbridge.function.invocations} (milliseconds) and
 * {@code fnbridge.function.payload.size} (bytes); dimensions {@code function},
 * {@code transport}, {@code outcome}, and {@code function} alone; {@code error.type} is a
 * property (searchable in Logs Insights, not a dimension), as are {@code traceId} and
 * {@code requestId}.
 */
final class EmbeddedMetricFormat implements InvocationListener {

	static final String NAMESPACE = "fnbridge";

	/** The MDC key Micrometer Tracing keeps the current trace id under. */
	static final String TRACE_ID = "traceId";

	/** The metric directive up to its timestamp: the same on every line. */
	private static final String METADATA = "{\"_aws\":{\"CloudWatchMetrics\":[{\"Namespace\":\"" + NAMESPACE + "\","
			+ "\"Dimensions\":[[\"function\",\"transport\",\"outcome\"],[\"function\"]],"
			+ "\"Metrics\":[{\"Name\":\"fnbridge.function.invocations\",\"Unit\":\"Milliseconds\"},"
			+ "{\"Name\":\"fnbridge.function.payload.size\",\"Unit\":\"Bytes\"}]}],\"Timestamp\":";

	private final PrintStream out;

	EmbeddedMetricFormat(PrintStream out) {
		this.out = out;
	}

	@Override
	public void invoked(String function, Transport transport, String outcome, String errorType, long durationNanos,
			long payloadBytes) {
		StringBuilder line = new StringBuilder(420);
		line.append(METADATA)
			.append(System.currentTimeMillis())
			.append("},\"function\":\"")
			.append(escape(function))
			.append("\",\"transport\":\"")
			.append(transport.tag())
			.append("\",\"outcome\":\"")
			.append(outcome)
			.append("\",\"error.type\":\"")
			.append(errorType)
			.append("\",\"fnbridge.function.invocations\":");
		appendMillis(line, durationNanos);
		line.append(",\"fnbridge.function.payload.size\":").append(Math.max(payloadBytes, 0));
		// Not dimensions: properties that link the data point to its trace and request
		// (several requests run at once on Lambda Managed Instances).
		String traceId = MDC.get(TRACE_ID);
		if (traceId != null && !traceId.isEmpty()) {
			line.append(",\"traceId\":\"").append(escape(traceId)).append('"');
		}
		String requestId = MDC.get(FunctionHandler.REQUEST_ID);
		if (requestId != null && !requestId.isEmpty()) {
			line.append(",\"requestId\":\"").append(escape(requestId)).append('"');
		}
		line.append("}\n");
		// One write of bytes and a flush: the runtime's stdout is not auto-flushed, and
		// println's character encoder was a tenth of this method.
		byte[] bytes = line.toString().getBytes(StandardCharsets.UTF_8);
		this.out.write(bytes, 0, bytes.length);
		this.out.flush();
	}

	/**
	 * Milliseconds with three decimals, without formatting a double (a tenth of this
	 * method's time on a warm invocation).
	 */
	static void appendMillis(StringBuilder line, long nanos) {
		long micros = Math.max(nanos, 0) / 1000;
		long fraction = micros % 1000;
		line.append(micros / 1000).append('.');
		if (fraction < 100) {
			line.append('0');
		}
		if (fraction < 10) {
			line.append('0');
		}
		line.append(fraction);
	}

	private static String escape(String text) {
		if (text.indexOf('"') < 0 && text.indexOf('\\') < 0) {
			return text;
		}
		return text.replace("\\", "\\\\").replace("\"", "\\\"");
	}

}

package dev.fnbridge.lambda;

/**
 * Lambda's X-Ray trace header as the parent of the invocation's span: X-Ray's trace id
 * {@code 1-5759e988-bd862e3fe1be46a994272793} is the W3C trace id
 * {@code 5759e988bd862e3fe1be46a994272793}, its {@code Parent} the parent span id. Used
 * only where an event carries no trace of its own (a caller's {@code traceparent} or B3
 * headers win), and only when X-Ray samples it ({@link #continued}).
 * <p>
 * Read with a scanner and handed to the tracer as a parent context, not rewritten into a
 * {@code traceparent} for the propagators: on the warm path, splitting, streams and the
 * composite propagator's extraction cost about a tenth of fnbridge's handler time.
 *
 * @param traceId the trace id, 32 lower-case hex digits
 * @param spanId the parent span id, 16 lower-case hex digits
 * @param sampled whether X-Ray samples the trace
 */
record XrayTrace(String traceId, String spanId, boolean sampled) {

	/** {@code 1-} + 8 hex digits + {@code -} + 24 hex digits. */
	private static final int ROOT_LENGTH = 35;

	/**
	 * The trace to continue: the header's, when X-Ray samples it (the function's tracing
	 * is {@code Active}). An unsampled X-Ray trace is not continued: its parent would
	 * make the application's sampler drop every span, where it otherwise samples (and
	 * exports) them by its own probability.
	 * @param header the invocation's X-Ray trace header, or {@code null}
	 * @return the sampled trace, or {@code null}
	 */
	static XrayTrace continued(String header) {
		XrayTrace trace = parse(header);
		return (trace != null && trace.sampled()) ? trace : null;
	}

	/**
	 * Reads the header.
	 * @param header {@code Root=1-<8 hex>-<24 hex>;Parent=<16 hex>;Sampled=<0|1>} (fields
	 * in any order, others ignored), or {@code null}
	 * @return the trace, or {@code null} when the header is missing, has no root or
	 * parent, or either is malformed
	 */
	static XrayTrace parse(String header) {
		if (header == null) {
			return null;
		}
		String root = null;
		String parent = null;
		boolean sampled = false;
		int start = 0;
		int length = header.length();
		while (start < length) {
			int end = header.indexOf(';', start);
			if (end < 0) {
				end = length;
			}
			int equals = header.indexOf('=', start);
			if (equals > start && equals < end) {
				String value = header.substring(equals + 1, end).strip();
				if (isField(header, start, equals, "Root")) {
					root = value;
				}
				else if (isField(header, start, equals, "Parent")) {
					parent = value;
				}
				else if (isField(header, start, equals, "Sampled")) {
					sampled = value.equals("1");
				}
			}
			start = end + 1;
		}
		if (root == null || parent == null || root.length() != ROOT_LENGTH || !root.startsWith("1-")
				|| root.charAt(10) != '-') {
			return null;
		}
		String traceId = root.substring(2, 10) + root.substring(11);
		if (!isHex(traceId, 32) || !isHex(parent, 16)) {
			return null;
		}
		return new XrayTrace(traceId, parent, sampled);
	}

	private static boolean isField(String header, int start, int equals, String name) {
		int from = start;
		while (from < equals && header.charAt(from) == ' ') {
			from++;
		}
		int to = equals;
		while (to > from && header.charAt(to - 1) == ' ') {
			to--;
		}
		return to - from == name.length() && header.regionMatches(from, name, 0, name.length());
	}

	/** Lower-case hex of that length, not all zeros (W3C's invalid id). */
	private static boolean isHex(String text, int length) {
		if (text.length() != length) {
			return false;
		}
		boolean nonZero = false;
		for (int i = 0; i < length; i++) {
			char c = text.charAt(i);
			if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
				return false;
			}
			nonZero |= c != '0';
		}
		return nonZero;
	}

}

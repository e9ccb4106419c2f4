package dev.fnbridge.lambda;

import java.util.HashMap;
import java.util.Map;

/**
 * Lambda's X-Ray trace header as the W3C {@code traceparent} Micrometer Tracing
 * continues: X-Ray's trace id {@code 1-5759e988-bd862e3fe1be46a994272793} is the W3C
 * trace id {@code 5759e988bd862e3fe1be46a994272793}, its {@code Parent} the parent span
 * id. Used only where an event carries no trace of its own (a caller's
 * {@code traceparent} or B3 headers win).
 */
final class XrayTrace {

	/** The carrier fields that mean an event brought its own trace. */
	private static final String[] CALLER_FIELDS = { "traceparent", "b3", "x-b3-traceid" };

	private XrayTrace() {
	}

	/**
	 * The carrier, or a copy with the X-Ray trace as {@code traceparent} when the carrier
	 * has no trace and the header a root and a parent.
	 * @param carrier the event's trace fields, keys in lower case
	 * @param header the X-Ray trace header, or {@code null}
	 * @return the carrier to continue
	 */
	static Map<String, String> orCarrier(Map<String, String> carrier, String header) {
		if (header == null || header.isEmpty()) {
			return carrier;
		}
		for (String field : CALLER_FIELDS) {
			if (carrier.containsKey(field)) {
				return carrier;
			}
		}
		String traceparent = traceparent(header);
		if (traceparent == null) {
			return carrier;
		}
		Map<String, String> withXray = new HashMap<>(carrier);
		withXray.put("traceparent", traceparent);
		return withXray;
	}

	/**
	 * The header as a {@code traceparent}.
	 * @param header {@code Root=1-<8 hex>-<24 hex>;Parent=<16 hex>;Sampled=<0|1>} (fields
	 * in any order, others ignored)
	 * @return the {@code traceparent}, or {@code null} when root or parent are missing or
	 * malformed
	 */
	static String traceparent(String header) {
		String root = null;
		String parent = null;
		boolean sampled = false;
		for (String field : header.split(";")) {
			int equals = field.indexOf('=');
			if (equals < 0) {
				continue;
			}
			String name = field.substring(0, equals).strip();
			String value = field.substring(equals + 1).strip();
			switch (name) {
				case "Root" -> root = value;
				case "Parent" -> parent = value;
				case "Sampled" -> sampled = value.equals("1");
				default -> {
				}
			}
		}
		if (root == null || parent == null || root.length() != 35 || !root.startsWith("1-") || root.charAt(10) != '-') {
			return null;
		}
		String traceId = root.substring(2, 10) + root.substring(11);
		if (!isHex(traceId, 32) || !isHex(parent, 16) || traceId.chars().allMatch((c) -> c == '0')
				|| parent.chars().allMatch((c) -> c == '0')) {
			return null;
		}
		return "00-" + traceId + "-" + parent + (sampled ? "-01" : "-00");
	}

	private static boolean isHex(String text, int length) {
		if (text.length() != length) {
			return false;
		}
		for (int i = 0; i < length; i++) {
			char c = text.charAt(i);
			if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
				return false;
			}
		}
		return true;
	}

}

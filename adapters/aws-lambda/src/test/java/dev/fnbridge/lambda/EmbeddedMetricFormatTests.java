package dev.fnbridge.lambda;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import dev.fnbridge.core.metrics.Transport;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

class EmbeddedMetricFormatTests {

	private final ByteArrayOutputStream stdout = new ByteArrayOutputStream();

	@Test
	void writesOneJsonLinePerInvocationWithItsRequestAndTrace() {
		try (MDC.MDCCloseable request = MDC.putCloseable(FunctionHandler.REQUEST_ID, "req-1");
				MDC.MDCCloseable trace = MDC.putCloseable(EmbeddedMetricFormat.TRACE_ID, "4bf92f3577b34da6")) {
			new EmbeddedMetricFormat(new PrintStream(this.stdout)).invoked("grüße", Transport.LAMBDA, "success", "none",
					1_234_567, 42);
		}

		String output = this.stdout.toString(StandardCharsets.UTF_8);
		assertThat(output).endsWith("}\n").hasLineCount(1);
		JsonNode line = JsonMapper.builder().build().readTree(output);
		assertThat(line.path("_aws").path("CloudWatchMetrics").get(0).path("Namespace").asString())
			.isEqualTo("fnbridge");
		assertThat(line.path("function").asString()).isEqualTo("grüße");
		assertThat(line.path("fnbridge.function.invocations").asDouble()).isEqualTo(1.234);
		assertThat(line.path("fnbridge.function.payload.size").asLong()).isEqualTo(42);
		assertThat(line.path("requestId").asString()).isEqualTo("req-1");
		assertThat(line.path("traceId").asString()).isEqualTo("4bf92f3577b34da6");
	}

	@Test
	void writesMillisecondsWithThreeDecimals() {
		assertThat(millis(0)).isEqualTo("0.000");
		assertThat(millis(5_000)).isEqualTo("0.005");
		assertThat(millis(45_600)).isEqualTo("0.045");
		assertThat(millis(1_000_000)).isEqualTo("1.000");
		assertThat(millis(12_345_678_901L)).isEqualTo("12345.678");
	}

	private static String millis(long nanos) {
		StringBuilder line = new StringBuilder();
		EmbeddedMetricFormat.appendMillis(line, nanos);
		return line.toString();
	}

}

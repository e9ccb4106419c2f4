package dev.fnbridge.lambda.local;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class CpuLimitTests {

	/** A fixed amount of shell arithmetic: about 0.3 s on one core. */
	private static final List<String> WORK = List.of("/bin/sh", "-c",
			"i=0; while [ $i -lt 400000 ]; do i=$((i+1)); done");

	@Test
	void holdsAProcessToItsShareOfACpu() throws Exception {
		CpuLimit limit;
		try {
			limit = CpuLimit.of(0.2);
		}
		catch (IOException ex) {
			Assumptions.abort("no CPU-limited cgroup can be made here: " + ex.getMessage());
			return;
		}
		try (limit) {
			long free = run(WORK);
			long limited = run(limit.wrap(WORK));

			// A fifth of a CPU: about five times as long; noise stays well below that.
			assertThat(limited).as("limited %d ms vs free %d ms", limited, free).isGreaterThan(free * 5 / 2);
		}
	}

	@Test
	void refusesAShareThatIsNotPositive() {
		assertThatIllegalArgumentException().isThrownBy(() -> CpuLimit.of(0));
	}

	private static long run(List<String> command) throws Exception {
		long start = System.nanoTime();
		Process process = new ProcessBuilder(command).inheritIO().start();
		assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
		assertThat(process.exitValue()).isZero();
		return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
	}

}

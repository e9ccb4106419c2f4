package dev.fnbridge.lambda.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A share of the CPU for a function's process, the way Lambda gives a function
 * {@code memory / 1,769 MB} of a vCPU while the JVM still sees two processors: a cgroup
 * with a CPU quota (cgroup v2 {@code cpu.max}, or v1 {@code cpu.cfs_quota_us}). Needs
 * root and a CPU controller; {@link #of(double)} says so when either is missing.
 */
public final class CpuLimit implements AutoCloseable {

	private static final long PERIOD_MICROS = 100_000;

	private final Path group;

	private final double cpus;

	private CpuLimit(Path group, double cpus) {
		this.group = group;
		this.cpus = cpus;
	}

	/**
	 * Creates a cgroup limited to {@code cpus} CPUs of time.
	 * @param cpus the share, e.g. {@code 1024 / 1769.0} for a 1,024 MB function
	 * @return the limit, to pass to {@link LocalLambda}'s start methods
	 * @throws IOException if there is no CPU controller, or it cannot be written
	 */
	public static CpuLimit of(double cpus) throws IOException {
		if (cpus <= 0) {
			throw new IllegalArgumentException("A CPU share must be positive: " + cpus);
		}
		String quota = Long.toString(Math.max(1_000, Math.round(cpus * PERIOD_MICROS)));
		String name = "fnbridge-local-" + ProcessHandle.current().pid();
		Path v2 = Path.of("/sys/fs/cgroup");
		Path v1 = v2.resolve("cpu");
		try {
			if (Files.isRegularFile(v2.resolve("cgroup.controllers"))
					&& Files.readString(v2.resolve("cgroup.controllers")).contains("cpu")) {
				Path group = Files.createDirectories(v2.resolve(name));
				Files.writeString(group.resolve("cpu.max"), quota + " " + PERIOD_MICROS);
				return usable(new CpuLimit(group, cpus));
			}
			if (Files.isRegularFile(v1.resolve("cpu.cfs_quota_us"))) {
				Path group = Files.createDirectories(v1.resolve(name));
				Files.writeString(group.resolve("cpu.cfs_period_us"), Long.toString(PERIOD_MICROS));
				Files.writeString(group.resolve("cpu.cfs_quota_us"), quota);
				return usable(new CpuLimit(group, cpus));
			}
		}
		catch (IOException ex) {
			throw new IOException("Cannot create a CPU-limited cgroup under " + v2 + " (root is needed): " + ex, ex);
		}
		throw new IOException("No cgroup CPU controller (" + v2 + "/cgroup.controllers with cpu, or " + v1
				+ "/cpu.cfs_quota_us): a CPU limit needs one");
	}

	/**
	 * The limit, once a process has been moved into its cgroup (a container may let root
	 * create one but not use it).
	 */
	private static CpuLimit usable(CpuLimit limit) throws IOException {
		try {
			Process probe = new ProcessBuilder(limit.wrap(List.of("true"))).redirectErrorStream(true).start();
			String output = new String(probe.getInputStream().readAllBytes()).trim();
			if (probe.waitFor() != 0) {
				throw new IOException("Cannot move a process into " + limit.group + ": " + output);
			}
			return limit;
		}
		catch (IOException | RuntimeException ex) {
			limit.close();
			throw ex;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			limit.close();
			throw new IOException("Interrupted while probing " + limit.group, ex);
		}
	}

	/**
	 * The CPU share of a Lambda function of this memory size: {@code memory / 1,769 MB}
	 * of a vCPU, as AWS documents.
	 * @param memoryMb the function's memory in MB
	 * @return the limit
	 * @throws IOException if there is no CPU controller, or it cannot be written
	 */
	public static CpuLimit ofLambdaMemory(int memoryMb) throws IOException {
		return of(memoryMb / 1769.0);
	}

	/**
	 * JVM options that show the JVM what a Lambda function of this size sees: two
	 * processors (whatever its CPU share) and its memory as the machine's.
	 * @param memoryMb the function's memory in MB
	 * @return the options
	 */
	public static List<String> lambdaJvmOptions(int memoryMb) {
		return List.of("-XX:ActiveProcessorCount=2", "-XX:MaxRAM=" + memoryMb + "m");
	}

	/**
	 * The share of a CPU.
	 * @return the CPUs of time per second
	 */
	public double cpus() {
		return this.cpus;
	}

	/** The command, moved into the cgroup before it starts (its children stay there). */
	List<String> wrap(List<String> command) {
		List<String> wrapped = new ArrayList<>(List.of("/bin/sh", "-c",
				"echo $$ > '" + this.group.resolve("cgroup.procs") + "' && exec \"$@\"", "cpu-limited"));
		wrapped.addAll(command);
		return wrapped;
	}

	/** Removes the cgroup; the processes in it must have exited. */
	@Override
	public void close() throws IOException {
		Files.deleteIfExists(this.group);
	}

}

package dev.fnbridge.maven;

import java.io.File;
import java.util.ArrayList;
import java.util.List;

import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Invokes the Lambda zip with AWS event files, through AWS's runtime interface client and
 * a local Runtime API (no Docker), and prints each response:
 * {@code ./mvnw fnbridge:invoke -Dfnbridge.event=src/test/resources/events/apigw-v2-hello.json
 * -Dfnbridge.env=SPRING_CLOUD_FUNCTION_DEFINITION=hello}. Fails on a function error.
 */
@Mojo(name = "invoke", threadSafe = true)
public class InvokeMojo extends LocalRuntimeMojo {

	/** The event files, one invocation each, in one execution environment. */
	@Parameter(property = "fnbridge.event", required = true)
	private List<File> events;

	/** The handler. */
	@Parameter(property = "fnbridge.handler", defaultValue = "dev.fnbridge.lambda.FunctionHandler")
	private String handler;

	/** JVM options, as {@code JAVA_TOOL_OPTIONS}. */
	@Parameter(property = "fnbridge.jvmOptions")
	private List<String> jvmOptions = new ArrayList<>();

	/** Rehearse a SnapStart start (checkpoint hooks, restore, restore hooks). */
	@Parameter(property = "fnbridge.snapStart", defaultValue = "false")
	private boolean snapStart;

	/**
	 * A runtime layer zip (or a JDK home): run the zip's bootstrap as on
	 * {@code provided.al2023}.
	 */
	@Parameter(property = "fnbridge.customRuntime")
	private File customRuntime;

	/** The memory size in MB: the CPU share and memory Lambda gives it (root only). */
	@Parameter(property = "fnbridge.memory", defaultValue = "0")
	private int memory;

	/** Fail the build on a function error. */
	@Parameter(property = "fnbridge.failOnError", defaultValue = "true")
	private boolean failOnError;

	@Override
	public void execute() throws MojoExecutionException, MojoFailureException {
		List<String> arguments = new ArrayList<>(
				List.of("--artifact", requireZip().getPath(), "--handler", this.handler));
		for (File event : this.events) {
			if (!event.isFile()) {
				throw new MojoExecutionException("No event file " + event);
			}
			arguments.addAll(List.of("--event", event.getPath()));
		}
		arguments.addAll(environmentArguments());
		for (String option : this.jvmOptions) {
			arguments.addAll(List.of("--jvm-option", option));
		}
		if (this.snapStart) {
			arguments.add("--snap-start");
		}
		if (this.customRuntime != null) {
			arguments.addAll(List.of("--custom-runtime", this.customRuntime.getPath()));
		}
		if (this.memory > 0) {
			arguments.addAll(List.of("--memory", Integer.toString(this.memory)));
		}
		int exit = fork("dev.fnbridge.lambda.local.LocalInvoke", arguments);
		if (exit == 1 && !this.failOnError) {
			getLog().warn("The function answered with a function error");
			return;
		}
		check(exit, "fnbridge:invoke");
	}

}

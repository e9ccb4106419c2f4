package dev.fnbridge.lambda;

import org.springframework.boot.autoconfigure.AutoConfigurationImportFilter;
import org.springframework.boot.autoconfigure.AutoConfigurationMetadata;

/**
 * Keeps the AWS adapter's auto-configuration out of every application context: its
 * message converter claims every JSON output, which would change what Spring Cloud
 * Function writes over Kafka. {@code FunctionInvoker} registers that configuration itself
 * when it is the handler, and only then is it needed.
 */
public final class AdapterAutoConfigurationFilter implements AutoConfigurationImportFilter {

	private static final String ADAPTER_CONFIGURATION = "org.springframework.cloud.function.adapter.aws.AWSCompanionAutoConfiguration";

	@Override
	public boolean[] match(String[] autoConfigurationClasses, AutoConfigurationMetadata metadata) {
		boolean[] matches = new boolean[autoConfigurationClasses.length];
		for (int i = 0; i < matches.length; i++) {
			matches[i] = !ADAPTER_CONFIGURATION.equals(autoConfigurationClasses[i]);
		}
		return matches;
	}

}

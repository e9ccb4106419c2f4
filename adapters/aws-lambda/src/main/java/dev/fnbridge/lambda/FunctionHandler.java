package dev.fnbridge.lambda;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;

/**
 * The Lambda handler: {@code dev.fnbridge.lambda.FunctionHandler}. The application starts
 * once per execution environment, in the init phase (and so into a SnapStart snapshot),
 * by {@link LambdaBootstrap}; each invocation is then dispatched by
 * {@link LambdaDispatcher} to the envelope of its event source.
 */
public class FunctionHandler implements RequestStreamHandler {

	/**
	 * The MDC key of the invocation's request id, as AWS's own log appenders name it: log
	 * and metric lines written while it runs carry it.
	 */
	public static final String REQUEST_ID = "AWSRequestId";

	private static final LambdaDispatcher dispatcher = LambdaBootstrap.boot();

	static {
		SnapStartPriming.register(dispatcher);
	}

	/**
	 * Handles one event.
	 * @param input the event JSON
	 * @param output where the response goes
	 * @param context the Lambda context: request id and X-Ray trace header, both per
	 * invocation (several run at once on Lambda Managed Instances, so neither is read
	 * from process-wide state)
	 * @throws IOException if the streams fail
	 * @throws LambdaFunctionError for a function error, without stack trace
	 */
	@Override
	public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
		output.write(dispatcher.dispatch(input.readAllBytes(), context));
	}

}

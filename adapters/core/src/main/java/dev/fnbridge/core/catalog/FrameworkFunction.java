package dev.fnbridge.core.catalog;

/**
 * Marks a function bean that is part of a transport, not of the application: it is in
 * Spring Cloud Function's catalog only so that a third-party entry point can find it (the
 * AWS adapter's {@code FunctionInvoker} looks its function up there), and it is neither
 * routed to, listed nor composed.
 */
public interface FrameworkFunction {

}

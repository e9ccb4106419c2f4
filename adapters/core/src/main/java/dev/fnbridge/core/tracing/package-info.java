/**
 * Trace context carried by the transports: one span per invocation, continued from the
 * caller.
 */
package dev.fnbridge.core.tracing;

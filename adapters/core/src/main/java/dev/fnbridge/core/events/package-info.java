/**
 * Asynchronous invocation: events published to a function's input.
 */
package dev.fnbridge.core.events;

/**
 * The Kafka transport: every function bound to topics by Spring Cloud Stream, with
 * fnbridge's error policy on top. A validation error goes straight to the input topic's
 * dead-letter topic; any other failure is retried with exponential backoff, then
 * dead-lettered. Dead letters keep the original bytes, key and headers and say why in
 * {@code fnbridge-*} headers. Bindings are off when no broker is configured, so an
 * HTTP-only start never waits on Kafka.
 */
package dev.fnbridge.stream;

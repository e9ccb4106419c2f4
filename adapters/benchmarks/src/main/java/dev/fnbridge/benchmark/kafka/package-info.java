/**
 * The baseline of the Kafka throughput benchmark: the same work as {@code hello} in a
 * plain Kafka client loop.
 */
package dev.fnbridge.benchmark.kafka;

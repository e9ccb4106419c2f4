/**
 * One set of invocation metrics for every transport: the same names and tags whether a
 * function ran for an HTTP request, a Kafka record or a Lambda event.
 */
package dev.fnbridge.core.metrics;

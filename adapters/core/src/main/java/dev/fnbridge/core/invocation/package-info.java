/**
 * Invocation of catalog functions for message-based transports (Kafka, Lambda): strict
 * payload reading, record keys and invocation metrics around Spring Cloud Function.
 */
package dev.fnbridge.core.invocation;

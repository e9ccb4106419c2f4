/**
 * The one error model every transport maps: a function signals bad input with
 * {@link dev.fnbridge.core.error.InvalidInputException}, a retryable failure with
 * {@link dev.fnbridge.core.error.TransientFailureException}, and
 * {@link dev.fnbridge.core.error.ErrorClassifier} sorts any throwable into an
 * {@link dev.fnbridge.core.error.ErrorCategory} that HTTP, Kafka and Lambda each turn
 * into their own response.
 */
package dev.fnbridge.core.error;

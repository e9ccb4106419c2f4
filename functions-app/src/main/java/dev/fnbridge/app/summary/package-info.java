/**
 * Data processing: {@code summarizeReadings} turns a batch of readings into per-device
 * statistics.
 */
package dev.fnbridge.app.summary;

/**
 * Data processing: {@code summarizeReadings} turns a batch of readings (at most
 * {@code fnbridge.summary.max-readings}) into per-device statistics.
 */
package dev.fnbridge.app.summary;

/**
 * IoT telemetry: sensor readings are validated ({@code validateReading}), enriched with
 * device metadata ({@code enrichReading}) and checked against thresholds
 * ({@code detectAnomaly}). The three compose as one pipeline:
 * {@code validateReading|enrichReading|detectAnomaly}.
 */
package dev.fnbridge.app.telemetry;

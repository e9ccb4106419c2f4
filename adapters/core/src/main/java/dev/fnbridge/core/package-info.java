/**
 * What every transport shares. Feature code may use {@link dev.fnbridge.core.RecordKey}
 * and the exceptions of {@link dev.fnbridge.core.error}; nothing here knows a transport.
 */
package dev.fnbridge.core;

/**
 * JSON payload reading shared by every transport, with caller-safe error messages.
 */
package dev.fnbridge.core.json;

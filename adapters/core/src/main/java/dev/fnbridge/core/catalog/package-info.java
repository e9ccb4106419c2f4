/**
 * What an application serves, described: JSON Schemas of function inputs and outputs, and
 * the descriptor document behind {@code GET /functions} and
 * {@code target/fnbridge-functions.json}.
 */
package dev.fnbridge.core.catalog;

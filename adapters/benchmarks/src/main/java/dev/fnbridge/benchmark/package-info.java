/**
 * The baseline of the HTTP benchmark: the same {@code hello} work in a plain
 * {@code @RestController}, served by the same process as the fnbridge route.
 */
package dev.fnbridge.benchmark;

/**
 * Greetings: the {@code hello} function.
 */
package ${package}.hello;

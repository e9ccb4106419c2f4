/**
 * The canonical example: {@code hello} greets the name it is given.
 */
package dev.fnbridge.app.hello;

/**
 * A JUnit 5 kit that holds a function to one behaviour on every transport: extend
 * {@link dev.fnbridge.testkit.CrossTransportContracts}.
 */
package dev.fnbridge.testkit;

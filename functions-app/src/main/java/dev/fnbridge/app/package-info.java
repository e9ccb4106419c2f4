/**
 * The fnbridge reference application. Each sub-package is one feature: its functions,
 * their payload records and their configuration. No feature imports transport code.
 */
package dev.fnbridge.app;

/**
 * fnbridge's behaviour as library defaults that an application's configuration overrides.
 */
package dev.fnbridge.core.defaults;

/**
 * Every function bean over HTTP: {@code POST /{definition}} with a JSON body, {@code GET
 * /{definition}/{argument}}, {@code GET /{supplier}}, compositions such as
 * {@code /validateReading,enrichReading}, and {@code GET /functions} listing them all.
 * Routes are resolved once and cached; imperative functions run synchronously on the
 * request thread; every failure is answered as {@code application/problem+json} (RFC
 * 9457) without internals.
 */
package dev.fnbridge.http;

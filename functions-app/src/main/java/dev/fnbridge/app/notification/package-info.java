/**
 * Notifications: {@code notifyOwner} posts an alert to the webhook of the device's owner,
 * a downstream call whose failures are told apart (it may pass: transient; it will not:
 * unexpected).
 */
package dev.fnbridge.app.notification;

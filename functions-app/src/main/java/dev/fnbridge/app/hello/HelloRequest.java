package dev.fnbridge.app.hello;

/**
 * The input of {@code hello}.
 *
 * @param name who to greet; missing or blank means {@code World}
 */
public record HelloRequest(String name) {
}

package ${package}.hello;

import jakarta.validation.constraints.Size;

/**
 * The input of {@code hello}. fnbridge checks the constraints on every transport before
 * the function runs: a violation is {@code invalid-input} (HTTP 400, a Kafka dead letter,
 * a Lambda error).
 *
 * @param name who to greet; blank or missing greets the world
 */
public record HelloRequest(@Size(max = 64) String name) {
}

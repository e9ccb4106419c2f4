package com.example.orders.pricing;

import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Size;

/**
 * An order to price.
 *
 * @param orderId the order's id, also the Kafka key
 * @param customer who ordered
 * @param lines what was ordered
 */
public record Order(@NotBlank String orderId, @NotBlank @Size(max = 64) String customer,
		@NotEmpty @Size(max = 50) List<@Valid OrderLine> lines) {
}

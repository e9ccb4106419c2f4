package com.example.orders.pricing;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.PositiveOrZero;

/**
 * A priced order.
 *
 * @param orderId the order's id
 * @param customer who pays
 * @param totalCents the total, in cents
 */
public record Invoice(@NotBlank String orderId, @NotBlank String customer, @PositiveOrZero long totalCents) {
}

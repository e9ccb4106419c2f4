package com.example.orders.pricing;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Positive;

/**
 * One line of an order.
 *
 * @param sku the product
 * @param quantity how many
 * @param unitPriceCents the price of one, in cents
 */
public record OrderLine(@NotBlank String sku, @Positive int quantity, @Positive long unitPriceCents) {
}

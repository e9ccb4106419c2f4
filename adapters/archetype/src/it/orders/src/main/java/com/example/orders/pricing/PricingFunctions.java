package com.example.orders.pricing;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Function;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * {@code priceOrder} turns an order into an invoice; {@code recordInvoice} keeps invoices.
 */
@Configuration(proxyBeanMethods = false)
public class PricingFunctions {

	private final List<Invoice> recorded = new CopyOnWriteArrayList<>();

	@Bean
	public Function<Order, Invoice> priceOrder() {
		return (order) -> new Invoice(order.orderId(), order.customer(),
				order.lines().stream().mapToLong((line) -> line.quantity() * line.unitPriceCents()).sum());
	}

	@Bean
	public Consumer<Invoice> recordInvoice() {
		return this.recorded::add;
	}

}

output "price_order_url" {
  description = "URL of the priceOrder route."
  value       = "${module.price_order.api_endpoint}/priceOrder"
}

# orders on AWS Lambda: priceOrder behind an HTTP API, recordInvoice on an SQS queue.
module "price_order" {
  source = "${fnbridge_module}"

  function_name = "orders-price-order"
  definition    = "priceOrder"
  artifact_path = var.artifact_path
  memory_size   = var.memory_size

  http_api = {
    routes = ["POST /priceOrder"]
  }
}

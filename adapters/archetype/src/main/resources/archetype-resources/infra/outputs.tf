output "hello_url" {
  description = "URL of the hello route: curl -d '{\"name\":\"Ada\"}' -H 'content-type: application/json' <url>."
  value       = "${module.hello.api_endpoint}/hello"
}

output "function_name" {
  description = "Name of the Lambda function."
  value       = module.hello.function_name
}

output "hello_url" {
  description = "URL of the hello route: curl -s <url> -H 'content-type: application/json' -d '{\"name\":\"Ada\"}'"
  value       = "${module.hello.api_endpoint}/hello"
}

output "readings_queue_url" {
  description = "SQS queue feeding the telemetry pipeline."
  value       = aws_sqs_queue.readings.url
}

output "dashboard_url" {
  description = "The CloudWatch dashboard of the functions."
  value       = module.dashboard.url
}

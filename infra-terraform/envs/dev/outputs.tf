output "hello_url" {
  description = "URL of the hello route."
  value       = module.stack.hello_url
}

output "readings_queue_url" {
  description = "SQS queue feeding the telemetry pipeline."
  value       = module.stack.readings_queue_url
}

output "dashboard_url" {
  description = "The CloudWatch dashboard of the functions."
  value       = module.stack.dashboard_url
}

output "readings_stream_name" {
  description = "Kinesis stream feeding the telemetry pipeline (null unless readings_stream)."
  value       = module.stack.readings_stream_name
}

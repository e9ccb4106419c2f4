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

output "readings_stream_name" {
  description = "Kinesis stream feeding the telemetry pipeline (null unless readings_stream): aws kinesis put-record --stream-name <name> --partition-key <deviceId> --cli-binary-format raw-in-base64-out --data '<reading JSON>'"
  value       = one(aws_kinesis_stream.readings[*].name)
}

output "function_name" {
  description = "Name of the Lambda function."
  value       = aws_lambda_function.this.function_name
}

output "function_arn" {
  description = "ARN of the Lambda function (unqualified)."
  value       = aws_lambda_function.this.arn
}

output "alias_arn" {
  description = "ARN of the alias that triggers invoke."
  value       = aws_lambda_alias.this.arn
}

output "version" {
  description = "The version published by this apply (what SnapStart snapshots)."
  value       = aws_lambda_function.this.version
}

output "role_arn" {
  description = "ARN of the function's execution role."
  value       = aws_iam_role.this.arn
}

output "log_group_name" {
  description = "CloudWatch log group of the function."
  value       = aws_cloudwatch_log_group.this.name
}

output "api_endpoint" {
  description = "Base URL of the HTTP API, or null without one."
  value       = var.http_api == null ? null : aws_apigatewayv2_api.this[0].api_endpoint
}

output "triggers" {
  description = "The event sources wired to the function: http, sqs, stream (kinesis or dynamodb), sns, kafka."
  value = compact([
    var.http_api == null ? "" : "http",
    var.sqs_trigger == null ? "" : "sqs",
    var.stream_trigger == null ? "" : "stream",
    var.sns_trigger == null ? "" : "sns",
    var.kafka_trigger == null ? "" : "kafka",
  ])
}

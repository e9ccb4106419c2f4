output "function_name" {
  description = "Name of the Lambda function."
  value       = aws_lambda_function.this.function_name
}

output "function_arn" {
  description = "ARN of the Lambda function (unqualified: Lambda invokes $LATEST.PUBLISHED for it, not $LATEST)."
  value       = aws_lambda_function.this.arn
}

output "alias_arn" {
  description = "ARN of the alias on the published version, for triggers and aws lambda invoke."
  value       = aws_lambda_alias.this.arn
}

output "alias_invoke_arn" {
  description = "Invoke ARN of the alias, for an API Gateway integration."
  value       = aws_lambda_alias.this.invoke_arn
}

output "version" {
  description = "The version published by this apply, whose execution environments run on the capacity provider."
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

output "capacity_provider_arn" {
  description = "ARN of the capacity provider the function runs on (created here or given)."
  value       = local.capacity_provider_arn
}

output "operator_role_arn" {
  description = "ARN of the capacity provider's operator role, or null when the capacity provider was given."
  value       = var.capacity_provider == null ? null : aws_iam_role.operator[0].arn
}

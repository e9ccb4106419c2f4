locals {
  # Lambda sets AWS_LAMBDA_MAX_CONCURRENCY itself, from max_concurrency; it is never set here.
  environment = merge(
    var.java_tool_options == null ? {} : { JAVA_TOOL_OPTIONS = var.java_tool_options },
    var.definition == "" ? {} : { SPRING_CLOUD_FUNCTION_DEFINITION = var.definition },
    var.environment,
  )
}

resource "aws_lambda_function" "this" {
  function_name    = var.function_name
  description      = var.description
  role             = aws_iam_role.this.arn
  filename         = var.artifact_path
  source_code_hash = filebase64sha256(var.artifact_path)
  handler          = var.handler
  runtime          = var.runtime
  architectures    = [var.architecture]
  memory_size      = var.memory_size
  timeout          = var.timeout
  # Lambda starts a version's execution environments on the capacity provider when it is
  # published, before the version turns active; the alias points at it.
  publish = true

  # AWS takes this only when it creates a function: it cannot be added to or removed from one.
  capacity_provider_config {
    lambda_managed_instances_capacity_provider_config {
      capacity_provider_arn                     = local.capacity_provider_arn
      execution_environment_memory_gib_per_vcpu = var.memory_gib_per_vcpu
      per_execution_environment_max_concurrency = var.max_concurrency
    }
  }

  environment {
    variables = local.environment
  }

  logging_config {
    log_format = "Text"
    log_group  = aws_cloudwatch_log_group.this.name
  }

  tags = var.tags

  depends_on = [aws_iam_role_policy.logs, aws_cloudwatch_log_group.this]
}

resource "aws_lambda_alias" "this" {
  name             = var.alias_name
  function_name    = aws_lambda_function.this.function_name
  function_version = aws_lambda_function.this.version
}

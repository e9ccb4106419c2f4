# Provisioned concurrency on the alias, scaled by Application Auto Scaling (target tracking on
# utilisation). Only with cold_start_strategy = provisioned: never together with SnapStart.
resource "aws_lambda_provisioned_concurrency_config" "this" {
  count                             = local.provisioned ? 1 : 0
  function_name                     = aws_lambda_function.this.function_name
  qualifier                         = aws_lambda_alias.this.name
  provisioned_concurrent_executions = var.provisioned_concurrency.min_capacity
}

resource "aws_appautoscaling_target" "this" {
  count              = local.provisioned ? 1 : 0
  service_namespace  = "lambda"
  scalable_dimension = "lambda:function:ProvisionedConcurrency"
  resource_id        = "function:${aws_lambda_function.this.function_name}:${aws_lambda_alias.this.name}"
  min_capacity       = var.provisioned_concurrency.min_capacity
  max_capacity       = var.provisioned_concurrency.max_capacity

  depends_on = [aws_lambda_provisioned_concurrency_config.this]
}

resource "aws_appautoscaling_policy" "this" {
  count              = local.provisioned ? 1 : 0
  name               = "${var.function_name}-provisioned-utilization"
  policy_type        = "TargetTrackingScaling"
  service_namespace  = aws_appautoscaling_target.this[0].service_namespace
  scalable_dimension = aws_appautoscaling_target.this[0].scalable_dimension
  resource_id        = aws_appautoscaling_target.this[0].resource_id

  target_tracking_scaling_policy_configuration {
    target_value = var.provisioned_concurrency.target_utilization

    predefined_metric_specification {
      predefined_metric_type = "LambdaProvisionedConcurrencyUtilization"
    }
  }
}

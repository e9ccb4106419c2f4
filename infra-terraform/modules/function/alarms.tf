locals {
  alarm_dimensions = {
    FunctionName = aws_lambda_function.this.function_name
    Resource     = "${aws_lambda_function.this.function_name}:${aws_lambda_alias.this.name}"
  }
}

locals {
  # Any error or throttle in a minute is worth a look.
  count_alarms = {
    errors    = { metric = "Errors", description = "The function reported errors." }
    throttles = { metric = "Throttles", description = "Invocations were throttled." }
  }
}

resource "aws_cloudwatch_metric_alarm" "count" {
  for_each            = local.count_alarms
  alarm_name          = "${var.function_name}-${each.key}"
  alarm_description   = each.value.description
  namespace           = "AWS/Lambda"
  metric_name         = each.value.metric
  statistic           = "Sum"
  period              = 60
  evaluation_periods  = 1
  threshold           = 0
  comparison_operator = "GreaterThanThreshold"
  treat_missing_data  = "notBreaching"
  dimensions          = local.alarm_dimensions
  alarm_actions       = var.alarm_actions
  tags                = var.tags
}

resource "aws_cloudwatch_metric_alarm" "duration_p99" {
  alarm_name          = "${var.function_name}-duration-p99"
  alarm_description   = "Duration p99 is above ${var.duration_p99_threshold_ms} ms."
  namespace           = "AWS/Lambda"
  metric_name         = "Duration"
  extended_statistic  = "p99"
  period              = 300
  evaluation_periods  = 2
  threshold           = var.duration_p99_threshold_ms
  comparison_operator = "GreaterThanThreshold"
  treat_missing_data  = "notBreaching"
  dimensions          = local.alarm_dimensions
  alarm_actions       = var.alarm_actions
  tags                = var.tags
}

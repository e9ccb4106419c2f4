locals {
  lambda_metric = {
    invocations = "Invocations"
    errors      = "Errors"
    throttles   = "Throttles"
    concurrency = "ConcurrentExecutions"
  }

  widgets = concat(
    [for index, key in keys(local.lambda_metric) : {
      type   = "metric"
      x      = (index % 2) * 12
      y      = floor(index / 2) * 6
      width  = 12
      height = 6
      properties = {
        title   = local.lambda_metric[key]
        region  = var.region
        stat    = key == "concurrency" ? "Maximum" : "Sum"
        period  = 60
        metrics = [for fn in var.functions : ["AWS/Lambda", local.lambda_metric[key], "FunctionName", fn]]
      }
    }],
    [{
      type   = "metric"
      x      = 0
      y      = 12
      width  = 24
      height = 6
      properties = {
        title   = "Duration p99"
        region  = var.region
        stat    = "p99"
        period  = 300
        metrics = [for fn in var.functions : ["AWS/Lambda", "Duration", "FunctionName", fn]]
      }
    }],
  )
}

resource "aws_cloudwatch_dashboard" "this" {
  dashboard_name = var.name
  dashboard_body = jsonencode({ widgets = local.widgets })
}

locals {
  # The EMF dimension is the function definition a deployment serves.
  definitions = { for fn, definition in zipmap(var.functions, var.definitions) : fn => definition }

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
    # fnbridge's own invocation metric, written by the functions as Embedded Metric Format
    # lines (namespace fnbridge, dimensions function, transport, outcome).
    [{
      type   = "metric"
      x      = 0
      y      = 18
      width  = 24
      height = 6
      properties = {
        title  = "fnbridge invocations by outcome"
        region = var.region
        stat   = "SampleCount"
        period = 60
        metrics = flatten([for fn in var.functions : [
          for outcome in ["success", "client_error", "server_error"] :
          ["fnbridge", "fnbridge.function.invocations", "function", local.definitions[fn], "transport", "lambda", "outcome", outcome]
        ]])
      }
    }],
  )
}

resource "aws_cloudwatch_dashboard" "this" {
  dashboard_name = var.name
  dashboard_body = jsonencode({ widgets = local.widgets })
}

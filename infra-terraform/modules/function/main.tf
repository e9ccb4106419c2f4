locals {
  snap_start  = var.cold_start_strategy == "snap_start"
  provisioned = var.cold_start_strategy == "provisioned"
  # The custom runtime: the zip's bootstrap starts the layer's JDK with its AOT cache.
  aot_cache = var.cold_start_strategy == "aot_cache"

  # C1 only where the JVM starts on an invocation's path; with SnapStart or provisioned
  # concurrency it compiles before invocations, so Lambda's own default for the runtime applies.
  java_tool_options = var.java_tool_options != null ? var.java_tool_options : (
    local.snap_start || local.provisioned ? "" : "-XX:+TieredCompilation -XX:TieredStopAtLevel=1"
  )

  environment = merge(
    local.java_tool_options == "" ? {} : { JAVA_TOOL_OPTIONS = local.java_tool_options },
    var.definition == "" ? {} : { SPRING_CLOUD_FUNCTION_DEFINITION = var.definition },
    var.environment,
  )
}

resource "aws_lambda_function" "this" {
  function_name                  = var.function_name
  description                    = var.description
  role                           = aws_iam_role.this.arn
  filename                       = var.artifact_path
  source_code_hash               = filebase64sha256(var.artifact_path)
  handler                        = var.handler
  runtime                        = local.aot_cache ? "provided.al2023" : var.runtime
  architectures                  = [local.aot_cache ? var.runtime_layer.architecture : var.architecture]
  layers                         = local.aot_cache ? [aws_lambda_layer_version.runtime[0].arn] : []
  memory_size                    = var.memory_size
  timeout                        = var.timeout
  reserved_concurrent_executions = var.reserved_concurrency
  # Versions are what SnapStart snapshots and the alias points at.
  publish = true

  environment {
    variables = local.environment
  }

  dynamic "snap_start" {
    for_each = local.snap_start ? [1] : []
    content {
      apply_on = "PublishedVersions"
    }
  }

  tracing_config {
    mode = var.tracing ? "Active" : "PassThrough"
  }

  logging_config {
    log_format = "Text"
    log_group  = aws_cloudwatch_log_group.this.name
  }

  tags = var.tags

  depends_on = [aws_iam_role_policy.logs, aws_cloudwatch_log_group.this]
}

resource "aws_lambda_layer_version" "runtime" {
  count = local.aot_cache ? 1 : 0

  layer_name               = "${var.function_name}-runtime"
  description              = "fnbridge runtime: JDK and its AOT cache of ${var.function_name}'s artifact"
  filename                 = var.runtime_layer.path
  source_code_hash         = filebase64sha256(var.runtime_layer.path)
  compatible_runtimes      = ["provided.al2023"]
  compatible_architectures = [var.runtime_layer.architecture]
}

resource "aws_lambda_alias" "this" {
  name             = var.alias_name
  function_name    = aws_lambda_function.this.function_name
  function_version = aws_lambda_function.this.version
}

# A warning, not an error: below 1,769 MB a function has less than one vCPU, and a JVM's start-up
# (the JIT compiler's thread included) runs out of that share; measured with the AOT cache:
# ≈ 0.6 s at 1,769 MB, ≈ 1.1 s at 1,024 MB (docs/performance.md).
check "aot_cache_memory" {
  assert {
    condition     = !local.aot_cache || var.memory_size >= 1769
    error_message = "cold_start_strategy = \"aot_cache\" with memory_size = ${var.memory_size} MB: below 1,769 MB the function gets less than one vCPU and its cold start grows (about 1.1 s at 1,024 MB against 0.6 s at 1,769 MB)."
  }
}

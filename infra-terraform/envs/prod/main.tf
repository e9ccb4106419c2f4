locals {
  alarm_actions = var.alarm_topic_arn == null ? [] : [var.alarm_topic_arn]
}

# hello behind an HTTP API; provisioned concurrency scaled on utilisation keeps it warm.
module "hello" {
  source = "../../modules/function"

  function_name       = "fnbridge-${var.environment}-hello"
  description         = "fnbridge hello"
  definition          = "hello"
  artifact_path       = var.artifact_path
  memory_size         = 2048
  cold_start_strategy = "provisioned"
  log_retention_days  = 90
  tracing             = true
  alarm_actions       = local.alarm_actions

  provisioned_concurrency = {
    min_capacity       = 2
    max_capacity       = 20
    target_utilization = 0.7
  }

  http_api = {
    routes = ["POST /hello", "GET /hello"]
  }
}

# Readings arrive on SQS (and, when an MSK cluster is given, on Kafka); records that keep
# failing land on dead-letter queues.
resource "aws_sqs_queue" "readings_dlq" {
  name                      = "fnbridge-${var.environment}-readings-dlq"
  message_retention_seconds = 1209600
  sqs_managed_sse_enabled   = true
}

resource "aws_sqs_queue" "readings" {
  name                       = "fnbridge-${var.environment}-readings"
  visibility_timeout_seconds = 180
  sqs_managed_sse_enabled    = true

  redrive_policy = jsonencode({
    deadLetterTargetArn = aws_sqs_queue.readings_dlq.arn
    maxReceiveCount     = 5
  })
}

resource "aws_sqs_queue" "kafka_failures" {
  name                      = "fnbridge-${var.environment}-telemetry-kafka-failures"
  message_retention_seconds = 1209600
  sqs_managed_sse_enabled   = true
}

module "telemetry" {
  source = "../../modules/function"

  function_name        = "fnbridge-${var.environment}-telemetry"
  description          = "fnbridge telemetry pipeline: validateReading|enrichReading|detectAnomaly"
  definition           = "validateReading|enrichReading|detectAnomaly"
  artifact_path        = var.artifact_path
  memory_size          = 1024
  timeout              = 60
  cold_start_strategy  = "snap_start"
  log_retention_days   = 90
  tracing              = true
  reserved_concurrency = 50
  alarm_actions        = local.alarm_actions

  sqs_trigger = {
    queue_arn  = aws_sqs_queue.readings.arn
    batch_size = 10
  }

  kafka_trigger = var.msk_cluster_arn == null ? null : {
    kind                       = "msk"
    cluster_arn                = var.msk_cluster_arn
    topics                     = ["telemetry.readings"]
    consumer_group_id          = "fnbridge-${var.environment}-telemetry"
    starting_position          = "LATEST"
    batch_size                 = 100
    on_failure_destination_arn = aws_sqs_queue.kafka_failures.arn
  }
}

module "dashboard" {
  source = "../../modules/dashboard"

  name      = "fnbridge-${var.environment}"
  region    = var.region
  functions = [module.hello.function_name, module.telemetry.function_name]
}

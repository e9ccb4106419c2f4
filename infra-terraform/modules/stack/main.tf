# The fnbridge reference deployment: hello behind an HTTP API, and the telemetry pipeline fed by
# SQS (and by MSK when a cluster is given), with dead-letter destinations and a dashboard.
locals {
  alarm_actions = var.alarm_topic_arn == null ? [] : [var.alarm_topic_arn]
}

module "hello" {
  source = "../function"

  function_name           = "fnbridge-${var.environment}-hello"
  description             = "fnbridge hello"
  definition              = "hello"
  artifact_path           = var.artifact_path
  memory_size             = var.hello.memory_size
  cold_start_strategy     = var.hello.cold_start_strategy
  provisioned_concurrency = var.hello.provisioned_concurrency
  runtime_layer           = var.hello.runtime_layer
  log_retention_days      = var.log_retention_days
  tracing                 = var.tracing
  alarm_actions           = local.alarm_actions

  http_api = {
    routes         = ["POST /hello", "GET /hello"]
    jwt_authorizer = var.hello.jwt_authorizer
  }
}

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

# Readings from devices that write to a stream (IoT rules, Kinesis agents): on-demand capacity,
# a day of retention, encrypted with the AWS-managed key.
resource "aws_kinesis_stream" "readings" {
  count            = var.readings_stream ? 1 : 0
  name             = "fnbridge-${var.environment}-readings"
  retention_period = 24
  encryption_type  = "KMS"
  kms_key_id       = "alias/aws/kinesis"

  stream_mode_details {
    stream_mode = "ON_DEMAND"
  }
}

resource "aws_sqs_queue" "kafka_failures" {
  name                      = "fnbridge-${var.environment}-telemetry-kafka-failures"
  message_retention_seconds = 1209600
  sqs_managed_sse_enabled   = true
}

module "telemetry" {
  source = "../function"

  function_name        = "fnbridge-${var.environment}-telemetry"
  description          = "fnbridge telemetry pipeline: validateReading|enrichReading|detectAnomaly"
  definition           = "validateReading|enrichReading|detectAnomaly"
  artifact_path        = var.artifact_path
  memory_size          = var.telemetry.memory_size
  reserved_concurrency = var.telemetry.reserved_concurrency
  timeout              = 60
  cold_start_strategy  = "snap_start"
  log_retention_days   = var.log_retention_days
  tracing              = var.tracing
  alarm_actions        = local.alarm_actions

  sqs_trigger = {
    queue_arn  = aws_sqs_queue.readings.arn
    batch_size = 10
  }

  # A poison record is retried from its position, then its batch's metadata lands in the DLQ.
  stream_trigger = var.readings_stream ? {
    kind                       = "kinesis"
    stream_arn                 = aws_kinesis_stream.readings[0].arn
    starting_position          = "LATEST"
    batch_size                 = 100
    on_failure_destination_arn = aws_sqs_queue.readings_dlq.arn
  } : null

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
  source = "../dashboard"

  name        = "fnbridge-${var.environment}"
  region      = var.region
  functions   = [module.hello.function_name, module.telemetry.function_name]
  definitions = ["hello", "validateReading|enrichReading|detectAnomaly"]
}

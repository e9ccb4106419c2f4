# Kafka (MSK or self-managed) event source: records in order per partition; a failed batch is
# retried, then handed to the on-failure destination.
resource "aws_lambda_event_source_mapping" "kafka" {
  count             = var.kafka_trigger == null ? 0 : 1
  function_name     = aws_lambda_alias.this.arn
  event_source_arn  = var.kafka_trigger.kind == "msk" ? var.kafka_trigger.cluster_arn : null
  topics            = var.kafka_trigger.topics
  starting_position = var.kafka_trigger.starting_position
  batch_size        = var.kafka_trigger.batch_size

  dynamic "self_managed_event_source" {
    for_each = var.kafka_trigger.kind == "self_managed" ? [1] : []
    content {
      endpoints = {
        KAFKA_BOOTSTRAP_SERVERS = join(",", var.kafka_trigger.bootstrap_servers)
      }
    }
  }

  dynamic "amazon_managed_kafka_event_source_config" {
    for_each = var.kafka_trigger.kind == "msk" && var.kafka_trigger.consumer_group_id != null ? [1] : []
    content {
      consumer_group_id = var.kafka_trigger.consumer_group_id
    }
  }

  dynamic "self_managed_kafka_event_source_config" {
    for_each = var.kafka_trigger.kind == "self_managed" && var.kafka_trigger.consumer_group_id != null ? [1] : []
    content {
      consumer_group_id = var.kafka_trigger.consumer_group_id
    }
  }

  dynamic "source_access_configuration" {
    for_each = var.kafka_trigger.source_access_configurations
    content {
      type = source_access_configuration.value.type
      uri  = source_access_configuration.value.uri
    }
  }

  destination_config {
    on_failure {
      destination_arn = var.kafka_trigger.on_failure_destination_arn
    }
  }

  depends_on = [aws_iam_role_policy.kafka, aws_iam_role_policy.on_failure]
}

# SQS event source: the function reports failed records one by one (batchItemFailures); they
# are retried and then moved by the queue's redrive policy to its dead-letter queue.
resource "aws_lambda_event_source_mapping" "sqs" {
  count                              = var.sqs_trigger == null ? 0 : 1
  function_name                      = aws_lambda_alias.this.arn
  event_source_arn                   = var.sqs_trigger.queue_arn
  batch_size                         = var.sqs_trigger.batch_size
  maximum_batching_window_in_seconds = var.sqs_trigger.maximum_batching_window_in_seconds
  function_response_types            = ["ReportBatchItemFailures"]

  depends_on = [aws_iam_role_policy.sqs]
}

# Kinesis or DynamoDB stream event source: records in order per shard. The function reports
# the first failed record (batchItemFailures) and leaves the rest of the batch, so the shard
# resumes from it without running any record twice; after the retries, the on-failure
# destination gets it.
resource "aws_lambda_event_source_mapping" "stream" {
  count                              = var.stream_trigger == null ? 0 : 1
  function_name                      = aws_lambda_alias.this.arn
  event_source_arn                   = var.stream_trigger.stream_arn
  starting_position                  = var.stream_trigger.starting_position
  batch_size                         = var.stream_trigger.batch_size
  maximum_batching_window_in_seconds = var.stream_trigger.maximum_batching_window_in_seconds
  parallelization_factor             = var.stream_trigger.parallelization_factor
  maximum_retry_attempts             = var.stream_trigger.maximum_retry_attempts
  maximum_record_age_in_seconds      = var.stream_trigger.maximum_record_age_in_seconds
  function_response_types            = ["ReportBatchItemFailures"]

  destination_config {
    on_failure {
      destination_arn = var.stream_trigger.on_failure_destination_arn
    }
  }

  depends_on = [aws_iam_role_policy.stream, aws_iam_role_policy.on_failure]
}

# SNS subscription: each message is an asynchronous invocation of the alias. fnbridge fails the
# invocation when the function fails; Lambda retries it, then hands the event to the on-failure
# destination.
resource "aws_sns_topic_subscription" "sns" {
  count         = var.sns_trigger == null ? 0 : 1
  topic_arn     = var.sns_trigger.topic_arn
  protocol      = "lambda"
  endpoint      = aws_lambda_alias.this.arn
  filter_policy = var.sns_trigger.filter_policy

  depends_on = [aws_lambda_permission.sns]
}

resource "aws_lambda_permission" "sns" {
  count         = var.sns_trigger == null ? 0 : 1
  statement_id  = "AllowSnsTopic"
  action        = "lambda:InvokeFunction"
  function_name = aws_lambda_function.this.function_name
  qualifier     = aws_lambda_alias.this.name
  principal     = "sns.amazonaws.com"
  source_arn    = var.sns_trigger.topic_arn
}

resource "aws_lambda_function_event_invoke_config" "async" {
  count                        = var.sns_trigger == null ? 0 : 1
  function_name                = aws_lambda_function.this.function_name
  qualifier                    = aws_lambda_alias.this.name
  maximum_retry_attempts       = var.sns_trigger.maximum_retry_attempts
  maximum_event_age_in_seconds = var.sns_trigger.maximum_event_age_in_seconds

  destination_config {
    on_failure {
      destination = var.sns_trigger.on_failure_destination_arn
    }
  }

  depends_on = [aws_iam_role_policy.on_failure]
}

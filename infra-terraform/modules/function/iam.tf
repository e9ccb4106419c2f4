data "aws_iam_policy_document" "assume_role" {
  statement {
    effect  = "Allow"
    actions = ["sts:AssumeRole"]

    principals {
      type        = "Service"
      identifiers = ["lambda.amazonaws.com"]
    }
  }
}

resource "aws_iam_role" "this" {
  name               = "${var.function_name}-role"
  assume_role_policy = data.aws_iam_policy_document.assume_role.json
  tags               = var.tags
}

# Log writes, only to the function's own log group.
data "aws_iam_policy_document" "logs" {
  statement {
    effect    = "Allow"
    actions   = ["logs:CreateLogStream", "logs:PutLogEvents"]
    resources = ["${aws_cloudwatch_log_group.this.arn}:*"]
  }
}

resource "aws_iam_role_policy" "logs" {
  name   = "logs"
  role   = aws_iam_role.this.id
  policy = data.aws_iam_policy_document.logs.json
}

# X-Ray accepts no resource narrower than "*" for these two actions.
data "aws_iam_policy_document" "tracing" {
  count = var.tracing ? 1 : 0

  statement {
    effect    = "Allow"
    actions   = ["xray:PutTraceSegments", "xray:PutTelemetryRecords"]
    resources = ["*"]
  }
}

resource "aws_iam_role_policy" "tracing" {
  count  = var.tracing ? 1 : 0
  name   = "tracing"
  role   = aws_iam_role.this.id
  policy = data.aws_iam_policy_document.tracing[0].json
}

data "aws_iam_policy_document" "sqs" {
  count = var.sqs_trigger == null ? 0 : 1

  statement {
    effect    = "Allow"
    actions   = ["sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:GetQueueAttributes", "sqs:ChangeMessageVisibility"]
    resources = [var.sqs_trigger.queue_arn]
  }
}

resource "aws_iam_role_policy" "sqs" {
  count  = var.sqs_trigger == null ? 0 : 1
  name   = "sqs-trigger"
  role   = aws_iam_role.this.id
  policy = data.aws_iam_policy_document.sqs[0].json
}

data "aws_iam_policy_document" "kafka" {
  count = var.kafka_trigger == null ? 0 : 1

  dynamic "statement" {
    for_each = var.kafka_trigger.kind == "msk" ? [1] : []
    content {
      effect = "Allow"
      actions = [
        "kafka:DescribeCluster",
        "kafka:DescribeClusterV2",
        "kafka:GetBootstrapBrokers",
        "kafka-cluster:Connect",
        "kafka-cluster:DescribeGroup",
        "kafka-cluster:AlterGroup",
        "kafka-cluster:DescribeTopic",
        "kafka-cluster:ReadData",
        "kafka-cluster:DescribeClusterDynamicConfiguration",
      ]
      resources = [var.kafka_trigger.cluster_arn, "${replace(var.kafka_trigger.cluster_arn, ":cluster/", ":topic/")}/*", "${replace(var.kafka_trigger.cluster_arn, ":cluster/", ":group/")}/*"]
    }
  }

  # The event source mapping reaches brokers in a VPC through network interfaces, which AWS
  # does not let a policy narrow below "*".
  statement {
    effect = "Allow"
    actions = [
      "ec2:CreateNetworkInterface",
      "ec2:DescribeNetworkInterfaces",
      "ec2:DeleteNetworkInterface",
      "ec2:DescribeVpcs",
      "ec2:DescribeSubnets",
      "ec2:DescribeSecurityGroups",
    ]
    resources = ["*"]
  }

  dynamic "statement" {
    for_each = [for access in var.kafka_trigger.source_access_configurations : access.uri if startswith(access.uri, "arn:aws:secretsmanager:")]
    content {
      effect    = "Allow"
      actions   = ["secretsmanager:GetSecretValue"]
      resources = [statement.value]
    }
  }
}

resource "aws_iam_role_policy" "kafka" {
  count  = var.kafka_trigger == null ? 0 : 1
  name   = "kafka-trigger"
  role   = aws_iam_role.this.id
  policy = data.aws_iam_policy_document.kafka[0].json
}

data "aws_iam_policy_document" "stream" {
  count = var.stream_trigger == null ? 0 : 1

  statement {
    effect = "Allow"
    actions = var.stream_trigger.kind == "kinesis" ? [
      "kinesis:DescribeStream",
      "kinesis:DescribeStreamSummary",
      "kinesis:GetRecords",
      "kinesis:GetShardIterator",
      "kinesis:ListShards",
      "kinesis:SubscribeToShard",
      ] : [
      "dynamodb:DescribeStream",
      "dynamodb:GetRecords",
      "dynamodb:GetShardIterator",
    ]
    resources = var.stream_trigger.kind == "kinesis" ? [var.stream_trigger.stream_arn, "${var.stream_trigger.stream_arn}/consumer/*"] : [var.stream_trigger.stream_arn]
  }

  # dynamodb:ListStreams has no resource-level permissions.
  dynamic "statement" {
    for_each = var.stream_trigger.kind == "dynamodb" ? [1] : []
    content {
      effect    = "Allow"
      actions   = ["dynamodb:ListStreams"]
      resources = ["*"]
    }
  }
}

resource "aws_iam_role_policy" "stream" {
  count  = var.stream_trigger == null ? 0 : 1
  name   = "stream-trigger"
  role   = aws_iam_role.this.id
  policy = data.aws_iam_policy_document.stream[0].json
}

locals {
  # Where Lambda hands what it gave up on: the Kafka and stream mappings' records and the
  # asynchronous (SNS) invocations. It sends them with the function's role.
  # Its length follows the triggers, not the ARNs: an ARN of a queue created in the same apply is
  # unknown at plan time, and a count must not depend on it.
  on_failure_destinations = concat(
    var.kafka_trigger == null ? [] : [var.kafka_trigger.on_failure_destination_arn],
    var.stream_trigger == null ? [] : [var.stream_trigger.on_failure_destination_arn],
    var.sns_trigger == null ? [] : [var.sns_trigger.on_failure_destination_arn],
  )
}

data "aws_iam_policy_document" "on_failure" {
  count = length(local.on_failure_destinations) > 0 ? 1 : 0

  statement {
    effect    = "Allow"
    actions   = ["sqs:SendMessage", "sns:Publish", "s3:PutObject", "lambda:InvokeFunction", "events:PutEvents"]
    resources = local.on_failure_destinations
  }
}

resource "aws_iam_role_policy" "on_failure" {
  count  = length(local.on_failure_destinations) > 0 ? 1 : 0
  name   = "on-failure-destinations"
  role   = aws_iam_role.this.id
  policy = data.aws_iam_policy_document.on_failure[0].json
}

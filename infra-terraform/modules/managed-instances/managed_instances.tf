# The capacity provider the function runs on: this module's own (capacity_provider) or one that
# exists (capacity_provider_arn). Functions on one capacity provider share its instances, and AWS
# treats it as their security boundary.
locals {
  capacity_provider_arn = var.capacity_provider == null ? var.capacity_provider_arn : aws_lambda_capacity_provider.this[0].arn
}

data "aws_partition" "current" {}

# Lambda assumes the operator role to launch and manage the EC2 instances.
data "aws_iam_policy_document" "operator_assume_role" {
  count = var.capacity_provider == null ? 0 : 1

  statement {
    effect  = "Allow"
    actions = ["sts:AssumeRole"]

    principals {
      type        = "Service"
      identifiers = ["lambda.amazonaws.com"]
    }
  }
}

resource "aws_iam_role" "operator" {
  count              = var.capacity_provider == null ? 0 : 1
  name               = "${var.function_name}-operator"
  assume_role_policy = data.aws_iam_policy_document.operator_assume_role[0].json
  tags               = var.tags
}

# The AWS managed policy Lambda documents as the operator role's minimum; AWS keeps it current
# as the service needs more (it has grown since launch).
resource "aws_iam_role_policy_attachment" "operator" {
  count      = var.capacity_provider == null ? 0 : 1
  role       = aws_iam_role.operator[0].name
  policy_arn = "arn:${data.aws_partition.current.partition}:iam::aws:policy/AWSLambdaManagedEC2ResourceOperator"
}

resource "aws_lambda_capacity_provider" "this" {
  count = var.capacity_provider == null ? 0 : 1
  name  = var.function_name

  vpc_config {
    subnet_ids         = var.capacity_provider.subnet_ids
    security_group_ids = var.capacity_provider.security_group_ids
  }

  permissions_config {
    capacity_provider_operator_role_arn = aws_iam_role.operator[0].arn
  }

  # The instances' architecture is the function's: one variable sets both.
  instance_requirements {
    architectures          = [var.architecture]
    allowed_instance_types = length(var.capacity_provider.allowed_instance_types) == 0 ? null : var.capacity_provider.allowed_instance_types
  }

  dynamic "capacity_provider_scaling_config" {
    for_each = var.capacity_provider.max_vcpu_count == null ? [] : [var.capacity_provider.max_vcpu_count]
    content {
      scaling_mode   = "Auto"
      max_vcpu_count = capacity_provider_scaling_config.value
    }
  }

  tags = var.tags

  depends_on = [aws_iam_role_policy_attachment.operator]
}

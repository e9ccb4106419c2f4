# Plan-mode tests of the managed-instances module with a mocked AWS provider: run them with
# `terraform test` in modules/managed-instances (needs terraform >= 1.9 and hashicorp/aws >= 6.24
# once, for its schema).
mock_provider "aws" {
  # The mock's random strings are not JSON, which aws_iam_role and its policies refuse.
  mock_data "aws_iam_policy_document" {
    defaults = {
      json = "{\"Version\":\"2012-10-17\",\"Statement\":[]}"
    }
  }

  mock_data "aws_partition" {
    defaults = {
      partition = "aws"
    }
  }
}

variables {
  function_name = "fnbridge-test-lmi"
  definition    = "hello"
  artifact_path = "tests/fixtures/fnbridge-lambda.zip"
  capacity_provider = {
    subnet_ids         = ["subnet-0a", "subnet-0b"]
    security_group_ids = ["sg-0a"]
  }
}

run "creates_a_capacity_provider_with_its_operator_role" {
  command = plan

  assert {
    condition     = length(aws_lambda_capacity_provider.this) == 1 && aws_iam_role_policy_attachment.operator[0].policy_arn == "arn:aws:iam::aws:policy/AWSLambdaManagedEC2ResourceOperator"
    error_message = "The module creates the capacity provider and gives its operator role the AWS managed policy."
  }

  assert {
    condition     = aws_lambda_capacity_provider.this[0].instance_requirements[0].architectures == tolist(["arm64"]) && aws_lambda_function.this.architectures == tolist(["arm64"])
    error_message = "The instances and the function share one architecture."
  }

  assert {
    condition     = aws_lambda_function.this.publish && aws_lambda_function.this.runtime == "java21" && aws_lambda_function.this.memory_size == 2048
    error_message = "A published version on java21 with the smallest environment (2 GB, 1 vCPU) by default."
  }

  assert {
    condition     = aws_lambda_function.this.capacity_provider_config[0].lambda_managed_instances_capacity_provider_config[0].execution_environment_memory_gib_per_vcpu == 2
    error_message = "2 GiB per vCPU by default."
  }

  assert {
    condition     = !contains(keys(aws_lambda_function.this.environment[0].variables), "AWS_LAMBDA_MAX_CONCURRENCY") && !contains(keys(aws_lambda_function.this.environment[0].variables), "JAVA_TOOL_OPTIONS")
    error_message = "Lambda sets AWS_LAMBDA_MAX_CONCURRENCY; the JVM keeps the runtime's default options."
  }
}

run "runs_on_an_existing_capacity_provider" {
  command = plan

  variables {
    capacity_provider     = null
    capacity_provider_arn = "arn:aws:lambda:eu-west-1:123456789012:capacity-provider:shared-trusted"
    memory_size           = 8192
    memory_gib_per_vcpu   = 4
    max_concurrency       = 64
  }

  assert {
    condition     = length(aws_lambda_capacity_provider.this) == 0 && length(aws_iam_role.operator) == 0
    error_message = "No capacity provider nor operator role of its own."
  }

  assert {
    condition = (
      aws_lambda_function.this.capacity_provider_config[0].lambda_managed_instances_capacity_provider_config[0].capacity_provider_arn == "arn:aws:lambda:eu-west-1:123456789012:capacity-provider:shared-trusted" &&
      aws_lambda_function.this.capacity_provider_config[0].lambda_managed_instances_capacity_provider_config[0].per_execution_environment_max_concurrency == 64
    )
    error_message = "The function names the given capacity provider and its concurrency per environment."
  }
}

run "refuses_java17" {
  command = plan

  variables {
    runtime = "java17"
  }

  expect_failures = [var.runtime]
}

run "refuses_less_than_2048_mb" {
  command = plan

  variables {
    memory_size = 1024
  }

  expect_failures = [var.memory_size]
}

run "refuses_a_memory_ratio_lambda_does_not_offer" {
  command = plan

  variables {
    memory_gib_per_vcpu = 3
  }

  expect_failures = [var.memory_gib_per_vcpu]
}

run "refuses_memory_below_one_vcpu_at_its_ratio" {
  command = plan

  variables {
    memory_size         = 4096
    memory_gib_per_vcpu = 8
  }

  expect_failures = [var.memory_size]
}

run "refuses_two_capacity_providers" {
  command = plan

  variables {
    capacity_provider_arn = "arn:aws:lambda:eu-west-1:123456789012:capacity-provider:shared-trusted"
  }

  expect_failures = [var.capacity_provider_arn]
}

run "refuses_no_capacity_provider" {
  command = plan

  variables {
    capacity_provider = null
  }

  expect_failures = [var.capacity_provider_arn]
}

run "refuses_max_concurrency_set_by_hand" {
  command = plan

  variables {
    environment = {
      AWS_LAMBDA_MAX_CONCURRENCY = "64"
    }
  }

  expect_failures = [var.environment]
}

run "refuses_max_concurrency_out_of_range" {
  command = plan

  variables {
    max_concurrency = 2000
  }

  expect_failures = [var.max_concurrency]
}

# Plan-mode tests of the stack with a mocked AWS provider: run them with `terraform test` in
# modules/stack (needs terraform >= 1.9 and the provider once).
mock_provider "aws" {
  # The mock's random strings are not JSON, which aws_iam_role and its policies refuse.
  mock_data "aws_iam_policy_document" {
    defaults = {
      json = "{\"Version\":\"2012-10-17\",\"Statement\":[]}"
    }
  }
}

variables {
  environment   = "test"
  region        = "eu-west-1"
  artifact_path = "../function/tests/fixtures/fnbridge-lambda.zip"
}

run "sqs_only_by_default" {
  command = plan

  assert {
    condition     = length(aws_kinesis_stream.readings) == 0 && !contains(module.telemetry.triggers, "stream") && contains(module.telemetry.triggers, "sqs")
    error_message = "No stream unless asked for."
  }
}

run "a_readings_stream_feeds_the_telemetry_pipeline" {
  command = plan

  variables {
    readings_stream = true
  }

  assert {
    condition     = aws_kinesis_stream.readings[0].stream_mode_details[0].stream_mode == "ON_DEMAND" && aws_kinesis_stream.readings[0].encryption_type == "KMS"
    error_message = "The stream scales on demand and is encrypted."
  }

  assert {
    condition     = contains(module.telemetry.triggers, "stream") && contains(module.telemetry.triggers, "sqs")
    error_message = "The telemetry function reads the stream."
  }
}

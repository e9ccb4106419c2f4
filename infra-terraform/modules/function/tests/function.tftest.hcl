# Plan-mode tests of the function module with a mocked AWS provider: run them with
# `terraform test` in modules/function (needs terraform >= 1.9 and the provider once).
mock_provider "aws" {
  # The mock's random strings are not JSON, which aws_iam_role and its policies refuse.
  mock_data "aws_iam_policy_document" {
    defaults = {
      json = "{\"Version\":\"2012-10-17\",\"Statement\":[]}"
    }
  }
}

variables {
  function_name = "fnbridge-test-hello"
  definition    = "hello"
  artifact_path = "tests/fixtures/fnbridge-lambda.zip"
}

run "snap_start_by_default" {
  command = plan

  assert {
    condition     = length(aws_lambda_function.this.snap_start) == 1 && aws_lambda_function.this.publish
    error_message = "SnapStart on published versions is the default."
  }

  assert {
    condition     = length(aws_lambda_provisioned_concurrency_config.this) == 0
    error_message = "No provisioned concurrency next to SnapStart."
  }

  assert {
    condition     = aws_lambda_function.this.environment[0].variables["SPRING_CLOUD_FUNCTION_DEFINITION"] == "hello"
    error_message = "The definition reaches the function's environment."
  }

  assert {
    condition     = aws_lambda_function.this.handler == "dev.fnbridge.lambda.FunctionHandler"
    error_message = "The handler is the artifact's."
  }

  assert {
    condition     = !contains(keys(aws_lambda_function.this.environment[0].variables), "JAVA_TOOL_OPTIONS")
    error_message = "With SnapStart the JVM compiles before invocations: Lambda's default JIT settings apply."
  }
}

run "provisioned_concurrency_scales_on_utilisation" {
  command = plan

  variables {
    cold_start_strategy = "provisioned"
    provisioned_concurrency = {
      min_capacity = 2
      max_capacity = 10
    }
  }

  assert {
    condition     = length(aws_lambda_function.this.snap_start) == 0
    error_message = "No SnapStart with provisioned concurrency."
  }

  assert {
    condition     = aws_appautoscaling_target.this[0].max_capacity == 10 && aws_appautoscaling_policy.this[0].policy_type == "TargetTrackingScaling"
    error_message = "Provisioned concurrency scales by target tracking up to max_capacity."
  }
}

run "refuses_snap_start_with_provisioned_concurrency" {
  command = plan

  variables {
    cold_start_strategy = "snap_start"
    provisioned_concurrency = {
      min_capacity = 1
      max_capacity = 2
    }
  }

  expect_failures = [var.provisioned_concurrency]
}

run "refuses_memory_out_of_range" {
  command = plan

  variables {
    memory_size = 64
  }

  expect_failures = [var.memory_size]
}

run "sqs_trigger_reports_batch_item_failures" {
  command = plan

  variables {
    sqs_trigger = {
      queue_arn = "arn:aws:sqs:eu-west-1:123456789012:readings"
    }
  }

  assert {
    condition     = contains(aws_lambda_event_source_mapping.sqs[0].function_response_types, "ReportBatchItemFailures")
    error_message = "SQS failures are reported per record."
  }
}

run "stream_trigger_reports_the_failed_record_and_keeps_what_it_gives_up_on" {
  command = plan

  variables {
    stream_trigger = {
      kind                       = "kinesis"
      stream_arn                 = "arn:aws:kinesis:eu-west-1:123456789012:stream/readings"
      on_failure_destination_arn = "arn:aws:sqs:eu-west-1:123456789012:readings-failures"
    }
  }

  assert {
    condition     = contains(aws_lambda_event_source_mapping.stream[0].function_response_types, "ReportBatchItemFailures")
    error_message = "Stream failures are reported per record, so the shard resumes from the failed one."
  }

  assert {
    condition     = aws_lambda_event_source_mapping.stream[0].destination_config[0].on_failure[0].destination_arn == "arn:aws:sqs:eu-west-1:123456789012:readings-failures"
    error_message = "Records Lambda gives up on go to the on-failure destination."
  }

  assert {
    condition     = aws_lambda_event_source_mapping.stream[0].maximum_retry_attempts == 10
    error_message = "A poison record is retried a bounded number of times."
  }

  assert {
    condition     = local.on_failure_destinations == tolist(["arn:aws:sqs:eu-west-1:123456789012:readings-failures"])
    error_message = "The function's role may send to the on-failure destination."
  }
}

run "dynamodb_stream_trigger_reads_the_table_stream" {
  command = plan

  variables {
    stream_trigger = {
      kind                       = "dynamodb"
      stream_arn                 = "arn:aws:dynamodb:eu-west-1:123456789012:table/readings/stream/2026-01-01T00:00:00.000"
      starting_position          = "TRIM_HORIZON"
      on_failure_destination_arn = "arn:aws:sqs:eu-west-1:123456789012:readings-failures"
    }
  }

  assert {
    condition     = aws_lambda_event_source_mapping.stream[0].starting_position == "TRIM_HORIZON" && contains(aws_lambda_event_source_mapping.stream[0].function_response_types, "ReportBatchItemFailures")
    error_message = "A DynamoDB stream is read like a Kinesis one."
  }
}

run "refuses_a_large_sqs_batch_without_a_window" {
  command = plan

  variables {
    sqs_trigger = {
      queue_arn  = "arn:aws:sqs:eu-west-1:123456789012:readings"
      batch_size = 100
    }
  }

  expect_failures = [var.sqs_trigger]
}

run "accepts_a_large_sqs_batch_with_a_window" {
  command = plan

  variables {
    sqs_trigger = {
      queue_arn                          = "arn:aws:sqs:eu-west-1:123456789012:readings"
      batch_size                         = 100
      maximum_batching_window_in_seconds = 5
    }
  }

  assert {
    condition     = aws_lambda_event_source_mapping.sqs[0].maximum_batching_window_in_seconds == 5
    error_message = "the window reaches the mapping"
  }
}

run "refuses_unbounded_stream_retries" {
  command = plan

  variables {
    stream_trigger = {
      kind                       = "kinesis"
      stream_arn                 = "arn:aws:kinesis:eu-west-1:123456789012:stream/readings"
      on_failure_destination_arn = "arn:aws:sqs:eu-west-1:123456789012:readings-failures"
      maximum_retry_attempts     = -1
    }
  }

  expect_failures = [var.stream_trigger]
}

run "refuses_a_stream_arn_of_the_other_kind" {
  command = plan

  variables {
    stream_trigger = {
      kind                       = "dynamodb"
      stream_arn                 = "arn:aws:kinesis:eu-west-1:123456789012:stream/readings"
      on_failure_destination_arn = "arn:aws:sqs:eu-west-1:123456789012:readings-failures"
    }
  }

  expect_failures = [var.stream_trigger]
}

run "sns_trigger_invokes_the_alias_and_keeps_failed_events" {
  command = plan

  variables {
    sns_trigger = {
      topic_arn                  = "arn:aws:sns:eu-west-1:123456789012:readings"
      filter_policy              = "{\"type\":[\"temperature\"]}"
      on_failure_destination_arn = "arn:aws:sqs:eu-west-1:123456789012:readings-failures"
    }
  }

  assert {
    condition     = aws_sns_topic_subscription.sns[0].protocol == "lambda" && aws_lambda_permission.sns[0].principal == "sns.amazonaws.com"
    error_message = "SNS invokes the function, and may."
  }

  assert {
    condition     = aws_lambda_function_event_invoke_config.async[0].destination_config[0].on_failure[0].destination == "arn:aws:sqs:eu-west-1:123456789012:readings-failures"
    error_message = "A message the function keeps failing on goes to the on-failure destination."
  }

  assert {
    condition     = aws_lambda_function_event_invoke_config.async[0].maximum_retry_attempts == 2
    error_message = "Failed invocations are retried as Lambda's default does."
  }

  assert {
    condition     = length(aws_iam_role_policy.on_failure) == 1 && local.on_failure_destinations == tolist(["arn:aws:sqs:eu-west-1:123456789012:readings-failures"])
    error_message = "The function's role may send to the on-failure destination."
  }
}

run "refuses_an_sns_filter_policy_that_is_not_json" {
  command = plan

  variables {
    sns_trigger = {
      topic_arn                  = "arn:aws:sns:eu-west-1:123456789012:readings"
      filter_policy              = "type = temperature"
      on_failure_destination_arn = "arn:aws:sqs:eu-west-1:123456789012:readings-failures"
    }
  }

  expect_failures = [var.sns_trigger]
}

run "jwt_authorizer_guards_every_route" {
  command = plan

  variables {
    http_api = {
      routes = ["POST /hello", "GET /hello"]
      jwt_authorizer = {
        issuer   = "https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_example"
        audience = ["fnbridge-web"]
      }
    }
  }

  assert {
    condition     = aws_apigatewayv2_authorizer.jwt[0].authorizer_type == "JWT" && aws_apigatewayv2_authorizer.jwt[0].jwt_configuration[0].issuer == "https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_example"
    error_message = "The API checks tokens of the given issuer."
  }

  assert {
    condition     = alltrue([for route in aws_apigatewayv2_route.this : route.authorization_type == "JWT"])
    error_message = "No route is left open."
  }
}

run "routes_are_open_without_an_authorizer" {
  command = plan

  variables {
    http_api = {
      routes = ["POST /hello"]
    }
  }

  assert {
    condition     = length(aws_apigatewayv2_authorizer.jwt) == 0 && aws_apigatewayv2_route.this["POST /hello"].authorization_type == "NONE"
    error_message = "Without jwt_authorizer the routes need no token."
  }
}

run "refuses_a_jwt_issuer_that_is_not_https" {
  command = plan

  variables {
    http_api = {
      routes = ["POST /hello"]
      jwt_authorizer = {
        issuer   = "http://issuer.example"
        audience = ["fnbridge-web"]
      }
    }
  }

  expect_failures = [var.http_api]
}

run "aot_cache_runs_the_custom_runtime_with_its_layer" {
  command = plan

  variables {
    cold_start_strategy = "aot_cache"
    memory_size         = 2048
    runtime_layer = {
      path         = "tests/fixtures/fnbridge-runtime-layer.zip"
      architecture = "x86_64"
    }
  }

  assert {
    condition     = aws_lambda_function.this.runtime == "provided.al2023" && length(aws_lambda_function.this.snap_start) == 0
    error_message = "The AOT cache needs the custom runtime, where SnapStart does not exist."
  }

  assert {
    condition     = aws_lambda_function.this.architectures[0] == "x86_64" && contains(aws_lambda_layer_version.runtime[0].compatible_architectures, "x86_64")
    error_message = "The function runs on the architecture of the layer's JDK."
  }

  assert {
    condition     = aws_lambda_function.this.environment[0].variables["JAVA_TOOL_OPTIONS"] == "-XX:+TieredCompilation -XX:TieredStopAtLevel=1"
    error_message = "On a cold start's path the JVM compiles with C1 only."
  }
}

run "warns_when_an_aot_cache_function_has_less_than_a_vcpu" {
  command = plan

  variables {
    cold_start_strategy = "aot_cache"
    memory_size         = 1024
    runtime_layer = {
      path         = "tests/fixtures/fnbridge-runtime-layer.zip"
      architecture = "x86_64"
    }
  }

  expect_failures = [check.aot_cache_memory]
}

run "refuses_aot_cache_without_its_layer" {
  command = plan

  variables {
    cold_start_strategy = "aot_cache"
    memory_size         = 2048
  }

  expect_failures = [var.runtime_layer]
}

variable "function_name" {
  type        = string
  description = "Name of the Lambda function, e.g. fnbridge-dev-hello."

  validation {
    condition     = can(regex("^[A-Za-z0-9_-]{1,64}$", var.function_name))
    error_message = "function_name must be 1-64 letters, digits, hyphens or underscores."
  }
}

variable "description" {
  type        = string
  description = "Description of the Lambda function."
  default     = "fnbridge function"
}

variable "definition" {
  type        = string
  description = "The fnbridge function this deployment serves (SPRING_CLOUD_FUNCTION_DEFINITION), e.g. hello or validateReading|enrichReading|detectAnomaly. Empty: route HTTP requests by path."
  default     = ""

  validation {
    condition     = can(regex("^([A-Za-z_$][A-Za-z0-9_$]*([|;,][A-Za-z_$][A-Za-z0-9_$]*)*)?$", var.definition))
    error_message = "definition is function bean names joined by | (composition) or ; (several), without spaces, or empty."
  }
}

variable "artifact_path" {
  type        = string
  description = "Path of the application's Lambda zip, as fnbridge-maven-plugin's lambda-zip goal writes it (target/<artifactId>-lambda.zip), e.g. ../target/orders-lambda.zip from an infra/ folder beside the application's pom.xml."

  validation {
    condition     = endswith(var.artifact_path, ".zip")
    error_message = "artifact_path must point at the Lambda zip (target/<artifactId>-lambda.zip)."
  }
}

variable "handler" {
  type        = string
  description = "Handler of the artifact."
  default     = "dev.fnbridge.lambda.FunctionHandler"

  validation {
    condition     = can(regex("^[A-Za-z_$][A-Za-z0-9_$]*([.][A-Za-z_$][A-Za-z0-9_$]*)+(::[A-Za-z_$][A-Za-z0-9_$]*)?$", var.handler))
    error_message = "handler is a fully qualified class name, optionally ::method (fnbridge's is dev.fnbridge.lambda.FunctionHandler)."
  }
}

variable "runtime" {
  type        = string
  description = "Java runtime of the function; the artifact is built for Java 17 and runs on later runtimes."
  default     = "java17"

  validation {
    condition     = contains(["java17", "java21", "java25"], var.runtime)
    error_message = "runtime must be java17, java21 or java25."
  }
}

variable "architecture" {
  type        = string
  description = "Instruction set: x86_64 or arm64 (the artifact is pure Java and runs on both)."
  default     = "arm64"

  validation {
    condition     = contains(["x86_64", "arm64"], var.architecture)
    error_message = "architecture must be x86_64 or arm64."
  }
}

variable "memory_size" {
  type        = number
  description = "Memory in MB (CPU scales with it)."
  default     = 1024

  validation {
    condition     = var.memory_size >= 128 && var.memory_size <= 10240
    error_message = "memory_size must be between 128 and 10240 MB."
  }
}

variable "timeout" {
  type        = number
  description = "Timeout of one invocation, in seconds."
  default     = 30

  validation {
    condition     = var.timeout >= 1 && var.timeout <= 900
    error_message = "timeout must be between 1 and 900 seconds."
  }
}

variable "java_tool_options" {
  type        = string
  description = "JAVA_TOOL_OPTIONS of the function's JVM. Null: C1 only (-XX:+TieredCompilation -XX:TieredStopAtLevel=1) when the JVM starts on an invocation's path (cold_start_strategy none or aot_cache); unset with snap_start or provisioned, where compilation happens before invocations and Lambda's default for the runtime applies (full tiered compilation on java25)."
  default     = null
}

variable "environment" {
  type        = map(string)
  description = "Additional environment variables, e.g. FNBRIDGE_TELEMETRY_MAX_CLOCK_SKEW."
  default     = {}
}

variable "cold_start_strategy" {
  type        = string
  description = "How cold starts are avoided: none, snap_start (SnapStart on published versions), provisioned (provisioned concurrency with auto scaling) or aot_cache (the custom runtime provided.al2023 with the fnbridge runtime layer: a JDK 25 and its AOT cache of this artifact; see runtime_layer). AWS does not allow SnapStart with provisioned concurrency or custom runtimes, so one variable chooses."
  default     = "snap_start"

  validation {
    condition     = contains(["none", "snap_start", "provisioned", "aot_cache"], var.cold_start_strategy)
    error_message = "cold_start_strategy must be none, snap_start, provisioned or aot_cache."
  }
}

variable "runtime_layer" {
  type = object({
    path         = string
    architecture = string
  })
  description = "The fnbridge runtime layer built for this artifact (fnbridge-maven-plugin's runtime-layer goal writes target/<artifactId>-runtime-layer.zip: a jlinked JDK 25 and the AOT cache trained on this very zip) and the architecture of that JDK (x86_64 or arm64: the JDK the build ran on). Only with cold_start_strategy = aot_cache; rebuild it with every artifact, a stale cache is ignored."
  default     = null

  validation {
    condition     = var.runtime_layer == null || var.cold_start_strategy == "aot_cache"
    error_message = "runtime_layer needs cold_start_strategy = aot_cache."
  }

  validation {
    condition     = var.cold_start_strategy != "aot_cache" || var.runtime_layer != null
    error_message = "cold_start_strategy = aot_cache needs runtime_layer (build it with fnbridge-maven-plugin's runtime-layer goal)."
  }

  validation {
    condition = var.runtime_layer == null ? true : (
      endswith(var.runtime_layer.path, ".zip") && contains(["x86_64", "arm64"], var.runtime_layer.architecture)
    )
    error_message = "runtime_layer needs the layer zip's path and its JDK's architecture, x86_64 or arm64."
  }
}

variable "provisioned_concurrency" {
  type = object({
    min_capacity       = number
    max_capacity       = number
    target_utilization = optional(number, 0.7)
  })
  description = "Provisioned concurrency and its auto scaling (target tracking on utilisation); only with cold_start_strategy = provisioned."
  default     = null

  validation {
    condition     = var.provisioned_concurrency == null || var.cold_start_strategy == "provisioned"
    error_message = "provisioned_concurrency needs cold_start_strategy = provisioned: SnapStart and provisioned concurrency cannot be combined."
  }

  validation {
    condition     = var.cold_start_strategy != "provisioned" || var.provisioned_concurrency != null
    error_message = "cold_start_strategy = provisioned needs provisioned_concurrency."
  }

  validation {
    condition = var.provisioned_concurrency == null ? true : (
      var.provisioned_concurrency.min_capacity >= 1 &&
      var.provisioned_concurrency.max_capacity >= var.provisioned_concurrency.min_capacity &&
      var.provisioned_concurrency.target_utilization > 0 && var.provisioned_concurrency.target_utilization < 1
    )
    error_message = "provisioned_concurrency needs 1 <= min_capacity <= max_capacity and 0 < target_utilization < 1."
  }
}

variable "reserved_concurrency" {
  type        = number
  description = "Reserved concurrent executions; -1 leaves the function unreserved."
  default     = -1

  validation {
    condition     = var.reserved_concurrency >= -1
    error_message = "reserved_concurrency must be -1 (unreserved) or at least 0."
  }
}

variable "alias_name" {
  type        = string
  description = "Alias that triggers and provisioned concurrency point at."
  default     = "live"

  validation {
    # Lambda's alias names: letters, digits, - and _, not only digits (that would be a version).
    condition     = can(regex("^[A-Za-z0-9_-]*[A-Za-z_-][A-Za-z0-9_-]*$", var.alias_name))
    error_message = "alias_name is letters, digits, - or _, not only digits, and not $LATEST."
  }

  validation {
    condition     = length(var.alias_name) <= 128
    error_message = "alias_name is at most 128 characters."
  }
}

variable "log_retention_days" {
  type        = number
  description = "Retention of the function's CloudWatch log group, in days."
  default     = 30

  validation {
    condition     = contains([1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653], var.log_retention_days)
    error_message = "log_retention_days must be a retention CloudWatch Logs supports (1, 3, 5, 7, 14, 30, 60, 90, ...)."
  }
}

variable "tracing" {
  type        = bool
  description = "Whether X-Ray active tracing is on."
  default     = false
}

variable "alarm_actions" {
  type        = list(string)
  description = "ARNs notified when an alarm fires (e.g. an SNS topic)."
  default     = []
}

variable "duration_p99_threshold_ms" {
  type        = number
  description = "Duration p99 above which the duration alarm fires, in milliseconds."
  default     = 2000

  validation {
    condition     = var.duration_p99_threshold_ms >= 1
    error_message = "duration_p99_threshold_ms must be at least 1."
  }
}

variable "http_api" {
  type = object({
    routes                 = list(string)
    throttling_burst_limit = optional(number, 100)
    throttling_rate_limit  = optional(number, 50)
    cors_allow_origins     = optional(list(string), [])
    jwt_authorizer = optional(object({
      issuer   = string
      audience = list(string)
    }))
  })
  description = "API Gateway HTTP API (v2) in front of the function, e.g. { routes = [\"POST /hello\", \"GET /hello\"] }; with jwt_authorizer (an OpenID Connect issuer URL and the accepted audiences, e.g. a Cognito user pool and its app client id), every route requires a valid bearer token in the Authorization header. Null: none."
  default     = null

  validation {
    condition     = try(var.http_api.jwt_authorizer, null) == null ? true : startswith(var.http_api.jwt_authorizer.issuer, "https://") && length(var.http_api.jwt_authorizer.audience) > 0
    error_message = "http_api.jwt_authorizer needs an https:// issuer and at least one audience."
  }
}

variable "kafka_trigger" {
  type = object({
    kind                       = string
    topics                     = list(string)
    cluster_arn                = optional(string)
    bootstrap_servers          = optional(list(string), [])
    consumer_group_id          = optional(string)
    starting_position          = optional(string, "LATEST")
    batch_size                 = optional(number, 100)
    on_failure_destination_arn = string
    source_access_configurations = optional(list(object({
      type = string
      uri  = string
    })), [])
  })
  description = "Kafka event source: kind msk (cluster_arn) or self_managed (bootstrap_servers), topics, and the on-failure destination (SQS, SNS or S3 ARN) that receives records Lambda gave up on. Null: none."
  default     = null

  validation {
    condition     = var.kafka_trigger == null ? true : contains(["msk", "self_managed"], var.kafka_trigger.kind)
    error_message = "kafka_trigger.kind must be msk or self_managed."
  }

  validation {
    condition     = var.kafka_trigger == null ? true : contains(["LATEST", "TRIM_HORIZON"], var.kafka_trigger.starting_position)
    error_message = "kafka_trigger.starting_position must be LATEST or TRIM_HORIZON."
  }
}

variable "sqs_trigger" {
  type = object({
    queue_arn                          = string
    batch_size                         = optional(number, 10)
    maximum_batching_window_in_seconds = optional(number, 0)
  })
  description = "SQS event source; failed records are reported one by one (ReportBatchItemFailures) and go to the queue's redrive DLQ. A batch over 10 records needs a batching window of at least 1 s (AWS's rule). Null: none."
  default     = null

  validation {
    condition = var.sqs_trigger == null ? true : (
      var.sqs_trigger.batch_size >= 1 && var.sqs_trigger.batch_size <= 10000 &&
      var.sqs_trigger.maximum_batching_window_in_seconds >= 0 && var.sqs_trigger.maximum_batching_window_in_seconds <= 300 &&
      (var.sqs_trigger.batch_size <= 10 || var.sqs_trigger.maximum_batching_window_in_seconds >= 1)
    )
    error_message = "sqs_trigger: batch_size 1 to 10000, maximum_batching_window_in_seconds 0 to 300, and at least 1 s of window for batches over 10 records."
  }
}

variable "stream_trigger" {
  type = object({
    kind                               = string
    stream_arn                         = string
    starting_position                  = optional(string, "LATEST")
    batch_size                         = optional(number, 100)
    maximum_batching_window_in_seconds = optional(number, 0)
    parallelization_factor             = optional(number, 1)
    maximum_retry_attempts             = optional(number, 10)
    maximum_record_age_in_seconds      = optional(number, 3600)
    on_failure_destination_arn         = string
  })
  description = "Kinesis or DynamoDB stream event source (kind kinesis or dynamodb): records in order per shard; the first failed record is reported (ReportBatchItemFailures), the shard is retried from it, and after maximum_retry_attempts or maximum_record_age_in_seconds the batch's metadata goes to the on-failure destination (SQS, SNS or S3 ARN). A DynamoDB stream needs new images (NEW_IMAGE or NEW_AND_OLD_IMAGES). Null: none."
  default     = null

  validation {
    condition     = var.stream_trigger == null ? true : contains(["kinesis", "dynamodb"], var.stream_trigger.kind)
    error_message = "stream_trigger.kind must be kinesis or dynamodb."
  }

  validation {
    condition     = var.stream_trigger == null ? true : can(regex(var.stream_trigger.kind == "kinesis" ? "^arn:aws[a-z-]*:kinesis:.*:stream/" : "^arn:aws[a-z-]*:dynamodb:.*:table/.+/stream/", var.stream_trigger.stream_arn))
    error_message = "stream_trigger.stream_arn must be the ARN of a Kinesis stream (kind kinesis) or of a DynamoDB table's stream (kind dynamodb)."
  }

  validation {
    condition     = var.stream_trigger == null ? true : contains(["LATEST", "TRIM_HORIZON"], var.stream_trigger.starting_position)
    error_message = "stream_trigger.starting_position must be LATEST or TRIM_HORIZON."
  }

  validation {
    condition     = var.stream_trigger == null ? true : var.stream_trigger.parallelization_factor >= 1 && var.stream_trigger.parallelization_factor <= 10
    error_message = "stream_trigger.parallelization_factor must be between 1 and 10."
  }

  validation {
    condition     = var.stream_trigger == null ? true : var.stream_trigger.batch_size >= 1 && var.stream_trigger.batch_size <= 10000
    error_message = "stream_trigger.batch_size must be between 1 and 10000."
  }

  # -1 means "until the record expires": a poison record would block its shard for the
  # stream's whole retention, so a bound is required.
  validation {
    condition     = var.stream_trigger == null ? true : var.stream_trigger.maximum_retry_attempts >= 0 && var.stream_trigger.maximum_retry_attempts <= 10000
    error_message = "stream_trigger.maximum_retry_attempts must be between 0 and 10000."
  }

  validation {
    condition     = var.stream_trigger == null ? true : var.stream_trigger.maximum_record_age_in_seconds >= 60 && var.stream_trigger.maximum_record_age_in_seconds <= 604800
    error_message = "stream_trigger.maximum_record_age_in_seconds must be between 60 and 604800."
  }

  validation {
    condition     = var.stream_trigger == null ? true : can(regex("^arn:aws[a-z-]*:(sqs|sns|s3):", var.stream_trigger.on_failure_destination_arn))
    error_message = "stream_trigger.on_failure_destination_arn must be an SQS queue, SNS topic or S3 bucket ARN."
  }
}

variable "sns_trigger" {
  type = object({
    topic_arn                    = string
    filter_policy                = optional(string)
    maximum_retry_attempts       = optional(number, 2)
    maximum_event_age_in_seconds = optional(number, 21600)
    on_failure_destination_arn   = string
  })
  description = "SNS subscription: each message invokes the function asynchronously; a failed invocation is retried maximum_retry_attempts times (0-2) within maximum_event_age_in_seconds, then the event goes to the on-failure destination (SQS queue, SNS topic, Lambda function or EventBridge bus ARN). Null: none."
  default     = null

  validation {
    condition     = var.sns_trigger == null ? true : var.sns_trigger.maximum_retry_attempts >= 0 && var.sns_trigger.maximum_retry_attempts <= 2
    error_message = "sns_trigger.maximum_retry_attempts must be between 0 and 2."
  }

  validation {
    condition     = var.sns_trigger == null ? true : var.sns_trigger.maximum_event_age_in_seconds >= 60 && var.sns_trigger.maximum_event_age_in_seconds <= 21600
    error_message = "sns_trigger.maximum_event_age_in_seconds must be between 60 and 21600."
  }

  validation {
    condition     = var.sns_trigger == null ? true : var.sns_trigger.filter_policy == null || can(jsondecode(var.sns_trigger.filter_policy))
    error_message = "sns_trigger.filter_policy must be a JSON document."
  }

  validation {
    condition     = var.sns_trigger == null ? true : can(regex("^arn:aws[a-z-]*:(sqs|sns|lambda|events):", var.sns_trigger.on_failure_destination_arn))
    error_message = "sns_trigger.on_failure_destination_arn must be an SQS queue, SNS topic, Lambda function or EventBridge bus ARN."
  }
}

variable "tags" {
  type        = map(string)
  description = "Tags for every resource."
  default     = {}
}

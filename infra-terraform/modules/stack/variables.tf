variable "environment" {
  type        = string
  description = "Name of the environment, used in resource names (dev, prod, ...)."

  validation {
    condition     = can(regex("^[a-z0-9-]{1,20}$", var.environment))
    error_message = "environment must be 1-20 lowercase letters, digits or hyphens."
  }
}

variable "region" {
  type        = string
  description = "AWS region, for the dashboard."
}

variable "artifact_path" {
  type        = string
  description = "The Lambda zip built by ./mvnw -B package."
}

variable "msk_cluster_arn" {
  type        = string
  description = "ARN of an MSK cluster whose telemetry.readings topic feeds the telemetry pipeline; null: no Kafka trigger."
  default     = null
}

variable "alarm_topic_arn" {
  type        = string
  description = "SNS topic notified by alarms; null: alarms notify nobody."
  default     = null
}

variable "log_retention_days" {
  type        = number
  description = "Retention of the functions' logs, in days."
  default     = 14
}

variable "tracing" {
  type        = bool
  description = "Whether X-Ray tracing is on."
  default     = false
}

variable "hello" {
  type = object({
    memory_size         = optional(number, 1024)
    cold_start_strategy = optional(string, "snap_start")
    provisioned_concurrency = optional(object({
      min_capacity       = number
      max_capacity       = number
      target_utilization = optional(number, 0.7)
    }))
    runtime_layer = optional(object({
      path         = string
      architecture = string
    }))
    jwt_authorizer = optional(object({
      issuer   = string
      audience = list(string)
    }))
  })
  description = "Sizing and cold-start strategy of the hello function (runtime_layer with cold_start_strategy = aot_cache: the layer fnbridge-maven-plugin's runtime-layer goal builds), and the JWT authorizer its HTTP API requires tokens of (null: open)."
  default     = {}
}

variable "telemetry" {
  type = object({
    memory_size          = optional(number, 1024)
    reserved_concurrency = optional(number, -1)
  })
  description = "Sizing of the telemetry pipeline function."
  default     = {}
}

variable "readings_stream" {
  type        = bool
  description = "Whether a Kinesis stream (on demand) feeds the telemetry pipeline besides the SQS queue; records the function keeps failing on end in the readings DLQ."
  default     = false
}

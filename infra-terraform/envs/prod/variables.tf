variable "region" {
  type        = string
  description = "AWS region to deploy to."
  default     = "eu-west-1"
}

variable "environment" {
  type        = string
  description = "Name of this environment, used in resource names."
  default     = "prod"
}

variable "artifact_path" {
  type        = string
  description = "The Lambda zip built by ./mvnw -B package."
  default     = "../../../functions-app/target/fnbridge-functions-app-lambda.zip"
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

variable "jwt_authorizer" {
  type = object({
    issuer   = string
    audience = list(string)
  })
  description = "OpenID Connect issuer URL and accepted audiences (e.g. a Cognito user pool and its app client id) whose bearer tokens hello's HTTP API requires; null: the API is open."
  default     = null
}

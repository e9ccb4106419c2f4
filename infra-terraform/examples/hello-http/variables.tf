variable "region" {
  type        = string
  description = "AWS region to deploy to."
  default     = "eu-west-1"
}

variable "artifact_path" {
  type        = string
  description = "The Lambda zip built by ./mvnw -B package."
  default     = "../../../functions-app/target/fnbridge-functions-app-lambda.zip"
}

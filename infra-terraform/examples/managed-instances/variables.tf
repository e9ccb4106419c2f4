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

variable "subnet_ids" {
  type        = list(string)
  description = "Subnets of the capacity provider's instances, in several Availability Zones (private ones, with a route to the AWS APIs the function calls)."

  validation {
    condition     = length(var.subnet_ids) > 0
    error_message = "subnet_ids needs at least one subnet."
  }
}

variable "security_group_ids" {
  type        = list(string)
  description = "Security groups of the capacity provider's instances."

  validation {
    condition     = length(var.security_group_ids) > 0
    error_message = "security_group_ids needs at least one security group."
  }
}

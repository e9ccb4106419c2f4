variable "region" {
  type        = string
  description = "AWS region to deploy to."
  default     = "eu-west-1"
}

variable "artifact_path" {
  type        = string
  description = "The Lambda zip that ./mvnw package builds (fnbridge-maven-plugin's lambda-zip goal)."
  default     = "../target/${artifactId}-lambda.zip"
}

variable "memory_size" {
  type        = number
  description = "Memory of the function in MB (CPU share grows with it; 1769 MB is one vCPU)."
  default     = 1024

  validation {
    condition     = var.memory_size >= 128 && var.memory_size <= 10240
    error_message = "memory_size must be between 128 and 10240 MB."
  }
}

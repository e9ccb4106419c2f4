terraform {
  # 1.9 for validation conditions that refer to other variables.
  required_version = ">= 1.9"

  required_providers {
    aws = {
      source = "hashicorp/aws"
      # 6.24 brought aws_lambda_capacity_provider and the function's capacity_provider_config.
      # Kept out of modules/function, which stays usable with 5.100.
      version = ">= 6.24, < 7.0"
    }
  }
}

terraform {
  required_version = ">= 1.9"

  required_providers {
    aws = {
      source = "hashicorp/aws"
      # 6.24: the first with Lambda Managed Instances (modules/managed-instances).
      version = ">= 6.24, < 7.0"
    }
  }
}

provider "aws" {
  region = var.region
}

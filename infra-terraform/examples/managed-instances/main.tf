# hello on Lambda Managed Instances: a capacity provider of its own in your VPC's private subnets,
# environments of 4 GB and 2 vCPUs, each serving up to 64 invocations at once.
module "hello" {
  source = "../../modules/managed-instances"

  function_name = "fnbridge-example-lmi-hello"
  definition    = "hello"
  artifact_path = var.artifact_path
  runtime       = "java21"

  memory_size         = 4096
  memory_gib_per_vcpu = 2
  max_concurrency     = 64

  capacity_provider = {
    subnet_ids         = var.subnet_ids
    security_group_ids = var.security_group_ids
    max_vcpu_count     = 16
  }
}

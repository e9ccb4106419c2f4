module "stack" {
  source = "../../modules/stack"

  environment     = var.environment
  region          = var.region
  artifact_path   = var.artifact_path
  msk_cluster_arn = var.msk_cluster_arn
  alarm_topic_arn = var.alarm_topic_arn

  # hello kept warm by provisioned concurrency scaled on utilisation; tracing; longer retention.
  log_retention_days = 90
  tracing            = true

  hello = {
    memory_size         = 2048
    cold_start_strategy = "provisioned"
    provisioned_concurrency = {
      min_capacity       = 2
      max_capacity       = 20
      target_utilization = 0.7
    }
    jwt_authorizer = var.jwt_authorizer
  }

  telemetry = {
    reserved_concurrency = 50
  }
}

module "stack" {
  source = "../../modules/stack"

  environment     = var.environment
  region          = var.region
  artifact_path   = var.artifact_path
  msk_cluster_arn = var.msk_cluster_arn
  readings_stream = var.readings_stream
  alarm_topic_arn = var.alarm_topic_arn

  # Cold starts cut by SnapStart; short log retention.
  log_retention_days = 14

  hello = {
    jwt_authorizer = var.jwt_authorizer
  }
}

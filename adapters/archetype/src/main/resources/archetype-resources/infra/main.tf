# ${artifactId} on AWS Lambda: the hello function behind an HTTP API, with fnbridge's module
# (least-privilege role, log retention, alarms, SnapStart on a published alias).
module "hello" {
  source = "${fnbridgeModuleSource}"

  function_name = "${artifactId}-hello"
  definition    = "hello"
  artifact_path = var.artifact_path
  memory_size   = var.memory_size

  http_api = {
    routes = ["POST /hello"]
  }
}

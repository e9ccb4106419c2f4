# The smallest deployment: hello behind an HTTP API, SnapStart on.
module "hello" {
  source = "../../modules/function"

  function_name = "fnbridge-example-hello"
  definition    = "hello"
  artifact_path = var.artifact_path

  http_api = {
    routes = ["POST /hello"]
  }
}

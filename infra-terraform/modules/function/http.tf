# API Gateway HTTP API (v2): Lambda proxy integration on the alias, one route per entry of
# var.http_api.routes, throttling and access logs on the default stage.
resource "aws_apigatewayv2_api" "this" {
  count         = var.http_api == null ? 0 : 1
  name          = var.function_name
  protocol_type = "HTTP"
  tags          = var.tags

  dynamic "cors_configuration" {
    for_each = length(var.http_api.cors_allow_origins) > 0 ? [1] : []
    content {
      allow_origins = var.http_api.cors_allow_origins
      allow_methods = ["GET", "POST"]
      allow_headers = ["content-type", "authorization"]
    }
  }
}

resource "aws_apigatewayv2_integration" "this" {
  count                  = var.http_api == null ? 0 : 1
  api_id                 = aws_apigatewayv2_api.this[0].id
  integration_type       = "AWS_PROXY"
  integration_uri        = aws_lambda_alias.this.invoke_arn
  payload_format_version = "2.0"
}

# With a JWT authorizer, API Gateway checks the bearer token (signature, issuer, audience,
# expiry) before the function runs; a request without a valid one gets 401 and costs no
# invocation.
resource "aws_apigatewayv2_authorizer" "jwt" {
  count            = try(var.http_api.jwt_authorizer, null) == null ? 0 : 1
  api_id           = aws_apigatewayv2_api.this[0].id
  name             = "jwt"
  authorizer_type  = "JWT"
  identity_sources = ["$request.header.Authorization"]

  jwt_configuration {
    issuer   = var.http_api.jwt_authorizer.issuer
    audience = var.http_api.jwt_authorizer.audience
  }
}

resource "aws_apigatewayv2_route" "this" {
  for_each           = var.http_api == null ? toset([]) : toset(var.http_api.routes)
  api_id             = aws_apigatewayv2_api.this[0].id
  route_key          = each.value
  target             = "integrations/${aws_apigatewayv2_integration.this[0].id}"
  authorization_type = length(aws_apigatewayv2_authorizer.jwt) > 0 ? "JWT" : "NONE"
  authorizer_id      = one(aws_apigatewayv2_authorizer.jwt[*].id)
}

resource "aws_cloudwatch_log_group" "access" {
  count             = var.http_api == null ? 0 : 1
  name              = "/aws/apigateway/${var.function_name}"
  retention_in_days = var.log_retention_days
  tags              = var.tags
}

resource "aws_apigatewayv2_stage" "this" {
  count       = var.http_api == null ? 0 : 1
  api_id      = aws_apigatewayv2_api.this[0].id
  name        = "$default"
  auto_deploy = true
  tags        = var.tags

  default_route_settings {
    throttling_burst_limit = var.http_api.throttling_burst_limit
    throttling_rate_limit  = var.http_api.throttling_rate_limit
  }

  access_log_settings {
    destination_arn = aws_cloudwatch_log_group.access[0].arn
    format = jsonencode({
      requestId = "$context.requestId"
      routeKey  = "$context.routeKey"
      status    = "$context.status"
      latencyMs = "$context.responseLatency"
      error     = "$context.integrationErrorMessage"
    })
  }
}

resource "aws_lambda_permission" "http" {
  count         = var.http_api == null ? 0 : 1
  statement_id  = "AllowHttpApi"
  action        = "lambda:InvokeFunction"
  function_name = aws_lambda_function.this.function_name
  qualifier     = aws_lambda_alias.this.name
  principal     = "apigateway.amazonaws.com"
  source_arn    = "${aws_apigatewayv2_api.this[0].execution_arn}/*/*"
}

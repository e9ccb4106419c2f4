output "hello_alias_arn" {
  description = "ARN of hello's alias: aws lambda invoke --function-name <this> --payload '{\"name\":\"Ada\"}' out.json."
  value       = module.hello.alias_arn
}

output "capacity_provider_arn" {
  description = "ARN of the capacity provider hello runs on; other mutually trusted functions may share it."
  value       = module.hello.capacity_provider_arn
}

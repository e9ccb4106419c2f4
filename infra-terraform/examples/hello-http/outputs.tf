output "hello_url" {
  description = "URL of the hello route."
  value       = "${module.hello.api_endpoint}/hello"
}

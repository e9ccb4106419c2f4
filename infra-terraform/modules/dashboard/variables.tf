variable "name" {
  type        = string
  description = "Name of the dashboard."
}

variable "region" {
  type        = string
  description = "Region the functions run in."
}

variable "functions" {
  type        = list(string)
  description = "Names of the Lambda functions to show."
}

variable "definitions" {
  type        = list(string)
  description = "The fnbridge function definition each function serves (SPRING_CLOUD_FUNCTION_DEFINITION), in the order of functions; the dimension of the fnbridge metrics."
}

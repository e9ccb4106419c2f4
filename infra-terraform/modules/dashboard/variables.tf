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

variable "function_name" {
  type        = string
  description = "Name of the Lambda function, e.g. fnbridge-prod-orders; also the capacity provider's, when this module creates one."

  # 55, not Lambda's 64: the roles are named <function_name>-role and -operator, and IAM allows 64.
  validation {
    condition     = can(regex("^[A-Za-z0-9_-]{1,55}$", var.function_name))
    error_message = "function_name must be 1-55 letters, digits, hyphens or underscores."
  }
}

variable "description" {
  type        = string
  description = "Description of the Lambda function."
  default     = "fnbridge function on Lambda Managed Instances"
}

variable "definition" {
  type        = string
  description = "The fnbridge function this deployment serves (SPRING_CLOUD_FUNCTION_DEFINITION), e.g. hello or validateReading|enrichReading|detectAnomaly. Empty: route HTTP requests by path."
  default     = ""

  validation {
    condition     = can(regex("^([A-Za-z_$][A-Za-z0-9_$]*([|;,][A-Za-z_$][A-Za-z0-9_$]*)*)?$", var.definition))
    error_message = "definition is function bean names joined by | (composition) or ; (several), without spaces, or empty."
  }
}

variable "artifact_path" {
  type        = string
  description = "Path of the application's Lambda zip, as fnbridge-maven-plugin's lambda-zip goal writes it (target/<artifactId>-lambda.zip)."

  validation {
    condition     = endswith(var.artifact_path, ".zip")
    error_message = "artifact_path must point at the Lambda zip (target/<artifactId>-lambda.zip)."
  }
}

variable "handler" {
  type        = string
  description = "Handler of the artifact."
  default     = "dev.fnbridge.lambda.FunctionHandler"

  validation {
    condition     = can(regex("^[A-Za-z_$][A-Za-z0-9_$]*([.][A-Za-z_$][A-Za-z0-9_$]*)+(::[A-Za-z_$][A-Za-z0-9_$]*)?$", var.handler))
    error_message = "handler is a fully qualified class name, optionally ::method (fnbridge's is dev.fnbridge.lambda.FunctionHandler)."
  }
}

variable "runtime" {
  type        = string
  description = "Managed Java runtime: Lambda Managed Instances run Java 21 and later (java21, java25), whose runtime client serves max_concurrency invocations on as many threads. fnbridge's custom runtime (modules/function's aot_cache) is not offered: it shortens cold starts, which execution environments started at publish time do not have."
  default     = "java21"

  validation {
    condition     = contains(["java21", "java25"], var.runtime)
    error_message = "runtime must be java21 or java25: Lambda Managed Instances run Java 21 and later."
  }
}

variable "architecture" {
  type        = string
  description = "Instruction set of the function and of the capacity provider's instances this module creates: x86_64 or arm64 (Graviton). With capacity_provider_arn, that provider's architecture."
  default     = "arm64"

  validation {
    condition     = contains(["x86_64", "arm64"], var.architecture)
    error_message = "architecture must be x86_64 or arm64."
  }
}

variable "memory_size" {
  type        = number
  description = "Memory of one execution environment in MB; its vCPUs are memory_size / 1024 / memory_gib_per_vcpu. Lambda Managed Instances need at least 2,048 MB (one vCPU); hashicorp/aws 6.25 accepts at most 10,240."
  default     = 2048

  validation {
    condition     = var.memory_size >= 2048 && var.memory_size <= 10240
    error_message = "memory_size must be between 2048 MB (the smallest Lambda Managed Instances environment: 2 GB, 1 vCPU) and 10240 MB."
  }

  validation {
    condition     = var.memory_size >= var.memory_gib_per_vcpu * 1024
    error_message = "memory_size must hold at least one vCPU: memory_gib_per_vcpu * 1024 MB or more."
  }
}

variable "memory_gib_per_vcpu" {
  type        = number
  description = "GiB of memory per vCPU of an execution environment: 2 (compute optimized), 4 (general purpose) or 8 (memory optimized)."
  default     = 2

  validation {
    condition     = contains([2, 4, 8], var.memory_gib_per_vcpu)
    error_message = "memory_gib_per_vcpu must be 2, 4 or 8 (GiB per vCPU)."
  }
}

variable "max_concurrency" {
  type        = number
  description = "Invocations one execution environment serves at once (per_execution_environment_max_concurrency; Lambda passes it to the runtime as AWS_LAMBDA_MAX_CONCURRENCY, the Java runtime's thread count). Null: Lambda's default for Java, 32 per vCPU."
  default     = null

  validation {
    condition     = var.max_concurrency == null ? true : var.max_concurrency >= 1 && var.max_concurrency <= 1600 && floor(var.max_concurrency) == var.max_concurrency
    error_message = "max_concurrency must be a whole number between 1 and 1600, or null."
  }
}

variable "timeout" {
  type        = number
  description = "Timeout of one invocation, in seconds."
  default     = 30

  validation {
    condition     = var.timeout >= 1 && var.timeout <= 900
    error_message = "timeout must be between 1 and 900 seconds."
  }
}

variable "java_tool_options" {
  type        = string
  description = "JAVA_TOOL_OPTIONS of the function's JVM. Null: unset, Lambda's default for the runtime (the JVM starts when the version is published, off any invocation's path)."
  default     = null
}

variable "environment" {
  type        = map(string)
  description = "Additional environment variables, e.g. FNBRIDGE_TELEMETRY_MAX_CLOCK_SKEW. Not AWS_LAMBDA_MAX_CONCURRENCY: Lambda sets it from max_concurrency."
  default     = {}

  validation {
    condition     = !contains(keys(var.environment), "AWS_LAMBDA_MAX_CONCURRENCY")
    error_message = "environment must not set AWS_LAMBDA_MAX_CONCURRENCY: Lambda sets it from max_concurrency."
  }
}

variable "capacity_provider_arn" {
  type        = string
  description = "ARN of an existing capacity provider to run on (arn:aws:lambda:<region>:<account>:capacity-provider:<name>); its instances must have the function's architecture, and the deploying principal needs lambda:PassCapacityProvider on it. Null: set capacity_provider instead."
  default     = null

  validation {
    condition     = var.capacity_provider_arn == null ? true : can(regex("^arn:aws[a-zA-Z-]*:lambda:[a-z0-9-]+:[0-9]{12}:capacity-provider:[a-zA-Z0-9_-]+$", var.capacity_provider_arn))
    error_message = "capacity_provider_arn must be a Lambda capacity provider ARN: arn:aws:lambda:<region>:<account>:capacity-provider:<name>."
  }

  validation {
    condition     = (var.capacity_provider_arn == null) != (var.capacity_provider == null)
    error_message = "Set exactly one of capacity_provider_arn (an existing capacity provider) and capacity_provider (one this module creates)."
  }
}

variable "capacity_provider" {
  type = object({
    subnet_ids             = list(string)
    security_group_ids     = list(string)
    allowed_instance_types = optional(list(string), [])
    max_vcpu_count         = optional(number)
  })
  description = "A capacity provider this module creates, with its operator role (AWS managed policy AWSLambdaManagedEC2ResourceOperator): the subnets (several Availability Zones: Lambda spreads instances over them) and security groups of its instances, optionally the instance types it may launch ([] lets Lambda choose, as AWS recommends) and a ceiling on its vCPUs (null: Lambda's default). Null: set capacity_provider_arn instead."
  default     = null

  validation {
    condition     = var.capacity_provider == null ? true : length(var.capacity_provider.subnet_ids) > 0 && length(var.capacity_provider.security_group_ids) > 0
    error_message = "capacity_provider needs at least one subnet and one security group."
  }

  validation {
    condition     = try(var.capacity_provider.max_vcpu_count, null) == null ? true : var.capacity_provider.max_vcpu_count >= 1
    error_message = "capacity_provider.max_vcpu_count must be at least 1, or null."
  }
}

variable "alias_name" {
  type        = string
  description = "Alias on the published version, which triggers invoke."
  default     = "live"

  validation {
    condition     = can(regex("^[A-Za-z0-9_-]*[A-Za-z_-][A-Za-z0-9_-]*$", var.alias_name)) && length(var.alias_name) <= 128
    error_message = "alias_name is at most 128 letters, digits, - or _, not only digits."
  }
}

variable "log_retention_days" {
  type        = number
  description = "Retention of the function's CloudWatch log group, in days."
  default     = 30

  validation {
    condition     = contains([1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653], var.log_retention_days)
    error_message = "log_retention_days must be a retention CloudWatch Logs supports (1, 3, 5, 7, 14, 30, 60, 90, ...)."
  }
}

variable "tags" {
  type        = map(string)
  description = "Tags for every resource."
  default     = {}
}

// Condenses the hashicorp/aws provider schema that @cdktf/provider-aws carries in its .jsii file
// (131 MB) to the resource and data source types this repository uses (a few dozen KB), so the
// offline checks read a small committed snapshot instead of a 392 MB package.
//
//   npm install --no-save @cdktf/provider-aws@21.22.1   (generated from hashicorp/aws 6.25.0)
//   node schema/generate-schema.mjs node_modules/@cdktf/provider-aws/.jsii > schema/aws-schema.json
//
// Add a type to TYPES below when the Terraform starts using it, and run this again.
import { readFileSync } from "node:fs";

const TYPES = {
  resource: [
    "aws_apigatewayv2_api", "aws_apigatewayv2_authorizer", "aws_apigatewayv2_integration", "aws_apigatewayv2_route", "aws_apigatewayv2_stage",
    "aws_appautoscaling_policy", "aws_appautoscaling_target", "aws_cloudwatch_dashboard", "aws_cloudwatch_log_group",
    "aws_cloudwatch_metric_alarm", "aws_iam_role", "aws_iam_role_policy", "aws_kinesis_stream", "aws_lambda_alias",
    "aws_lambda_capacity_provider", "aws_lambda_event_source_mapping", "aws_lambda_function", "aws_lambda_layer_version", "aws_lambda_permission",
    "aws_lambda_function_event_invoke_config", "aws_lambda_provisioned_concurrency_config", "aws_sns_topic",
    "aws_sns_topic_subscription", "aws_sqs_queue",
    // Not used here, but common beside a function: a user's configuration may add them.
    "aws_iam_policy", "aws_iam_role_policy_attachment", "aws_lambda_function_url", "aws_sqs_queue_policy",
    "aws_sqs_queue_redrive_policy", "aws_sns_topic_policy", "aws_cloudwatch_event_rule", "aws_cloudwatch_event_target",
    "aws_scheduler_schedule", "aws_s3_bucket", "aws_s3_bucket_notification", "aws_s3_object", "aws_kms_key", "aws_kms_alias",
    "aws_dynamodb_table", "aws_secretsmanager_secret", "aws_ssm_parameter", "aws_msk_cluster", "aws_lb", "aws_lb_listener",
    "aws_lb_listener_rule", "aws_lb_target_group", "aws_lb_target_group_attachment", "aws_security_group",
    "aws_vpc_security_group_ingress_rule", "aws_vpc_security_group_egress_rule", "aws_apigatewayv2_deployment",
    "aws_apigatewayv2_domain_name", "aws_apigatewayv2_api_mapping", "aws_api_gateway_rest_api", "aws_api_gateway_resource",
    "aws_api_gateway_method", "aws_api_gateway_integration", "aws_api_gateway_deployment", "aws_api_gateway_stage",
    "aws_cloudwatch_log_subscription_filter", "aws_cloudwatch_log_metric_filter",
  ],
  data: ["aws_iam_policy_document", "aws_caller_identity", "aws_region", "aws_partition", "aws_iam_policy",
    "aws_sqs_queue", "aws_sns_topic", "aws_kinesis_stream", "aws_lambda_function", "aws_msk_cluster", "aws_vpc",
    "aws_subnets", "aws_security_group", "aws_dynamodb_table", "aws_s3_bucket"],
};

const jsii = JSON.parse(readFileSync(process.argv[2], "utf8"));
const types = jsii.types;
const camel = (s) => s.replace(/_([a-z0-9])/g, (_, c) => c.toUpperCase());
const pascal = (s) => camel(s).replace(/^./, (c) => c.toUpperCase());
const snake = (s) => s.replace(/[A-Z]/g, (c) => "_" + c.toLowerCase());

function terraformName(property) {
  const text = `${property.docs?.summary ?? ""} ${property.docs?.remarks ?? ""}`;
  const match = text.match(/#([a-z0-9_]+) [A-Z]/);
  return match ? match[1] : snake(property.name);
}

function primitiveOf(type) {
  if (type.primitive) return type.primitive === "any" ? "any" : type.primitive;
  if (type.union) {
    const primitive = type.union.types.find((t) => t.primitive);
    return primitive ? primitiveOf(primitive) : null;
  }
  return null;
}

function describe(type) {
  const primitive = primitiveOf(type);
  if (primitive) return { type: primitive };
  if (type.collection) {
    const element = type.collection.elementtype;
    const struct = structOf(element);
    if (struct) return { block: blockSchema(struct), nesting: "list" };
    const inner = primitiveOf(element) ?? (element.collection ? "collection" : "any");
    return { type: type.collection.kind === "map" ? `map(${inner})` : `list(${inner})` };
  }
  if (type.union) {
    const collection = type.union.types.find((t) => t.collection);
    if (collection) return describe(collection);
  }
  const struct = structOf(type);
  if (struct) return { block: blockSchema(struct), nesting: "single" };
  return { type: "any" };
}

function structOf(type) {
  if (type.fqn && types[type.fqn]?.datatype) return types[type.fqn];
  if (type.union) {
    for (const t of type.union.types) {
      const struct = structOf(t);
      if (struct) return struct;
    }
  }
  return null;
}

const seen = new Map();
function blockSchema(struct) {
  if (seen.has(struct.fqn)) return seen.get(struct.fqn);
  const schema = {};
  seen.set(struct.fqn, schema);
  for (const property of struct.properties ?? []) {
    const entry = describe(property.type);
    if (!property.optional) entry.required = true;
    schema[terraformName(property)] = entry;
  }
  return schema;
}

function typeSchema(kind, name) {
  const base = kind === "data" ? `data_${name}` : name.replace(/^aws_/, "");
  const moduleName = camel(kind === "data" ? `data_aws_${name.replace(/^aws_/, "")}` : base);
  const className = pascal(kind === "data" ? `data_aws_${name.replace(/^aws_/, "")}` : base);
  const config = types[`@cdktf/provider-aws.${moduleName}.${className}Config`];
  const resource = types[`@cdktf/provider-aws.${moduleName}.${className}`];
  if (!config || !resource) throw new Error(`no schema for ${kind} ${name} (${moduleName}.${className})`);
  const attributes = new Set(["id"]);
  for (const property of resource.properties ?? []) {
    if (!property.static && !property.name.endsWith("Input")) attributes.add(snake(property.name));
  }
  const argumentsSchema = blockSchema(config);
  for (const argument of Object.keys(argumentsSchema)) attributes.add(argument);
  return { arguments: argumentsSchema, attributes: [...attributes].sort() };
}

const out = {
  source: "@cdktf/provider-aws 21.22.1 (hashicorp/aws 6.25.0)",
  resource: {},
  data: {},
};
for (const kind of ["resource", "data"]) {
  for (const name of TYPES[kind]) out[kind][name] = typeSchema(kind, name);
}
process.stdout.write(JSON.stringify(out, null, 1) + "\n");

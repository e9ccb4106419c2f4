// Plants one mistake at a time into a copy of the real Terraform and asserts the offline checks
// catch it with the right rule, file and line. The untouched tree must pass.
import { test } from "node:test";
import assert from "node:assert/strict";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { check } from "../check.mjs";

const tests = path.dirname(fileURLToPath(import.meta.url));
const real = path.resolve(tests, "..", "..");
// The sample application's functions as its build describes them (a fixture, so the tests do not
// depend on a build having run).
const functions = path.join(tests, "fixtures", "fnbridge-functions.json");

async function plant(file, from, to) {
  // The copy stands in a repository of its own shape: infra-terraform/ beside a functions-app
  // module, whose target/ the artifact paths lead to.
  const repo = mkdtempSync(path.join(tmpdir(), "tf-planted-"));
  const copy = path.join(repo, "infra-terraform");
  cpSync(real, copy, { recursive: true, filter: (source) => !source.includes(`${path.sep}checks`) });
  mkdirSync(path.join(repo, ".git"));
  mkdirSync(path.join(repo, "functions-app"));
  writeFileSync(path.join(repo, "functions-app", "pom.xml"), "<project><artifactId>fnbridge-functions-app</artifactId></project>\n");
  const target = path.join(copy, file);
  const source = readFileSync(target, "utf8");
  assert.ok(source.includes(from), `fixture drifted: ${file} no longer contains ${JSON.stringify(from)}`);
  writeFileSync(target, source.replace(from, to));
  const changedLine = source.slice(0, source.indexOf(from)).split("\n").length;
  try {
    return { ...(await check(copy, { functions })), changedLine };
  } finally {
    rmSync(repo, { recursive: true, force: true });
  }
}

function caught({ findings }, rule, file, pattern, line) {
  const match = findings.find((f) => f.rule === rule && f.file === file && pattern.test(`${f.message} ${f.hint ?? ""}`));
  assert.ok(match, `expected a ${rule} finding in ${file} matching ${pattern}; got:\n${findings.map((f) => `${f.file}:${f.line}: ${f.rule}: ${f.message} (${f.hint ?? ""})`).join("\n")}`);
  if (line !== undefined) assert.equal(match.line, line, `line of ${rule} in ${file}`);
  return match;
}

const FN = "modules/function";

test("the real Terraform passes", async () => {
  const { findings } = await check(real, { functions });
  assert.deepEqual(findings.map((f) => `${f.file}:${f.line}: ${f.rule}: ${f.message}`), []);
});

// When functions-app is built, the fixture must not drift from what its build describes. Beans
// Spring registers in the function catalog itself (Spring Cloud Stream's streamBridge, Spring Cloud
// Function's functionRouter) are not the application's functions and are left out of the fixture.
const built = path.resolve(real, "..", "functions-app", "target", "fnbridge-functions.json");
const SPRING_OWN = new Set(["streamBridge", "functionRouter"]);
test("the fixture descriptor names the functions and handlers functions-app's build describes", { skip: !existsSync(built) && "functions-app is not built" }, () => {
  const names = (file) => JSON.parse(readFileSync(file, "utf8")).functions.filter((f) => !SPRING_OWN.has(f.name)).map((f) => `${f.name} (${f.kind ?? "function"})`).sort();
  const handlers = (file) => [...(JSON.parse(readFileSync(file, "utf8")).handlers ?? [])].sort();
  assert.deepEqual(names(functions), names(built));
  assert.deepEqual(handlers(functions), handlers(built));
});

test("a syntax error fails with file and line", async () => {
  const result = await plant(`${FN}/logs.tf`, "  tags              = var.tags\n}", "  tags              = var.tags\n  name = \"again\"\n}");
  caught(result, "parse", `${FN}/logs.tf`, /Attribute redefined/, 5);
});

test("formatting drift fails", async () => {
  const result = await plant(`${FN}/logs.tf`, "  retention_in_days = var.log_retention_days", "  retention_in_days =   var.log_retention_days");
  caught(result, "fmt", `${FN}/logs.tf`, /canonical format/, result.changedLine);
});

test("an unknown argument is named with the nearest real one", async () => {
  const result = await plant(`${FN}/main.tf`, "  memory_size                    = var.memory_size", "  memory_sise                    = var.memory_size");
  caught(result, "schema", `${FN}/main.tf`, /unknown argument "memory_sise".*did you mean memory_size/, result.changedLine);
});

test("a missing required argument fails", async () => {
  const result = await plant(`${FN}/main.tf`, "  role                           = aws_iam_role.this.arn\n", "");
  caught(result, "required", `${FN}/main.tf`, /aws_lambda_function.this: missing required argument "role"/);
});

test("a block written as an attribute fails", async () => {
  const result = await plant(`${FN}/main.tf`, "  environment {\n    variables = local.environment\n  }", "  environment = {\n    variables = local.environment\n  }");
  caught(result, "block-syntax", `${FN}/main.tf`, /"environment" is a block/, result.changedLine);
});

test("a literal of the wrong type fails", async () => {
  const result = await plant(`${FN}/alarms.tf`, "  period              = 300", "  period              = \"five minutes\"");
  caught(result, "type", `${FN}/alarms.tf`, /"period" must be a number/, result.changedLine);
});

test("a reference to an attribute the resource does not have fails", async () => {
  const result = await plant(`${FN}/http.tf`, "aws_lambda_alias.this.invoke_arn", "aws_lambda_alias.this.invoke_url");
  caught(result, "reference", `${FN}/http.tf`, /has no attribute "invoke_url".*did you mean invoke_arn/, result.changedLine);
});

test("a reference to an undeclared resource fails", async () => {
  const result = await plant(`${FN}/main.tf`, "role                           = aws_iam_role.this.arn", "role                           = aws_iam_role.lambda.arn");
  caught(result, "reference", `${FN}/main.tf`, /aws_iam_role.lambda is not declared/, result.changedLine);
});

test("an undeclared variable fails", async () => {
  const result = await plant(`${FN}/main.tf`, "= var.memory_size", "= var.memory");
  caught(result, "reference", `${FN}/main.tf`, /var.memory is not declared.*did you mean var.memory_size/, result.changedLine);
});

test("an input the module does not have fails", async () => {
  const result = await plant("modules/stack/main.tf", "  memory_size             = var.hello.memory_size", "  memory                  = var.hello.memory_size");
  caught(result, "module-input", "modules/stack/main.tf", /has no input "memory".*did you mean memory_size/, result.changedLine);
});

test("an environment passing an input the stack does not have fails", async () => {
  const result = await plant("envs/prod/main.tf", "  tracing            = true", "  tracng             = true");
  caught(result, "module-input", "envs/prod/main.tf", /has no input "tracng".*did you mean tracing/, result.changedLine);
});

test("a missing required module input fails", async () => {
  const result = await plant("examples/hello-http/main.tf", "  artifact_path = var.artifact_path\n", "");
  caught(result, "module-input", "examples/hello-http/main.tf", /needs input "artifact_path"/);
});

test("a wildcard IAM action fails", async () => {
  const result = await plant(`${FN}/iam.tf`, "actions   = [\"logs:CreateLogStream\", \"logs:PutLogEvents\"]", "actions   = [\"logs:*\"]");
  caught(result, "iam-wildcard", `${FN}/iam.tf`, /wildcard action "logs:\*"/, result.changedLine);
});

test("a wildcard action in a JSON policy fails", async () => {
  const result = await plant(`${FN}/iam.tf`, "  policy = data.aws_iam_policy_document.logs.json", "  policy = jsonencode({ Version = \"2012-10-17\", Statement = [{ Effect = \"Allow\", Action = [\"*\"], Resource = \"*\" }] })");
  caught(result, "iam-wildcard", `${FN}/iam.tf`, /wildcard action in policy/);
});

test("SnapStart without publish fails", async () => {
  const result = await plant(`${FN}/main.tf`, "  publish = true", "  publish = false");
  caught(result, "snapstart-publish", `${FN}/main.tf`, /SnapStart needs publish = true/, result.changedLine);
});

test("SnapStart without an alias fails", async () => {
  const result = await plant(`${FN}/main.tf`, "  function_name    = aws_lambda_function.this.function_name\n  function_version = aws_lambda_function.this.version", "  function_name    = \"some-other-function\"\n  function_version = \"1\"");
  caught(result, "snapstart-alias", `${FN}/main.tf`, /SnapStart without an aws_lambda_alias/);
});

test("SnapStart and provisioned concurrency together fail", async () => {
  const result = await plant(`${FN}/scaling.tf`, "  count                             = local.provisioned ? 1 : 0\n", "");
  caught(result, "snapstart-provisioned", `${FN}/scaling.tf`, /can coexist with SnapStart/);
});

test("an environment asking for SnapStart and provisioned concurrency fails", async () => {
  const result = await plant("modules/stack/main.tf", "  cold_start_strategy  = \"snap_start\"\n", "  cold_start_strategy  = \"snap_start\"\n  provisioned_concurrency = {\n    min_capacity = 1\n    max_capacity = 2\n  }\n");
  caught(result, "snapstart-provisioned", "modules/stack/main.tf", /provisioned_concurrency with cold_start_strategy = "snap_start"/);
});

test("a log group without retention fails", async () => {
  const result = await plant(`${FN}/logs.tf`, "  retention_in_days = var.log_retention_days\n", "");
  caught(result, "log-retention", `${FN}/logs.tf`, /without retention_in_days/, 1);
});

test("a Kafka mapping without an on-failure destination fails", async () => {
  const result = await plant(`${FN}/events.tf`, "  destination_config {\n    on_failure {\n      destination_arn = var.kafka_trigger.on_failure_destination_arn\n    }\n  }\n", "");
  caught(result, "failure-path", `${FN}/events.tf`, /Kafka mapping without destination_config.on_failure/);
});

test("an SQS mapping without partial batch responses fails", async () => {
  const result = await plant(`${FN}/events.tf`, "  function_response_types            = [\"ReportBatchItemFailures\"]\n", "");
  caught(result, "failure-path", `${FN}/events.tf`, /SQS mapping without function_response_types/);
});

test("a stream mapping without partial batch responses fails", async () => {
  const result = await plant(`${FN}/events.tf`, "  maximum_record_age_in_seconds      = var.stream_trigger.maximum_record_age_in_seconds\n  function_response_types            = [\"ReportBatchItemFailures\"]\n", "  maximum_record_age_in_seconds      = var.stream_trigger.maximum_record_age_in_seconds\n");
  caught(result, "failure-path", `${FN}/events.tf`, /Stream mapping without function_response_types.*record is lost/);
});

test("a stream mapping without an on-failure destination fails", async () => {
  const result = await plant(`${FN}/events.tf`, "  destination_config {\n    on_failure {\n      destination_arn = var.stream_trigger.on_failure_destination_arn\n    }\n  }\n", "");
  caught(result, "failure-path", `${FN}/events.tf`, /Stream mapping without destination_config.on_failure/);
});

test("an SNS subscription without its invoke permission fails", async () => {
  const result = await plant(`${FN}/events.tf`, '  principal     = "sns.amazonaws.com"\n', '  principal     = "events.amazonaws.com"\n');
  caught(result, "trigger-permission", `${FN}/events.tf`, /SNS subscription without an aws_lambda_permission/);
});

test("an SNS subscription without an on-failure destination fails", async () => {
  const result = await plant(`${FN}/events.tf`, "  destination_config {\n    on_failure {\n      destination = var.sns_trigger.on_failure_destination_arn\n    }\n  }\n", "");
  caught(result, "failure-path", `${FN}/events.tf`, /SNS subscription without an aws_lambda_function_event_invoke_config/);
});

test("an HTTP API integration without the API Gateway invoke permission fails", async () => {
  const result = await plant(`${FN}/http.tf`, '  principal     = "apigateway.amazonaws.com"\n', '  principal     = "events.amazonaws.com"\n');
  caught(result, "trigger-permission", `${FN}/http.tf`, /API Gateway integration without an aws_lambda_permission/);
});

test("an API Gateway permission without the alias the integration invokes fails", async () => {
  const result = await plant(`${FN}/http.tf`, '  qualifier     = aws_lambda_alias.this.name\n  principal     = "apigateway.amazonaws.com"\n', '  principal     = "apigateway.amazonaws.com"\n');
  caught(result, "trigger-permission", `${FN}/http.tf`, /invokes an alias, but the aws_lambda_permission for apigateway.amazonaws.com has no qualifier/);
});

test("an SQS queue that hides messages for less than the function's timeout fails", async () => {
  const result = await plant("modules/stack/main.tf", "  visibility_timeout_seconds = 180\n", "  visibility_timeout_seconds = 45\n");
  caught(result, "sqs-visibility", "modules/stack/main.tf", /hides a message for 45 s, less than the 60 s timeout of module "telemetry"/, result.changedLine - 2);
});

test("an execution role that may not read the SQS queue fails", async () => {
  const result = await plant(`${FN}/iam.tf`, '"sqs:ReceiveMessage", ', "");
  caught(result, "mapping-permissions", `${FN}/events.tf`, /aws_lambda_event_source_mapping.sqs: no policy of this configuration allows sqs:ReceiveMessage \(SQS source\).*AWSLambdaSQSQueueExecutionRole/);
});

test("an execution role that may not read the Kinesis stream fails", async () => {
  const result = await plant(`${FN}/iam.tf`, '      "kinesis:GetRecords",\n', "");
  caught(result, "mapping-permissions", `${FN}/events.tf`, /aws_lambda_event_source_mapping.stream: no policy of this configuration allows kinesis:GetRecords \(Kinesis source\)/);
});

test("an execution role that may not find the MSK brokers fails", async () => {
  const result = await plant(`${FN}/iam.tf`, '        "kafka:GetBootstrapBrokers",\n', "");
  caught(result, "mapping-permissions", `${FN}/events.tf`, /aws_lambda_event_source_mapping.kafka: no policy of this configuration allows kafka:GetBootstrapBrokers \(MSK source\)/);
});

test("a Kafka mapping without a starting position fails", async () => {
  const result = await plant(`${FN}/events.tf`, "  starting_position = var.kafka_trigger.starting_position\n", "");
  caught(result, "mapping-starting-position", `${FN}/events.tf`, /aws_lambda_event_source_mapping.kafka: Kafka mapping without starting_position/);
});

test("a stream mapping without a starting position fails", async () => {
  const result = await plant(`${FN}/events.tf`, "  starting_position                  = var.stream_trigger.starting_position\n", "");
  caught(result, "mapping-starting-position", `${FN}/events.tf`, /aws_lambda_event_source_mapping.stream: Stream mapping without starting_position/);
});

test("an SQS batch over 10 records without a batching window fails", async () => {
  const result = await plant(`${FN}/events.tf`, "  batch_size                         = var.sqs_trigger.batch_size\n  maximum_batching_window_in_seconds = var.sqs_trigger.maximum_batching_window_in_seconds\n", "  batch_size                         = 100\n  maximum_batching_window_in_seconds = 0\n");
  caught(result, "sqs-batch-window", `${FN}/events.tf`, /batch_size 100 without a batching window/, result.changedLine);
});

test("a function whose architecture may differ from its runtime layer's fails", async () => {
  const result = await plant(`${FN}/main.tf`, "  architectures                  = [local.aot_cache ? var.runtime_layer.architecture : var.architecture]\n", "  architectures                  = [var.architecture]\n");
  caught(result, "layer-architecture", `${FN}/main.tf`, /may differ from aws_lambda_layer_version.runtime's compatible_architectures/, result.changedLine);
});

test("a function that logs to a group the configuration does not create fails", async () => {
  const result = await plant(`${FN}/main.tf`, "    log_group  = aws_cloudwatch_log_group.this.name\n", '    log_group  = "/aws/lambda/fnbridge"\n');
  caught(result, "log-group", `${FN}/main.tf`, /logs to \/aws\/lambda\/fnbridge, which none of this configuration's log groups/);
});

test("an alarm on a metric AWS/Lambda does not publish fails", async () => {
  const result = await plant(`${FN}/alarms.tf`, 'metric = "Errors"', 'metric = "Error"');
  caught(result, "alarm-metric", `${FN}/alarms.tf`, /AWS\/Lambda has no metric "Error".*did you mean Errors/);
});

test("an alarm on a dimension AWS/Lambda metrics do not have fails", async () => {
  const result = await plant(`${FN}/alarms.tf`, "    Resource     = ", "    Alias        = ");
  caught(result, "alarm-metric", `${FN}/alarms.tf`, /AWS\/Lambda metrics have no dimension "Alias"/);
});

test("an HTTP API stage that is never deployed fails", async () => {
  const result = await plant(`${FN}/http.tf`, "  auto_deploy = true\n", "");
  caught(result, "stage-deploy", `${FN}/http.tf`, /aws_apigatewayv2_stage.this: stage without auto_deploy = true/);
});

test("provisioned concurrency scaled on the unqualified function fails", async () => {
  const result = await plant(`${FN}/scaling.tf`, 'resource_id        = "function:${aws_lambda_function.this.function_name}:${aws_lambda_alias.this.name}"', 'resource_id        = "function:${aws_lambda_function.this.function_name}"');
  caught(result, "autoscaling-target", `${FN}/scaling.tf`, /resource_id .* is not function:<name>:<alias or version>/, result.changedLine);
});

test("a trigger that bypasses the alias fails", async () => {
  const result = await plant(`${FN}/events.tf`, "  function_name                      = aws_lambda_alias.this.arn\n  event_source_arn                   = var.sqs_trigger.queue_arn\n", "  function_name                      = aws_lambda_function.this.arn\n  event_source_arn                   = var.sqs_trigger.queue_arn\n");
  caught(result, "trigger-alias", `${FN}/events.tf`, /aws_lambda_event_source_mapping.sqs: function_name names aws_lambda_function.this.arn, not its alias/, result.changedLine);
});

test("a function definition that names no function of the application fails", async () => {
  const hello = await plant("modules/stack/main.tf", '  definition              = "hello"\n', '  definition              = "helo"\n');
  caught(hello, "function-definition", "modules/stack/main.tf", /module "hello": definition = "helo": the application has no function helo.*fnbridge-functions.json.*did you mean hello\?/, hello.changedLine);
  const composed = await plant("modules/stack/main.tf", '  definition           = "validateReading|enrichReading|detectAnomaly"\n', '  definition           = "validateReading|enrichReadings|detectAnomaly"\n');
  caught(composed, "function-definition", "modules/stack/main.tf", /has no function enrichReadings.*did you mean enrichReading\?/, composed.changedLine);
  const dashboard = await plant("modules/stack/main.tf", '  definitions = ["hello", ', '  definitions = ["greet", ');
  caught(dashboard, "function-definition", "modules/stack/main.tf", /has no function greet/);
});

test("a triggering queue without a dead-letter queue fails", async () => {
  const result = await plant("modules/stack/main.tf", "\n  redrive_policy = jsonencode({\n    deadLetterTargetArn = aws_sqs_queue.readings_dlq.arn\n    maxReceiveCount     = 5\n  })\n", "\n");
  caught(result, "sqs-dead-letter", "modules/stack/main.tf", /aws_sqs_queue.readings triggers module "telemetry" without a redrive_policy/, 34);
  const unbounded = await plant("modules/stack/main.tf", "    maxReceiveCount     = 5\n", "");
  caught(unbounded, "sqs-dead-letter", "modules/stack/main.tf", /without a redrive_policy \(deadLetterTargetArn and maxReceiveCount\)/);
});

test("a route whose target is not integrations/<id> fails", async () => {
  const result = await plant(`${FN}/http.tf`, '  target             = "integrations/${aws_apigatewayv2_integration.this[0].id}"\n', "  target             = aws_apigatewayv2_integration.this[0].id\n");
  caught(result, "route-target", `${FN}/http.tf`, /does not start with integrations\//, result.changedLine);
});

test("a Lambda integration that is not a proxy integration fails", async () => {
  const result = await plant(`${FN}/http.tf`, '  integration_type       = "AWS_PROXY"\n', '  integration_type       = "HTTP_PROXY"\n');
  caught(result, "integration-type", `${FN}/http.tf`, /a Lambda integration_uri with integration_type "HTTP_PROXY"/, result.changedLine);
});

test("a permission with a misspelled action fails", async () => {
  const result = await plant(`${FN}/http.tf`, '  action        = "lambda:InvokeFunction"\n', '  action        = "lambda:Invoke"\n');
  caught(result, "permission-action", `${FN}/http.tf`, /action "lambda:Invoke"/, result.changedLine);
});

test("an API Gateway permission on the API's arn instead of its execution_arn fails", async () => {
  const result = await plant(`${FN}/http.tf`, 'source_arn    = "${aws_apigatewayv2_api.this[0].execution_arn}/*/*"', 'source_arn    = "${aws_apigatewayv2_api.this[0].arn}/*/*"');
  caught(result, "permission-source", `${FN}/http.tf`, /source_arn uses the API's arn, not its execution_arn/, result.changedLine);
});

test("an alias name Lambda refuses fails", async () => {
  const result = await plant(`${FN}/variables.tf`, '  default     = "live"\n', '  default     = "$LATEST"\n');
  caught(result, "variable-default", `${FN}/variables.tf`, /variable "alias_name": default "\$LATEST" fails its own validation/, result.changedLine);
});

test("a handler that is not a qualified class name fails", async () => {
  const result = await plant(`${FN}/variables.tf`, '  default     = "dev.fnbridge.lambda.FunctionHandler"\n', '  default     = "FunctionHandler"\n');
  caught(result, "variable-default", `${FN}/variables.tf`, /variable "handler": default "FunctionHandler" fails its own validation/, result.changedLine);
});

test("a resource type the repository does not use is checked against the schema too", async () => {
  const url = '\n\nresource "aws_lambda_function_url" "this" {\n  function_name      = aws_lambda_function.this.function_name\n  qualifier          = aws_lambda_alias.this.name\n  authorisation_type = "AWS_IAM"\n}\n';
  const result = await plant(`${FN}/main.tf`, "  function_version = aws_lambda_function.this.version\n}\n", "  function_version = aws_lambda_function.this.version\n}\n" + url.slice(1));
  caught(result, "schema", `${FN}/main.tf`, /authorisation_type/);
  assert.ok(!result.findings.some((f) => /aws_lambda_function_url is not in the schema snapshot/.test(f.message)), "aws_lambda_function_url is in the snapshot");
});

test("an execution role that Lambda may not assume fails", async () => {
  const result = await plant(`${FN}/iam.tf`, '      identifiers = ["lambda.amazonaws.com"]\n', '      identifiers = ["ec2.amazonaws.com"]\n');
  caught(result, "lambda-trust", `${FN}/iam.tf`, /does not let lambda.amazonaws.com assume it/);
});

test("an alias on $LATEST fails", async () => {
  const result = await plant(`${FN}/main.tf`, "  function_version = aws_lambda_function.this.version\n", '  function_version = "$LATEST"\n');
  caught(result, "alias-version", `${FN}/main.tf`, /alias on \$LATEST/, result.changedLine);
});

test("a route key without its space fails", async () => {
  const result = await plant("modules/stack/main.tf", '    routes         = ["POST /hello", "GET /hello"]\n', '    routes         = ["POST/hello", "GET /hello"]\n');
  caught(result, "route-key", "modules/stack/main.tf", /route key "POST\/hello" is not "METHOD \/path"/);
});

test("zero reserved concurrency fails", async () => {
  const result = await plant("envs/prod/main.tf", "    reserved_concurrency = 50\n", "    reserved_concurrency = 0\n");
  caught(result, "reserved-concurrency", "envs/prod/main.tf", /reserved_concurrency = 0/);
});

test("a default that fails its own validation fails", async () => {
  const memory = await plant(`${FN}/variables.tf`, "  description = \"Memory in MB (CPU scales with it).\"\n  default     = 1024\n", "  description = \"Memory in MB (CPU scales with it).\"\n  default     = 64\n");
  caught(memory, "variable-default", `${FN}/variables.tf`, /variable "memory_size": default 64 fails its own validation.*between 128 and 10240/, memory.changedLine + 1);
  const runtime = await plant(`${FN}/variables.tf`, '  default     = "java17"\n', '  default     = "java11"\n');
  caught(runtime, "variable-default", `${FN}/variables.tf`, /variable "runtime": default "java11" fails its own validation/, runtime.changedLine);
});

test("a module input that fails the module's validation fails", async () => {
  const result = await plant("examples/hello-http/main.tf", '  function_name = "fnbridge-example-hello"\n', '  function_name = "fnbridge example hello"\n');
  caught(result, "module-input", "examples/hello-http/main.tf", /function_name = "fnbridge example hello" fails the module's validation/, result.changedLine);
});

test("a handler the application does not have fails", async () => {
  const result = await plant(`${FN}/variables.tf`, '  default     = "dev.fnbridge.lambda.FunctionHandler"\n', '  default     = "dev.fnbridge.lambda.FunctionHandlr"\n');
  caught(result, "handler-class", `${FN}/variables.tf`, /"dev.fnbridge.lambda.FunctionHandlr" is not a handler of the application.*did you mean dev.fnbridge.lambda.FunctionHandler\?/, result.changedLine);
});

test("an artifact path that misses the build's output fails", async () => {
  const result = await plant("envs/dev/variables.tf", '  default     = "../../../functions-app/target/fnbridge-functions-app-lambda.zip"\n', '  default     = "../../functions-app/target/fnbridge-functions-app-lambda.zip"\n');
  caught(result, "artifact-path", "envs/dev/variables.tf", /variable "artifact_path": default = "..\/..\/functions-app\/target\/fnbridge-functions-app-lambda.zip" leads to functions-app\/target\/fnbridge-functions-app-lambda.zip, but functions-app has no pom.xml/, result.changedLine);
});

test("a variable without a description fails", async () => {
  const result = await plant(`${FN}/variables.tf`, "  description = \"Description of the Lambda function.\"\n", "");
  caught(result, "variable-description", `${FN}/variables.tf`, /variable "description" has no description/);
});

test("a variable without a type fails", async () => {
  const result = await plant(`${FN}/variables.tf`, "variable \"handler\" {\n  type        = string\n", "variable \"handler\" {\n");
  caught(result, "variable-type", `${FN}/variables.tf`, /variable "handler" has no type/);
});

test("an output without a description fails", async () => {
  const result = await plant(`${FN}/outputs.tf`, "  description = \"ARN of the alias that triggers invoke.\"\n", "");
  caught(result, "output-description", `${FN}/outputs.tf`, /output "alias_arn" has no description/);
});

test("an environment whose provider constraint allows the next major version fails", async () => {
  const result = await plant("envs/prod/versions.tf", "version = \">= 5.100, < 7.0\"", "version = \">= 6.0\"");
  caught(result, "provider-version", "envs/prod/versions.tf", /version = ">= 6.0" in a root configuration: it allows every later major version/, result.changedLine);
});

test("an artifact without source_code_hash fails", async () => {
  const result = await plant(`${FN}/main.tf`, "  source_code_hash               = filebase64sha256(var.artifact_path)\n", "");
  caught(result, "artifact-hash", `${FN}/main.tf`, /filename without source_code_hash/);
});

test("an unknown resource type fails", async () => {
  const result = await plant(`${FN}/logs.tf`, "resource \"aws_cloudwatch_log_group\" \"this\"", "resource \"aws_cloudwatch_loggroup\" \"this\"");
  caught(result, "schema", `${FN}/logs.tf`, /aws_cloudwatch_loggroup is not in the schema/, 1);
});

test("a resource declared twice across files fails", async () => {
  const result = await plant(`${FN}/logs.tf`, "resource \"aws_cloudwatch_log_group\" \"this\" {", "resource \"aws_iam_role\" \"this\" {\n  assume_role_policy = \"{}\"\n}\n\nresource \"aws_cloudwatch_log_group\" \"this\" {");
  caught(result, "duplicate", `${FN}/logs.tf`, /aws_iam_role.this is declared twice.*first at modules\/function\/iam.tf/, 1);
});

test("a module source that does not exist fails", async () => {
  const result = await plant("examples/hello-http/main.tf", "source = \"../../modules/function\"", "source = \"../../modules/functions\"");
  caught(result, "module-source", "examples/hello-http/main.tf", /no configuration at ..\/..\/modules\/functions/, result.changedLine);
});

test("a runtime the provider does not know fails", async () => {
  const result = await plant(`${FN}/main.tf`, "  runtime                        = local.aot_cache ? \"provided.al2023\" : var.runtime", "  runtime                        = \"java8\"");
  caught(result, "value", `${FN}/main.tf`, /runtime = "java8" must be one of/, result.changedLine);
});

test("a layer runtime the provider does not know fails", async () => {
  const result = await plant(`${FN}/main.tf`, "  compatible_runtimes      = [\"provided.al2023\"]", "  compatible_runtimes      = [\"provided.al2024\"]");
  caught(result, "value", `${FN}/main.tf`, /compatible_runtimes.*provided\.al2024.*must be one of/, result.changedLine);
});

test("the custom runtime without its layer fails", async () => {
  const result = await plant("examples/hello-http/main.tf", "  definition    = \"hello\"", "  definition    = \"hello\"\n  cold_start_strategy = \"aot_cache\"");
  caught(result, "custom-runtime-layer", "examples/hello-http/main.tf", /aot_cache" without runtime_layer/, result.changedLine + 1);
});

test("a literal custom runtime without the JDK layer fails", async () => {
  const result = await plant(`${FN}/main.tf`, "  runtime                        = local.aot_cache ? \"provided.al2023\" : var.runtime\n  architectures                  = [local.aot_cache ? var.runtime_layer.architecture : var.architecture]\n  layers                         = local.aot_cache ? [aws_lambda_layer_version.runtime[0].arn] : []\n", "  runtime                        = \"provided.al2023\"\n  architectures                  = [var.architecture]\n");
  caught(result, "custom-runtime-layer", `${FN}/main.tf`, /runtime provided\.al2023 without layers/, result.changedLine);
});

test("SnapStart on a custom runtime fails", async () => {
  const result = await plant(`${FN}/main.tf`, "  runtime                        = local.aot_cache ? \"provided.al2023\" : var.runtime\n  architectures                  = [local.aot_cache ? var.runtime_layer.architecture : var.architecture]\n  layers                         = local.aot_cache ? [aws_lambda_layer_version.runtime[0].arn] : []\n", "  runtime                        = \"provided.al2023\"\n  architectures                  = [var.architecture]\n  layers                         = [aws_lambda_layer_version.runtime[0].arn]\n  snap_start {\n    apply_on = \"PublishedVersions\"\n  }\n");
  caught(result, "snapstart-runtime", `${FN}/main.tf`, /SnapStart on the custom runtime provided\.al2023/);
});

test("a log retention CloudWatch does not offer fails", async () => {
  const result = await plant(`${FN}/logs.tf`, "  retention_in_days = var.log_retention_days", "  retention_in_days = 8");
  caught(result, "value", `${FN}/logs.tf`, /retention_in_days = 8 must be one of/, result.changedLine);
});

test("a misspelled alarm operator fails with the nearest one", async () => {
  const result = await plant(`${FN}/alarms.tf`, "  comparison_operator = \"GreaterThanThreshold\"\n  treat_missing_data  = \"notBreaching\"\n  dimensions          = local.alarm_dimensions\n  alarm_actions       = var.alarm_actions\n  tags                = var.tags\n}\n\nresource \"aws_cloudwatch_metric_alarm\" \"duration_p99\"", "  comparison_operator = \"GreaterThanTreshold\"\n  treat_missing_data  = \"notBreaching\"\n  dimensions          = local.alarm_dimensions\n  alarm_actions       = var.alarm_actions\n  tags                = var.tags\n}\n\nresource \"aws_cloudwatch_metric_alarm\" \"duration_p99\"");
  caught(result, "value", `${FN}/alarms.tf`, /comparison_operator = "GreaterThanTreshold".*did you mean GreaterThanThreshold/, result.changedLine);
});

test("memory beyond what Lambda offers fails", async () => {
  const result = await plant(`${FN}/main.tf`, "  memory_size                    = var.memory_size", "  memory_size                    = 20480");
  caught(result, "value", `${FN}/main.tf`, /memory_size = 20480 must be at most 10240/, result.changedLine);
});

test("an IAM effect that is neither Allow nor Deny fails", async () => {
  const result = await plant(`${FN}/iam.tf`, "    effect    = \"Allow\"\n    actions   = [\"logs:CreateLogStream\"", "    effect    = \"Permit\"\n    actions   = [\"logs:CreateLogStream\"");
  caught(result, "value", `${FN}/iam.tf`, /statement.effect = "Permit" must be one of Allow, Deny/);
});

test("a module that reads outside its own directory fails", async () => {
  const up = await plant(`${FN}/main.tf`, "locals {\n", 'locals {\n  bootstrap = "${path.module}/../../../adapters/aws-lambda/target/fnbridge-lambda.zip"\n');
  caught(up, "module-path", `${FN}/main.tf`, /a path out of the module's directory/, 2);
  const caller = await plant(`${FN}/main.tf`, "locals {\n", 'locals {\n  events = "${path.root}/events"\n');
  caught(caller, "module-path", `${FN}/main.tf`, /path.root in a reusable module is its caller's directory/, 2);
  const cwd = await plant(`${FN}/main.tf`, "locals {\n", 'locals {\n  policy = file("policy.json")\n');
  caught(cwd, "module-path", `${FN}/main.tf`, /file\("policy.json"\) reads from the directory terraform runs in.*\$\{path.module\}\/policy.json/, 2);
});

// Lambda Managed Instances (modules/managed-instances, examples/managed-instances).
const LMI = "modules/managed-instances";

test("a Lambda Managed Instances function as AWS documents it passes", async () => {
  const result = await plant(`${LMI}/main.tf`, "  runtime          = var.runtime\n  architectures    = [var.architecture]\n  memory_size      = var.memory_size\n", "  runtime          = \"java25\"\n  architectures    = [var.architecture]\n  memory_size      = 8192\n");
  const ratio = await plant(`${LMI}/main.tf`, "execution_environment_memory_gib_per_vcpu = var.memory_gib_per_vcpu", "execution_environment_memory_gib_per_vcpu = 2");
  const concurrency = await plant(`${LMI}/main.tf`, "per_execution_environment_max_concurrency = var.max_concurrency", "per_execution_environment_max_concurrency = 1600");
  for (const { findings } of [result, ratio, concurrency]) assert.deepEqual(findings.map((f) => `${f.file}:${f.line}: ${f.rule}: ${f.message}`), []);
});

test("SnapStart on a Lambda Managed Instances function fails", async () => {
  const result = await plant(`${LMI}/main.tf`, "  publish = true\n", "  publish = true\n\n  snap_start {\n    apply_on = \"PublishedVersions\"\n  }\n");
  caught(result, "lmi-snapstart", `${LMI}/main.tf`, /SnapStart on a Lambda Managed Instances function/, result.changedLine + 2);
});

test("provisioned concurrency on a Lambda Managed Instances function fails", async () => {
  const result = await plant(`${LMI}/main.tf`, "resource \"aws_lambda_alias\" \"this\" {", "resource \"aws_lambda_provisioned_concurrency_config\" \"this\" {\n  function_name                     = aws_lambda_function.this.function_name\n  qualifier                         = aws_lambda_alias.this.name\n  provisioned_concurrent_executions = 2\n}\n\nresource \"aws_lambda_alias\" \"this\" {");
  caught(result, "lmi-provisioned", `${LMI}/main.tf`, /aws_lambda_provisioned_concurrency_config.this on aws_lambda_function.this, which runs on a capacity provider/, result.changedLine);
});

test("a Lambda Managed Instances function without publish fails", async () => {
  const result = await plant(`${LMI}/main.tf`, "  publish = true", "  publish = false");
  caught(result, "lmi-publish", `${LMI}/main.tf`, /a capacity provider without publish = true/, result.changedLine);
});

test("fnbridge's custom runtime on a capacity provider fails", async () => {
  const result = await plant(`${LMI}/main.tf`, "  runtime          = var.runtime\n", "  runtime          = \"provided.al2023\"\n");
  caught(result, "lmi-runtime", `${LMI}/main.tf`, /fnbridge's custom runtime provided\.al2023 on a capacity provider.*java21, java25/, result.changedLine);
});

test("a runtime Lambda Managed Instances do not run fails", async () => {
  const java17 = await plant(`${LMI}/main.tf`, "  runtime          = var.runtime\n", "  runtime          = \"java17\"\n");
  caught(java17, "lmi-runtime", `${LMI}/main.tf`, /runtime java17 does not run on Lambda Managed Instances.*Java 21 and later/, java17.changedLine);
  const python = await plant(`${LMI}/main.tf`, "  runtime          = var.runtime\n", "  runtime          = \"python3.12\"\n");
  caught(python, "lmi-runtime", `${LMI}/main.tf`, /runtime python3\.12 does not run/, python.changedLine);
});

test("memory Lambda Managed Instances do not offer fails", async () => {
  const small = await plant(`${LMI}/main.tf`, "  memory_size      = var.memory_size\n", "  memory_size      = 1024\n");
  caught(small, "lmi-memory", `${LMI}/main.tf`, /memory_size = 1024 MB on a capacity provider.*2,048 MB/, small.changedLine);
  const ratio = await plant(`${LMI}/main.tf`, "execution_environment_memory_gib_per_vcpu = var.memory_gib_per_vcpu", "execution_environment_memory_gib_per_vcpu = 3");
  caught(ratio, "lmi-memory", `${LMI}/main.tf`, /execution_environment_memory_gib_per_vcpu = 3.*2, 4 or 8/, ratio.changedLine);
  const belowOneVcpu = await plant(`${LMI}/main.tf`, "execution_environment_memory_gib_per_vcpu = var.memory_gib_per_vcpu", "execution_environment_memory_gib_per_vcpu = 8");
  caught(belowOneVcpu, "lmi-memory", `${LMI}/main.tf`, /memory_size = 2048 MB is less than one vCPU at 8 GiB per vCPU/);
});

test("concurrency set outside what Lambda takes fails", async () => {
  const range = await plant(`${LMI}/main.tf`, "per_execution_environment_max_concurrency = var.max_concurrency", "per_execution_environment_max_concurrency = 2000");
  caught(range, "lmi-concurrency", `${LMI}/main.tf`, /per_execution_environment_max_concurrency = 2000.*1 to 1600/, range.changedLine);
  const byHand = await plant(`${LMI}/main.tf`, "    variables = local.environment\n", "    variables = { AWS_LAMBDA_MAX_CONCURRENCY = \"64\" }\n");
  caught(byHand, "lmi-concurrency", `${LMI}/main.tf`, /AWS_LAMBDA_MAX_CONCURRENCY set by hand/, byHand.changedLine);
});

test("a capacity provider ARN that is not one fails", async () => {
  const result = await plant(`${LMI}/main.tf`, "capacity_provider_arn                     = local.capacity_provider_arn", "capacity_provider_arn                     = \"arn:aws:lambda:eu-west-1:123456789012:function:shared\"");
  caught(result, "lmi-capacity-provider", `${LMI}/main.tf`, /is not a capacity provider's ARN/, result.changedLine);
});

test("a misspelled argument inside capacity_provider_config fails with the real one", async () => {
  const result = await plant(`${LMI}/main.tf`, "per_execution_environment_max_concurrency = var.max_concurrency", "per_execution_environment_max_concurency = var.max_concurrency");
  caught(result, "schema", `${LMI}/main.tf`, /capacity_provider_config\.lambda_managed_instances_capacity_provider_config: unknown argument "per_execution_environment_max_concurency".*did you mean per_execution_environment_max_concurrency/, result.changedLine);
});

test("a misspelled capacity provider argument fails with the real one", async () => {
  const result = await plant(`${LMI}/managed_instances.tf`, "    architectures          = [var.architecture]\n", "    architecture           = [var.architecture]\n");
  caught(result, "schema", `${LMI}/managed_instances.tf`, /aws_lambda_capacity_provider.this.instance_requirements: unknown argument "architecture".*did you mean architectures/, result.changedLine);
});

test("an example asking Lambda Managed Instances for java17 or an odd memory ratio fails", async () => {
  const runtime = await plant("examples/managed-instances/main.tf", '  runtime       = "java21"\n', '  runtime       = "java17"\n');
  caught(runtime, "module-input", "examples/managed-instances/main.tf", /runtime = "java17" fails the module's validation.*Java 21 and later/, runtime.changedLine);
  const ratio = await plant("examples/managed-instances/main.tf", "  memory_gib_per_vcpu = 2\n", "  memory_gib_per_vcpu = 3\n");
  caught(ratio, "module-input", "examples/managed-instances/main.tf", /memory_gib_per_vcpu = 3 fails the module's validation/, ratio.changedLine);
});

// Found by an adversarial sweep: mistakes the rules above let through.
test("an environment variable Lambda reserves fails, in a module input and in a function's expression", async () => {
  const input = await plant("modules/stack/main.tf", '  definition              = "hello"\n', '  definition              = "hello"\n  environment             = { AWS_REGION = var.region }\n');
  caught(input, "reserved-env", "modules/stack/main.tf", /module "hello": environment sets AWS_REGION, which Lambda reserves/, input.changedLine + 1);
  const merged = await plant(`${LMI}/main.tf`, "    variables = local.environment\n", "    variables = merge(local.environment, { AWS_LAMBDA_FUNCTION_NAME = var.function_name })\n");
  caught(merged, "reserved-env", `${LMI}/main.tf`, /aws_lambda_function.this: environment sets AWS_LAMBDA_FUNCTION_NAME/, merged.changedLine);
});

test("a misspelt IAM action fails with the real one", async () => {
  const result = await plant(`${FN}/iam.tf`, 'actions   = ["logs:CreateLogStream", "logs:PutLogEvents"]', 'actions   = ["logs:CreateLogStream", "logs:PutLogEvent"]');
  caught(result, "iam-action", `${FN}/iam.tf`, /logs has no action "PutLogEvent".*did you mean logs:PutLogEvents\?/, result.changedLine);
});

test("a JSON policy with an Effect or Version IAM refuses fails", async () => {
  const policy = (effect, version) => `  policy = jsonencode({ Version = "${version}", Statement = [{ Effect = "${effect}", Action = ["logs:CreateLogStream", "logs:PutLogEvents"], Resource = "\${aws_cloudwatch_log_group.this.arn}:*" }] })`;
  const effect = await plant(`${FN}/iam.tf`, "  policy = data.aws_iam_policy_document.logs.json", policy("allow", "2012-10-17"));
  caught(effect, "iam-policy", `${FN}/iam.tf`, /aws_iam_role_policy.logs: Effect "allow"/, effect.changedLine);
  const version = await plant(`${FN}/iam.tf`, "  policy = data.aws_iam_policy_document.logs.json", policy("Allow", "2012-10-18"));
  caught(version, "iam-policy", `${FN}/iam.tf`, /Version "2012-10-18"/, version.changedLine);
});

test("a name declared twice in one file fails", async () => {
  const result = await plant(`${FN}/logs.tf`, 'resource "aws_cloudwatch_log_group" "this" {', 'resource "aws_cloudwatch_log_group" "this" {\n  name              = "/aws/lambda/other"\n  retention_in_days = 7\n}\n\nresource "aws_cloudwatch_log_group" "this" {');
  caught(result, "duplicate", `${FN}/logs.tf`, /aws_cloudwatch_log_group.this is declared twice.*first at modules\/function\/logs.tf:1/, 6);
});

test("count with for_each, and for_each over a list, fail", async () => {
  const both = await plant(`${FN}/alarms.tf`, "  for_each            = local.count_alarms\n", "  for_each            = local.count_alarms\n  count               = 1\n");
  caught(both, "meta-arguments", `${FN}/alarms.tf`, /aws_cloudwatch_metric_alarm.count has both count and for_each/, both.changedLine + 1);
  const list = await plant(`${FN}/alarms.tf`, "  for_each            = local.count_alarms\n", '  for_each            = ["errors", "throttles"]\n');
  caught(list, "meta-arguments", `${FN}/alarms.tf`, /for_each over a list.*toset/, list.changedLine);
});

test("a counted resource without its instance key, and a single one with a key, fail", async () => {
  const missing = await plant(`${FN}/http.tf`, "  api_id                 = aws_apigatewayv2_api.this[0].id\n  integration_type", "  api_id                 = aws_apigatewayv2_api.this.id\n  integration_type");
  caught(missing, "instance-key", `${FN}/http.tf`, /aws_apigatewayv2_api.this has count, so aws_apigatewayv2_api.this.id needs an instance key/, missing.changedLine);
  const extra = await plant(`${FN}/iam.tf`, "  role   = aws_iam_role.this.id\n  policy = data.aws_iam_policy_document.logs.json", "  role   = aws_iam_role.this[0].id\n  policy = data.aws_iam_policy_document.logs.json");
  caught(extra, "instance-key", `${FN}/iam.tf`, /aws_iam_role.this has neither count nor for_each, so it takes no instance key \[0\]/, extra.changedLine);
});

test("a literal of the wrong type for a variable fails, as a default and as a module input", async () => {
  const fallback = await plant(`${FN}/variables.tf`, '  description = "Timeout of one invocation, in seconds."\n  default     = 30\n', '  description = "Timeout of one invocation, in seconds."\n  default     = "thirty"\n');
  caught(fallback, "variable-default", `${FN}/variables.tf`, /variable "timeout": default "thirty" is not a number/, fallback.changedLine + 1);
  const input = await plant("envs/prod/main.tf", "  tracing            = true", '  tracing            = "yes"');
  caught(input, "module-input", "envs/prod/main.tf", /module "stack": tracing = "yes" is not true or false/, input.changedLine);
});

test("mapping and asynchronous invocation settings outside AWS's ranges fail", async () => {
  const window = await plant(`${FN}/events.tf`, "  maximum_batching_window_in_seconds = var.sqs_trigger.maximum_batching_window_in_seconds\n", "  maximum_batching_window_in_seconds = 500\n");
  caught(window, "value", `${FN}/events.tf`, /maximum_batching_window_in_seconds = 500 must be at most 300/, window.changedLine);
  const retries = await plant(`${FN}/events.tf`, "  maximum_retry_attempts       = var.sns_trigger.maximum_retry_attempts\n", "  maximum_retry_attempts       = 5\n");
  caught(retries, "value", `${FN}/events.tf`, /aws_lambda_function_event_invoke_config.async: maximum_retry_attempts = 5 must be at most 2/, retries.changedLine);
});

test("arguments the provider declares conflicting fail together", async () => {
  const result = await plant(`${FN}/alarms.tf`, '  extended_statistic  = "p99"\n', '  extended_statistic  = "p99"\n  statistic           = "Maximum"\n');
  caught(result, "conflicts", `${FN}/alarms.tf`, /duration_p99: statistic and extended_statistic together/);
});

test("an SQS mapping with a starting position fails as SQS", async () => {
  const result = await plant(`${FN}/events.tf`, "  event_source_arn                   = var.sqs_trigger.queue_arn\n", '  event_source_arn                   = var.sqs_trigger.queue_arn\n  starting_position                  = "LATEST"\n');
  caught(result, "mapping-starting-position", `${FN}/events.tf`, /aws_lambda_event_source_mapping.sqs: SQS mapping with starting_position/, result.changedLine + 1);
  assert.ok(!result.findings.some((f) => /Stream mapping/.test(f.message)), "the SQS mapping is not taken for a stream one");
});

test("a syntax error is reported once, without its echoes", async () => {
  const result = await plant(`${FN}/http.tf`, '  name        = "$default"', '  name        = "$default');
  const match = caught(result, "parse", `${FN}/http.tf`, /^Invalid multi-line string.*\(and \d+ more diagnostics after it\)/, result.changedLine);
  assert.ok(!/http\.tf:\d+,/.test(match.message), "the message does not repeat positions");
  assert.deepEqual(result.findings.filter((f) => f.rule === "reference"), [], "no references to what the broken file declares");
});

test("a cycle of references fails, through resources and through locals", async () => {
  const resources = await plant(`${FN}/logs.tf`, '  name              = "/aws/lambda/${var.function_name}"', '  name              = "/aws/lambda/${aws_lambda_function.this.function_name}"');
  caught(resources, "cycle", `${FN}/main.tf`, /aws_lambda_function.this -> .*aws_cloudwatch_log_group.this -> aws_lambda_function.this/);
  const locals = await plant(`${FN}/main.tf`, '  provisioned = var.cold_start_strategy == "provisioned"', '  provisioned = var.cold_start_strategy == "provisioned" && !local.aot_cache\n  aot_cache_x = local.provisioned');
  assert.ok(locals.findings.every((f) => f.rule !== "cycle"), "no cycle yet");
  const loop = await plant(`${FN}/main.tf`, '  snap_start  = var.cold_start_strategy == "snap_start"\n  provisioned = var.cold_start_strategy == "provisioned"', '  snap_start  = var.cold_start_strategy == "snap_start" && !local.provisioned\n  provisioned = var.cold_start_strategy == "provisioned" && !local.snap_start');
  caught(loop, "cycle", `${FN}/main.tf`, /local.snap_start -> local.provisioned -> local.snap_start/, loop.changedLine);
});

test("a provider range that allows a version without a resource the module uses fails", async () => {
  const result = await plant(`${LMI}/versions.tf`, 'version = ">= 6.24, < 7.0"', 'version = ">= 5.100, < 7.0"');
  caught(result, "provider-version", `${LMI}/managed_instances.tf`, /aws_lambda_capacity_provider.this needs hashicorp\/aws >= 6.24.0, but version = ">= 5.100, < 7.0" allows 5.100.0/);
  caught(result, "provider-version", `${LMI}/main.tf`, /aws_lambda_function.this: capacity_provider_config needs hashicorp\/aws >= 6.24.0/);
  const region = await plant(`${FN}/logs.tf`, "  retention_in_days = var.log_retention_days\n", "  retention_in_days = var.log_retention_days\n  region            = \"us-east-1\"\n");
  caught(region, "provider-version", `${FN}/logs.tf`, /aws_cloudwatch_log_group.this: region needs hashicorp\/aws >= 6.0.0/, region.changedLine + 1);
});

test("a literal module input that breaks a rule inside the module, or a module it calls, fails", async () => {
  const retention = await plant("envs/dev/main.tf", "  log_retention_days = 14\n", "  log_retention_days = 45\n");
  caught(retention, "module-input", "envs/dev/main.tf", /module "stack": log_retention_days: 45 reaches module "hello"'s log_retention_days, which refuses it/, retention.changedLine);
  const batch = await plant("modules/stack/main.tf", "    batch_size = 10\n  }", "    batch_size = 20000\n  }");
  caught(batch, "module-input", "modules/stack/main.tf", /module "telemetry": sqs_trigger: 20000 reaches aws_lambda_event_source_mapping.sqs.batch_size \(function\), which must be at most 10000/);
});

test("an object input attribute its type does not have fails, since terraform drops it silently", async () => {
  const result = await plant("envs/dev/main.tf", "  hello = {\n    jwt_authorizer = var.jwt_authorizer\n  }", "  hello = {\n    memory         = 2048\n    jwt_authorizer = var.jwt_authorizer\n  }");
  caught(result, "module-input", "envs/dev/main.tf", /module "stack": hello.memory is not an attribute of the variable's type.*did you mean memory_size\?/, result.changedLine + 1);
});

test("an HTTP API authorizer type the provider does not take fails", async () => {
  const result = await plant(`${FN}/http.tf`, '  authorizer_type  = "JWT"', '  authorizer_type  = "COGNITO"');
  caught(result, "value", `${FN}/http.tf`, /authorizer_type = "COGNITO" must be one of REQUEST, JWT/, result.changedLine);
});

// The checker on a user's own repository: an application of their own (fixtures/user-app: a
// pom.xml, the descriptor its build wrote to target/) and an infra/ folder that calls fnbridge's
// function module by a relative path and by a git ref. Nothing of this repository's layout may be
// needed for it to pass, and the mistakes a user makes there must still be caught.
import { test } from "node:test";
import assert from "node:assert/strict";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync, rmSync } from "node:fs";
import { spawnSync } from "node:child_process";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { check, findDescriptors, parseArguments, providerConstraintProblem } from "../check.mjs";

const tests = path.dirname(fileURLToPath(import.meta.url));
const fixture = path.join(tests, "fixtures", "user-app");
const functionModule = path.resolve(tests, "..", "..", "modules", "function");
const SOURCE = 'source = "../../../../../modules/function"';

const describe = (findings) => findings.map((f) => `${f.file}:${f.line}: ${f.rule}: ${f.message} (${f.hint ?? ""})`).join("\n");

/**
 * Copies the user's repository to a directory of its own (with a .git, as a clone has), points
 * the relative module source at fnbridge's function module from there, applies the edits
 * ([file, from, to] under user-app/) and checks its infra/ folder.
 */
async function userRepo(edits = [], { options = {}, prepare } = {}) {
  const repo = mkdtempSync(path.join(tmpdir(), "tf-user-"));
  try {
    cpSync(fixture, repo, { recursive: true });
    mkdirSync(path.join(repo, ".git"));
    const infra = path.join(repo, "infra");
    const main = path.join(infra, "main.tf");
    writeFileSync(main, readFileSync(main, "utf8").replace(SOURCE, `source = "${path.relative(infra, functionModule)}"`));
    const changedLines = [];
    for (const [file, from, to] of edits) {
      const target = path.join(repo, file);
      const source = readFileSync(target, "utf8");
      assert.ok(source.includes(from), `fixture drifted: ${file} no longer contains ${JSON.stringify(from)}`);
      writeFileSync(target, source.replace(from, to));
      changedLines.push(source.slice(0, source.indexOf(from)).split("\n").length);
    }
    if (prepare) prepare(repo);
    return { ...(await check(infra, options)), changedLine: changedLines[0] };
  } finally {
    rmSync(repo, { recursive: true, force: true });
  }
}

function caught({ findings }, rule, file, pattern, line) {
  const match = findings.find((f) => f.rule === rule && f.file === file && pattern.test(`${f.message} ${f.hint ?? ""}`));
  assert.ok(match, `expected a ${rule} finding in ${file} matching ${pattern}; got:\n${describe(findings)}`);
  if (line !== undefined) assert.equal(match.line, line, `line of ${rule} in ${file}`);
  return match;
}

test("a user's infra folder, outside this repository's layout, passes", async () => {
  const { findings, notes } = await check(path.join(fixture, "infra"));
  assert.deepEqual(describe(findings), "");
  assert.ok(notes.some((n) => /checked against \.\.\/target\/fnbridge-functions\.json/.test(n.message)), "the descriptor is found in the application's target/");
  const remote = notes.find((n) => /module "audit": git::https:\/\/github\.com\/fnbridge\/fnbridge\.git\/\/infra-terraform\/modules\/function\?ref=v0\.1\.0 is fetched by terraform init/.test(n.message));
  assert.ok(remote, `a note on the git source; notes: ${JSON.stringify(notes)}`);
  assert.equal(remote.file, "main.tf");
});

test("the copy the tests plant into passes too", async () => {
  const { findings } = await userRepo();
  assert.deepEqual(describe(findings), "");
});

test("a definition naming a function the descriptor does not list fails", async () => {
  const result = await userRepo([["infra/main.tf", 'definition          = "validateOrder|priceOrder"', 'definition          = "validateOrder|priceOrders"']]);
  caught(result, "function-definition", "main.tf", /module "orders": definition = "validateOrder\|priceOrders": the application has no function priceOrders.*did you mean priceOrder\?/, result.changedLine);
});

test("a definition on a module called by git ref is checked too", async () => {
  const result = await userRepo([["infra/main.tf", 'definition    = "recordOrder"', 'definition    = "recordOrders"']]);
  caught(result, "function-definition", "main.tf", /module "audit": definition = "recordOrders": the application has no function recordOrders.*did you mean recordOrder\?/, result.changedLine);
});

test("a composition that continues after a consumer fails", async () => {
  const result = await userRepo([["infra/main.tf", 'definition          = "validateOrder|priceOrder"', 'definition          = "recordOrder|priceOrder"']]);
  caught(result, "function-composition", "main.tf", /recordOrder is a consumer, so nothing comes out of it for priceOrder/, result.changedLine);
  const supplied = await userRepo([["infra/main.tf", 'definition          = "validateOrder|priceOrder"', 'definition          = "validateOrder,orderIds"']]);
  caught(supplied, "function-composition", "main.tf", /orderIds is a supplier and takes nothing from validateOrder/, supplied.changedLine);
});

test("a handler that is not one of the application's fails", async () => {
  const result = await userRepo([["infra/main.tf", 'handler       = "com.example.orders.OrdersHandler"', 'handler       = "com.example.orders.OrderHandler"']]);
  caught(result, "handler-class", "main.tf", /module "audit": handler = "com.example.orders.OrderHandler" is not a handler of the application.*did you mean com.example.orders.OrdersHandler\?/, result.changedLine);
});

test("Spring Cloud Function's own handler is accepted", async () => {
  const { findings } = await userRepo([["infra/main.tf", 'handler       = "com.example.orders.OrdersHandler"', 'handler       = "org.springframework.cloud.function.adapter.aws.FunctionInvoker::handleRequest"']]);
  assert.deepEqual(describe(findings), "");
});

test("a zip path that leads nowhere near a build's output fails", async () => {
  const above = await userRepo([["infra/variables.tf", 'default     = "../target/orders-lambda.zip"', 'default     = "../../target/orders-lambda.zip"']]);
  caught(above, "artifact-path", "variables.tf", /variable "artifact_path": default = "..\/..\/target\/orders-lambda.zip" leads to ..\/..\/target\/orders-lambda.zip, but ..\/.. has no pom.xml: no build writes there.*did you mean ..\/target\/orders-lambda.zip\?/, above.changedLine);
  const elsewhere = await userRepo([["infra/variables.tf", 'default     = "../target/orders-lambda.zip"', 'default     = "../build/orders-lambda.zip"']]);
  caught(elsewhere, "artifact-path", "variables.tf", /leads to ..\/build\/orders-lambda.zip, which does not exist and is not in a module's build output/, elsewhere.changedLine);
  const aggregator = await userRepo([["pom.xml", "<version>1.0.0</version>", "<version>1.0.0</version>\n\t<packaging>pom</packaging>"]]);
  caught(aggregator, "artifact-path", "variables.tf", /but ..\/pom.xml is an aggregator \(packaging pom\) and builds no zip/);
  const layer = await userRepo([["infra/main.tf", 'path         = "../target/orders-runtime-layer.zip"', 'path         = "../orders-runtime-layer.zip"']]);
  caught(layer, "artifact-path", "main.tf", /module "orders": runtime_layer.path = "..\/orders-runtime-layer.zip" leads to ..\/orders-runtime-layer.zip, which does not exist/, layer.changedLine);
});

test("a zip path into a Gradle module's build output is accepted", async () => {
  const { findings } = await userRepo([["infra/variables.tf", 'default     = "../target/orders-lambda.zip"', 'default     = "../build/distributions/orders-lambda.zip"']], {
    prepare: (repo) => writeFileSync(path.join(repo, "build.gradle.kts"), "plugins { java }\n"),
  });
  assert.deepEqual(describe(findings), "");
});

test("a zip path to a built file is accepted wherever it is", async () => {
  const { findings } = await userRepo([["infra/variables.tf", 'default     = "../target/orders-lambda.zip"', 'default     = "../dist/orders.zip"']], {
    prepare: (repo) => {
      mkdirSync(path.join(repo, "dist"));
      writeFileSync(path.join(repo, "dist", "orders.zip"), "");
    },
  });
  assert.deepEqual(describe(findings), "");
});

test("a missing provider version constraint fails", async () => {
  const result = await userRepo([["infra/versions.tf", '      version = ">= 6.0, < 7.0"\n', ""]]);
  caught(result, "provider-version", "versions.tf", /hashicorp\/aws has no version constraint in a root configuration.*~> 6.0/, 5);
});

test("a provider constraint open to the next major version fails", async () => {
  const result = await userRepo([["infra/versions.tf", 'version = ">= 6.0, < 7.0"', 'version = ">= 6.0"']]);
  caught(result, "provider-version", "versions.tf", /version = ">= 6.0" in a root configuration: it allows every later major version \(7.x, ...\)/, result.changedLine);
});

test("a provider constraint accepts any pin within the snapshot's major version", () => {
  for (const pin of ["~> 6.0", "~> 6", "~> 6.25", "~> 6.25.0", ">= 6.0, < 7.0", ">= 6.10,< 6.30", "6.25.0", "= 6.2.0", ">= 5.100, < 7.0", "~> 6.0, != 6.3.0", "<= 6.99"]) {
    assert.equal(providerConstraintProblem(pin, [6, 25, 0]), null, pin);
  }
  const refused = {
    "": /without a constraint/,
    ">= 6.0": /every later major version/,
    "> 5": /every later major version/,
    "~> 7.0": /allows hashicorp\/aws 7.x/,
    ">= 6.0, <= 7.0": /allows hashicorp\/aws 7.x/,
    "< 7.1": /allows hashicorp\/aws 7.x/,
    "~> 5.100": /nothing newer than hashicorp\/aws 5.x/,
    ">= 6.5, < 6.1": /allows no version/,
    "latest": /"latest" is not a version constraint/,
  };
  for (const [pin, pattern] of Object.entries(refused)) assert.match(String(providerConstraintProblem(pin, [6, 25, 0])), pattern, pin);
});

test("a module's inputs are checked when it is reached by a relative path outside the checked folder", async () => {
  const result = await userRepo([["infra/main.tf", "  memory_size         = 2048\n", "  memory              = 2048\n"]]);
  caught(result, "module-input", "main.tf", /module "orders" has no input "memory".*did you mean memory_size\?/, result.changedLine);
  const output = await userRepo([["infra/outputs.tf", "module.orders.api_endpoint", "module.orders.endpoint"]]);
  caught(output, "reference", "outputs.tf", /module.orders has no output "endpoint"/, output.changedLine);
});

test("a relative module source that does not exist fails", async () => {
  const result = await userRepo([], {
    prepare: (repo) => {
      const main = path.join(repo, "infra", "main.tf");
      writeFileSync(main, readFileSync(main, "utf8").replace(/source = "[^"]*modules\/function"/, 'source = "../../fnbridge/infra-terraform/modules/function"'));
    },
  });
  caught(result, "module-source", "main.tf", /module "orders": no configuration at ..\/..\/fnbridge\/infra-terraform\/modules\/function.*does not exist/, 4);
});

test("a module terraform init fetched is checked against that copy", async () => {
  const result = await userRepo([["infra/main.tf", 'function_name = "orders-audit"', 'function_nam  = "orders-audit"']], {
    prepare: (repo) => {
      const modules = path.join(repo, "infra", ".terraform", "modules");
      mkdirSync(modules, { recursive: true });
      const audit = { Key: "audit", Source: "git::https://github.com/fnbridge/fnbridge.git//infra-terraform/modules/function?ref=v0.1.0", Dir: path.relative(path.join(repo, "infra"), functionModule) };
      writeFileSync(path.join(modules, "modules.json"), JSON.stringify({ Modules: [{ Key: "", Source: "", Dir: "." }, audit] }));
    },
  });
  caught(result, "module-input", "main.tf", /module "audit" has no input "function_nam".*did you mean function_name\?/, result.changedLine);
  assert.ok(result.notes.some((n) => /module "audit": .* checked against the copy terraform init fetched/.test(n.message)), JSON.stringify(result.notes));
});

test("without a descriptor the definition rules are skipped with one note", async () => {
  const result = await userRepo([["infra/main.tf", 'definition          = "validateOrder|priceOrder"', 'definition          = "noSuchFunction"']], {
    prepare: (repo) => rmSync(path.join(repo, "target"), { recursive: true }),
  });
  assert.deepEqual(describe(result.findings), "");
  assert.equal(result.notes.filter((n) => /no fnbridge-functions.json found/.test(n.message)).length, 1, JSON.stringify(result.notes));
});

test("without a descriptor a handler in fnbridge's package is still judged", async () => {
  const result = await userRepo([["infra/main.tf", 'handler       = "com.example.orders.OrdersHandler"', 'handler       = "dev.fnbridge.lambda.Handler"']], {
    prepare: (repo) => rmSync(path.join(repo, "target"), { recursive: true }),
  });
  caught(result, "handler-class", "main.tf", /handler = "dev.fnbridge.lambda.Handler": fnbridge has no handler dev.fnbridge.lambda.Handler/, result.changedLine);
  const own = await userRepo([], { prepare: (repo) => rmSync(path.join(repo, "target"), { recursive: true }) });
  assert.deepEqual(describe(own.findings), "", "the application's own handler cannot be judged without its descriptor");
});

test("a descriptor given with --functions is used instead of the one found", async () => {
  const sample = path.join(tests, "fixtures", "fnbridge-functions.json");
  const result = await userRepo([], { options: { functions: sample } });
  caught(result, "function-definition", "main.tf", /the application has no function validateOrder/);
  const missing = await userRepo([], { options: { functions: "/nonexistent/fnbridge-functions.json" } });
  const problem = missing.findings.find((f) => f.rule === "functions-descriptor");
  assert.ok(problem && problem.file.endsWith("nonexistent/fnbridge-functions.json") && /no such file/.test(problem.message), describe(missing.findings));
});

test("a descriptor that is not one fails", async () => {
  const broken = await userRepo([["target/fnbridge-functions.json", '"functions": [', '"functions": [[]], "x": [']]);
  caught(broken, "functions-descriptor", "../target/fnbridge-functions.json", /functions\[0\] has no name/);
  const notJson = await userRepo([["target/fnbridge-functions.json", "{", "{,"]]);
  caught(notJson, "functions-descriptor", "../target/fnbridge-functions.json", /not JSON/);
});

test("the descriptor is found in a child module of a parent, up to the git root", () => {
  const repo = mkdtempSync(path.join(tmpdir(), "tf-find-"));
  try {
    for (const dir of ["outer/target", "outer/repo/.git", "outer/repo/orders-app/target", "outer/repo/deploy/infra"]) mkdirSync(path.join(repo, dir), { recursive: true });
    writeFileSync(path.join(repo, "outer", "target", "fnbridge-functions.json"), "{}");
    const infra = path.join(repo, "outer", "repo", "deploy", "infra");
    assert.deepEqual(findDescriptors(infra), [], "nothing in the repository, and nothing above its git root");
    writeFileSync(path.join(repo, "outer", "repo", "orders-app", "target", "fnbridge-functions.json"), "{}");
    assert.deepEqual(findDescriptors(infra), [path.join(repo, "outer", "repo", "orders-app", "target", "fnbridge-functions.json")]);
    mkdirSync(path.join(repo, "outer", "repo", "deploy", "target"));
    writeFileSync(path.join(repo, "outer", "repo", "deploy", "target", "fnbridge-functions.json"), "{}");
    assert.deepEqual(findDescriptors(infra), [path.join(repo, "outer", "repo", "deploy", "target", "fnbridge-functions.json")], "the nearest level wins");
  } finally {
    rmSync(repo, { recursive: true, force: true });
  }
});

test("the command line takes a folder, --functions files and --fix", () => {
  assert.deepEqual(parseArguments(["infra", "--functions", "a.json", "--functions=b.json", "--fix"]), { dir: "infra", functions: ["a.json", "b.json"], fix: true, help: false });
  assert.throws(() => parseArguments(["--functions"]), /--functions needs a file/);
  assert.throws(() => parseArguments(["--repo", "x"]), /unknown option --repo/);
  assert.throws(() => parseArguments(["a", "b"]), /one directory/);
});

test("fnbridge-terraform-check checks a user's folder and exits 1 on a problem, 2 on a usage error", () => {
  const bin = path.join(tests, "..", "fnbridge-terraform-check");
  // Without a terraform on PATH, so the result does not depend on a network for terraform init.
  const dirs = process.env.PATH.split(path.delimiter).filter((d) => !existsSync(path.join(d, "terraform")));
  const env = { ...process.env, PATH: [...dirs, ...(dirs.includes(path.dirname(process.execPath)) ? [] : [path.dirname(process.execPath)])].join(path.delimiter) };
  const run = (...args) => spawnSync(bin, args, { encoding: "utf8", env });
  const clean = run(path.join(fixture, "infra"));
  assert.equal(clean.status, 0, clean.stdout + clean.stderr);
  assert.match(clean.stdout, /^info: function definitions and handlers checked against \.\.\/target\/fnbridge-functions\.json$/m);
  assert.match(clean.stdout, /^terraform offline checks: 1 configurations, 0 problem\(s\)$/m);
  const wrong = run(path.join(fixture, "infra"), "--functions", path.join(tests, "fixtures", "fnbridge-functions.json"));
  assert.equal(wrong.status, 1, wrong.stdout + wrong.stderr);
  assert.match(wrong.stdout, /^main\.tf:7: function-definition: module "orders": definition = "validateOrder\|priceOrder": the application has no function validateOrder/m);
  const usage = run("--functions");
  assert.equal(usage.status, 2);
  assert.match(usage.stderr, /--functions needs a file[\s\S]*usage: fnbridge-terraform-check/);
});

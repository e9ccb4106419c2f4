// Offline checks of Terraform that deploys fnbridge functions, as strong as we can make them
// without a terraform binary: HashiCorp's HCL parser and formatter (compiled to WASM, from
// @cdktf/hcl2json and @cdktf/hcl-tools) and the hashicorp/aws schema (a snapshot made by
// schema/generate-schema.mjs). It runs on this repository's infra-terraform/ as on a user's own
// infra/ folder: nothing in it depends on this repository's layout.
//
//   node check.mjs [dir] [--functions <fnbridge-functions.json>]... [--fix]
//
// prints file:line: rule: message (hint) for each problem and "info: ..." for what it could not
// check, and exits 1 on any problem. The application's functions and handlers come from the
// descriptor fnbridge-maven-plugin writes (target/fnbridge-functions.json), given or found.
// When a real terraform is on PATH it also runs fmt -check, init -backend=false, validate and
// test; otherwise it says so and skips them.
import { readFileSync, readdirSync, statSync, existsSync } from "node:fs";
import { createRequire } from "node:module";
import { spawnSync } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";

const require = createRequire(import.meta.url);
const { parse } = require("@cdktf/hcl2json");
const { format } = require("@cdktf/hcl-tools");
const here = path.dirname(fileURLToPath(import.meta.url));
const schema = JSON.parse(readFileSync(path.join(here, "schema", "aws-schema.json"), "utf8"));
const validations = JSON.parse(readFileSync(path.join(here, "schema", "provider-validations.json"), "utf8"));
const iamActions = JSON.parse(readFileSync(path.join(here, "schema", "iam-actions.json"), "utf8")).actions;

const META = new Set(["count", "for_each", "depends_on", "provider", "lifecycle", "provisioner", "connection", "dynamic"]);
const MODULE_META = new Set(["source", "version", "count", "for_each", "providers", "depends_on"]);

/** Directories holding .tf files, below root; hidden folders (.terraform, .git), node_modules,
 * build output (target) and this checker's own folder (its test fixtures) excluded. */
function configurationDirs(root) {
  const dirs = [];
  const walk = (dir) => {
    const entries = readdirSync(dir);
    if (entries.some((e) => e.endsWith(".tf"))) dirs.push(dir);
    for (const e of entries) {
      const full = path.join(dir, e);
      if (e.startsWith(".") || e === "node_modules" || e === "target" || path.resolve(full) === here) continue;
      if (statSync(full).isDirectory()) walk(full);
    }
  };
  walk(root);
  return dirs.sort();
}

class Module {
  constructor(dir, root) {
    this.dir = path.resolve(dir);
    this.root = root;
    this.files = [];
  }

  rel(file) {
    return path.relative(this.root, file);
  }

  /** Every block of a top-level kind ("resource", "variable", ...) as [file, json, key...]. */
  blocks(kind) {
    const out = [];
    for (const f of this.files) {
      const section = f.json[kind];
      if (!section) continue;
      if (kind === "resource" || kind === "data") {
        for (const [type, byName] of Object.entries(section)) {
          for (const [name, bodies] of Object.entries(byName)) out.push({ file: f, type, name, body: bodies[0] });
        }
      } else if (kind === "locals") {
        for (const body of section) out.push({ file: f, body });
      } else if (kind === "terraform") {
        for (const body of section) out.push({ file: f, body });
      } else {
        for (const [name, bodies] of Object.entries(section)) out.push({ file: f, name, body: bodies[0] });
      }
    }
    return out;
  }
}

function lineOf(src, pattern, fromLine = 1) {
  const lines = src.split("\n");
  for (let i = Math.max(0, fromLine - 1); i < lines.length; i++) if (pattern.test(lines[i])) return i + 1;
  return fromLine;
}

function blockLine(file, kind, type, name, fromLine = 1) {
  const esc = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const head = type ? `^\\s*${kind}\\s+"${esc(type)}"\\s+"${esc(name)}"` : `^\\s*${kind}\\s+"${esc(name)}"`;
  return lineOf(file.src, new RegExp(head), fromLine);
}

function argumentLine(file, from, arg) {
  return lineOf(file.src, new RegExp(`^\\s*(${arg}\\s*(=|\\{)|dynamic\\s+"${arg}")`), from);
}

function levenshtein(a, b) {
  const d = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0][j] = j;
  for (let i = 1; i <= a.length; i++)
    for (let j = 1; j <= b.length; j++)
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
  return d[a.length][b.length];
}

function nearest(name, candidates) {
  // A truncated or extended name ("memory" for "memory_size") is the likeliest slip.
  const prefixed = candidates.filter((c) => c.startsWith(name) || name.startsWith(c)).sort((a, b) => a.length - b.length);
  if (prefixed.length > 0) return prefixed[0];
  let best = null;
  for (const c of candidates) {
    const distance = levenshtein(name, c);
    if (!best || distance < best.distance) best = { name: c, distance };
  }
  return best && best.distance <= Math.max(2, Math.floor(name.length / 3)) ? best.name : null;
}

const isExpr = (v) => typeof v === "string" && v.includes("${");
const isBlockValue = (v) => Array.isArray(v) && v.every((e) => e && typeof e === "object" && !Array.isArray(e));

/**
 * Checks every configuration below root. options.functions: descriptor files (a path or a list);
 * without it, the nearest target/fnbridge-functions.json (see findDescriptors). Returns the
 * problems ({ file, line, rule, message, hint }, files relative to root) and the notes on what
 * could not be checked offline ({ file?, line?, message }).
 */
export async function check(dir, options = {}) {
  const root = path.resolve(dir);
  const findings = [];
  const notes = [];
  const add = (file, line, rule, message, hint) => findings.push({ file, line, rule, message, hint });
  const note = (message, file, line) => {
    if (!notes.some((n) => n.message === message && n.file === file)) notes.push({ file, line, message });
  };
  const app = application(root, [].concat(options.functions ?? []), add, note);
  const modules = new Map();

  for (const dir of configurationDirs(root)) {
    const module = new Module(dir, root);
    modules.set(path.resolve(dir), module);
    for (const name of readdirSync(dir).filter((e) => e.endsWith(".tf")).sort()) {
      const full = path.join(dir, name);
      const src = readFileSync(full, "utf8");
      const rel = path.relative(root, full);
      const json = await parseFile(name, src, rel, add);
      if (!json) {
        module.parseFailed = true;
        continue;
      }
      module.files.push({ path: full, rel, src, json });
      await checkFormat(src, rel, add);
    }
    for (const name of existsSync(path.join(dir, "tests")) ? readdirSync(path.join(dir, "tests")).filter((e) => e.endsWith(".tftest.hcl")) : []) {
      const full = path.join(dir, "tests", name);
      const src = readFileSync(full, "utf8");
      const rel = path.relative(root, full);
      if (!(await parseFile(name, src, rel, add))) continue;
      await checkFormat(src, rel, add);
    }
  }

  // Module sources: configurations of the checked tree, directories outside it (their inputs and
  // outputs are checked, their own files are their authors'), and remote sources, which only
  // terraform init can fetch.
  const outside = new Map();
  for (const module of modules.values()) {
    module.sources = new Map();
    for (const call of module.blocks("module")) module.sources.set(call.name, await moduleSource(module, call, modules, outside, root, note));
  }
  for (const module of modules.values()) {
    for (const { config } of module.sources.values()) if (config && modules.has(config.dir)) config.called = true;
  }
  for (const module of modules.values()) {
    checkModule(module, add, app);
  }
  return { findings, notes };
}

const LOCAL_SOURCE = /^\.\.?[\\/]/;
const hasConfiguration = (dir) => existsSync(dir) && statSync(dir).isDirectory() && readdirSync(dir).some((e) => e.endsWith(".tf"));

/**
 * What a module call's source is: { kind, config } with kind "local" (a checked configuration),
 * "outside" (a directory outside the checked folder, e.g. fnbridge's modules/function reached
 * by ../), "installed" (a remote source terraform init already fetched into .terraform/modules),
 * "remote" (git::, github.com/..., a registry address: not resolvable offline) or "missing".
 */
async function moduleSource(module, call, modules, outside, root, note) {
  const source = call.body.source;
  const line = () => argumentLine(call.file, blockLine(call.file, "module", null, call.name), "source");
  if (typeof source !== "string" || isExpr(source)) return { kind: "remote" };
  if (LOCAL_SOURCE.test(source)) {
    const dir = path.resolve(module.dir, source);
    if (modules.has(dir)) return { kind: "local", config: modules.get(dir) };
    if (!hasConfiguration(dir)) return { kind: "missing", dir };
    if (!outside.has(dir)) outside.set(dir, await loadOutside(dir, root));
    return { kind: "outside", config: outside.get(dir) };
  }
  const installed = installedModule(module.dir, call.name);
  if (installed) {
    if (!outside.has(installed)) outside.set(installed, await loadOutside(installed, root));
    note(`module "${call.name}": ${source} checked against the copy terraform init fetched (${path.relative(root, installed)})`, call.file.rel, line());
    return { kind: "installed", config: outside.get(installed) };
  }
  note(`module "${call.name}": ${source} is fetched by terraform init, not offline: the call's inputs are not checked against the module's variables (they are after terraform init, from .terraform/modules)`, call.file.rel, line());
  return { kind: "remote" };
}

/** A configuration outside the checked folder, read for its variables and outputs only. */
async function loadOutside(dir, root) {
  const module = new Module(dir, root);
  for (const name of readdirSync(dir).filter((e) => e.endsWith(".tf")).sort()) {
    const full = path.join(dir, name);
    const src = readFileSync(full, "utf8");
    try {
      module.files.push({ path: full, rel: path.relative(root, full), src, json: await parse(name, src) });
    } catch {
      // Its own files are checked where it is maintained; what parses still gives its interface.
    }
  }
  return module;
}

/** Where terraform init put a module call's remote source (.terraform/modules/modules.json), if it ran here. */
function installedModule(dir, name) {
  try {
    const manifest = JSON.parse(readFileSync(path.join(dir, ".terraform", "modules", "modules.json"), "utf8"));
    const entry = (manifest.Modules ?? []).find((m) => m.Key === name);
    const at = entry?.Dir ? path.resolve(dir, entry.Dir) : null;
    return at && hasConfiguration(at) ? at : null;
  } catch {
    return null;
  }
}

/** Parses one file with HashiCorp's parser; a syntax error becomes a finding at its line. */
async function parseFile(name, src, rel, add) {
  try {
    return await parse(name, src);
  } catch (error) {
    // The first diagnostic is the mistake; the rest are usually its echoes (an unclosed string
    // swallows the file).
    const all = String(error).replace(/^Error: parse config: \[?/, "").replace(/\]$/, "").split(/\s(?=[^\s:]+\.(?:tf|hcl):\d+,)/);
    const text = all[0] + (all.length > 1 ? ` (and ${all.length - 1} more diagnostics after it)` : "");
    const match = text.match(/:(\d+),\d+/);
    add(rel, match ? Number(match[1]) : 1, "parse", text.replace(/^[^:]+:\d+,[\d,-]+:\s*/, ""));
    return null;
  }
}

async function checkFormat(src, rel, add) {
  const formatted = await format(src);
  if (formatted === src) return;
  const a = src.split("\n");
  const b = formatted.split("\n");
  let i = 0;
  while (i < a.length && a[i] === b[i]) i++;
  add(rel, i + 1, "fmt", "not in canonical format", "run terraform fmt, or fnbridge-terraform-check <dir> --fix");
}

function checkModule(module, add, app) {
  const variables = new Map(module.blocks("variable").map((v) => [v.name, v]));
  const locals = new Set(module.blocks("locals").flatMap((l) => Object.keys(l.body)));
  const resources = new Map();
  for (const kind of ["resource", "data"]) {
    for (const block of module.blocks(kind)) {
      const key = (kind === "data" ? "data." : "") + `${block.type}.${block.name}`;
      resources.set(key, { ...block, kind });
    }
  }
  const moduleCalls = new Map(module.blocks("module").map((m) => [m.name, m]));

  // Names declared twice across the module's files (each file parses on its own).
  const declared = new Map();
  const declare = (key, file, line) => {
    const first = declared.get(key);
    if (first) add(file.rel, line, "duplicate", `${key} is declared twice`, `first at ${first.file.rel}:${first.line}`);
    else declared.set(key, { file, line });
  };
  for (const kind of ["resource", "data"])
    for (const b of module.blocks(kind)) declare(`${kind === "data" ? "data." : ""}${b.type}.${b.name}`, b.file, blockLine(b.file, kind, b.type, b.name));
  for (const kind of ["variable", "output", "module"])
    for (const b of module.blocks(kind)) declare(`${kind} "${b.name}"`, b.file, blockLine(b.file, kind, null, b.name));
  for (const l of module.blocks("locals"))
    for (const name of Object.keys(l.body)) declare(`local.${name}`, l.file, lineOf(l.file.src, new RegExp(`^\\s*${name}\\s*=`)));
  sameFileDuplicates(module, add);
  metaArguments(module, variables, add);
  // A reusable module is called by another checked configuration, or sits at modules/<name> (the
  // standard module structure); a configuration with a provider block or a backend is a root.
  const declaresRoot = module.blocks("provider").length > 0 || module.blocks("terraform").some((t) => t.body.backend || t.body.cloud);
  const isReusable = !declaresRoot && (module.called === true || path.basename(path.dirname(module.dir)) === "modules");

  // Variables and outputs: typed and described; a literal default passes its own validations.
  for (const v of variables.values()) {
    const line = blockLine(v.file, "variable", null, v.name);
    for (const u of unknownAttributes(v.body.type, v.body.default)) {
      add(v.file.rel, lineOf(v.file.src, new RegExp(`^\\s*"?${u.key}"?\\s*=`), line), "variable-default", `variable "${v.name}": default's ${u.path} is not an attribute of its type`, `terraform drops it without a word${u.best ? `; did you mean ${u.best}?` : ""}`);
    }
    const mismatch = typeMismatch(v.body.type, v.body.default);
    if (mismatch) add(v.file.rel, lineOf(v.file.src, /^\s*default\s*=/, line), "variable-default", `variable "${v.name}": default ${JSON.stringify(v.body.default)} is not ${mismatch}`, `its type is ${String(v.body.type).replace(/^\$\{([\s\S]*)\}$/, "$1")}`);
    const broken = failedValidation(v, v.body.default);
    if (broken) add(v.file.rel, lineOf(v.file.src, /^\s*default\s*=/, line), "variable-default", `variable "${v.name}": default ${JSON.stringify(v.body.default)} fails its own validation`, broken);
    applicationValue(app, module, v.name, v.body.default, v.file, () => lineOf(v.file.src, /^\s*default\s*=/, line), `variable "${v.name}": default`, add);
    if (!("type" in v.body)) add(v.file.rel, line, "variable-type", `variable "${v.name}" has no type`, "add type = ...");
    if (!v.body.description) add(v.file.rel, line, "variable-description", `variable "${v.name}" has no description`, "add description = \"...\"");
  }
  for (const o of module.blocks("output")) {
    if (!o.body.description)
      add(o.file.rel, blockLine(o.file, "output", null, o.name), "output-description", `output "${o.name}" has no description`, "add description = \"...\"");
  }

  // Provider pinning.
  const terraform = module.blocks("terraform");
  const providers = terraform.flatMap((t) => (t.body.required_providers ?? []).map((p) => ({ file: t.file, p })));
  const aws = providers.find(({ p }) => p.aws);
  const usesAws = [...resources.values()].some((r) => r.type.startsWith("aws_")) || moduleCalls.size > 0;
  if (usesAws && !aws) {
    const file = terraform[0]?.file ?? module.files[0];
    if (file) add(file.rel, 1, "provider-version", "required_providers does not declare hashicorp/aws", "declare aws = { source = \"hashicorp/aws\", version = ... }");
  } else if (aws) {
    const version = typeof aws.p.aws === "object" ? aws.p.aws.version : undefined;
    const awsLine = lineOf(aws.file.src, /^\s*aws\s*=/);
    const line = version === undefined ? awsLine : lineOf(aws.file.src, /^\s*version\s*=/, awsLine);
    const major = SNAPSHOT[0];
    if (isReusable && !String(version ?? "").trim().startsWith(">=")) add(aws.file.rel, line, "provider-version", `a reusable module declares a lower bound for hashicorp/aws, not ${JSON.stringify(version ?? "nothing")}`, `e.g. version = ">= ${major}.0" (modules leave the pin to the root configuration)`);
    providerFloor(module, resources, version, add);
    const problem = isReusable ? null : providerConstraintProblem(version);
    if (problem) add(aws.file.rel, line, "provider-version", `hashicorp/aws ${version === undefined ? "has no version constraint" : `version = ${JSON.stringify(version)}`} in a root configuration: ${problem}`, `pin it within ${major}.x, e.g. version = "~> ${major}.0" or ">= ${major}.0, < ${major + 1}.0"`);
  }

  // A reusable module is also used from other repositories, fetched by a git ref
  // (//infra-terraform/modules/function?ref=v0.1.0) or from a registry: it finds its own files
  // from path.module and reads nothing outside its directory, since a fetched copy has only what
  // is committed (no build output), and the caller's files come in through variables.
  if (isReusable) {
    for (const file of module.files) {
      file.src.split("\n").forEach((text, index) => {
        const code = text.replace(/#.*$/, "");
        const root = code.match(/\bpath\.(root|cwd)\b/);
        if (root) add(file.rel, index + 1, "module-path", `path.${root[1]} in a reusable module is its caller's directory, not the module's`, "find the module's own files from path.module, and take the caller's through a variable (like artifact_path)");
        if (/\bpath\.module\}?\s*(\/|,\s*")\s*\.\./.test(code)) add(file.rel, index + 1, "module-path", "a path out of the module's directory", "a copy fetched by a git ref or from a registry has only what is committed beside the module, no build output: take such a file through a variable (like artifact_path)");
        const read = code.match(/\b(file|filebase64|filebase64sha256|filebase64sha512|filesha1|filesha256|filesha512|filemd5|fileexists|fileset|templatefile)\(\s*"(?!\$\{path\.module\})([^"]*)"/);
        if (read) add(file.rel, index + 1, "module-path", `${read[1]}("${read[2]}") reads from the directory terraform runs in, not from the module`, `write ${read[1]}("\${path.module}/${read[2]}")`);
      });
    }
  }

  // Resources and data sources against the schema.
  for (const block of resources.values()) {
    if (!block.type.startsWith("aws_")) continue;
    const typeSchema = schema[block.kind]?.[block.type];
    const line = blockLine(block.file, block.kind, block.type, block.name);
    if (!typeSchema) {
      add(block.file.rel, line, "schema", `${block.kind} type ${block.type} is not in the schema snapshot`, "check the name, or add it to checks/schema/generate-schema.mjs and regenerate");
      continue;
    }
    checkBody(block.file, line, `${block.type}.${block.name}`, block.body, typeSchema.arguments, META, add);
    checkValues(block, line, add);
    policyRules(module, block, line, resources, add, app);
  }

  cycles(module, resources, add);

  // References: resources, attributes, variables, locals, modules.
  for (const file of module.files) {
    const lines = file.src.split("\n");
    lines.forEach((text, index) => {
      const code = text.replace(/#.*$/, "");
      for (const m of code.matchAll(/\bvar\.([A-Za-z0-9_-]+)/g)) {
        if (!variables.has(m[1])) add(file.rel, index + 1, "reference", `var.${m[1]} is not declared`, hint(m[1], variables.keys(), "var."));
      }
      for (const m of code.matchAll(/\blocal\.([A-Za-z0-9_-]+)/g)) {
        if (!locals.has(m[1])) add(file.rel, index + 1, "reference", `local.${m[1]} is not declared`, hint(m[1], locals, "local."));
      }
      for (const m of code.matchAll(/(?<![\w.])(data\.)?(aws_[a-z0-9_]+)\.([A-Za-z0-9_-]+)(\[[^\]]*\])?(?:\.([a-z0-9_]+))?/g)) {
        if (/^\s*(resource|data)\s+"/.test(code)) continue;
        const kind = m[1] ? "data" : "resource";
        const key = (m[1] ?? "") + `${m[2]}.${m[3]}`;
        const target = resources.get(key);
        if (!target && module.parseFailed) continue; // declared, perhaps, in the file that did not parse
        if (target) instanceKey(file, index + 1, key, target.body, m[4], m[5], add);
        if (!target) {
          const names = [...resources.keys()].filter((k) => k.startsWith((m[1] ?? "") + m[2] + "."));
          add(file.rel, index + 1, "reference", `${key} is not declared in this module`, names.length ? `declared: ${names.join(", ")}` : undefined);
          continue;
        }
        const attribute = m[5];
        const typeSchema = schema[kind]?.[m[2]];
        if (attribute && typeSchema && !typeSchema.attributes.includes(attribute)) {
          add(file.rel, index + 1, "reference", `${key}.${attribute}: ${m[2]} has no attribute "${attribute}"`, hint(attribute, typeSchema.attributes, ""));
        }
      }
      for (const m of code.matchAll(/\bmodule\.([A-Za-z0-9_-]+)(\[[^\]]*\])?\.([A-Za-z0-9_]+)/g)) {
        const call = moduleCalls.get(m[1]);
        if (call) instanceKey(file, index + 1, `module.${m[1]}`, call.body, m[2], m[3], add);
        if (!call) {
          add(file.rel, index + 1, "reference", `module.${m[1]} is not declared`, hint(m[1], moduleCalls.keys(), "module."));
          continue;
        }
        const source = module.sources.get(m[1])?.config;
        if (source && !source.blocks("output").some((o) => o.name === m[3])) {
          add(file.rel, index + 1, "reference", `module.${m[1]} has no output "${m[3]}"`, hint(m[3], source.blocks("output").map((o) => o.name), ""));
        }
      }
    });
  }

  // Module calls: inputs exist, required inputs given, and cold-start choices consistent.
  for (const call of moduleCalls.values()) {
    const line = blockLine(call.file, "module", null, call.name);
    const resolved = module.sources.get(call.name);
    const source = resolved.config;
    if (resolved.kind === "missing") {
      add(call.file.rel, argumentLine(call.file, line, "source"), "module-source", `module "${call.name}": no configuration at ${call.body.source}`, `${path.relative(module.root, resolved.dir) || "."} ${existsSync(resolved.dir) ? "has no .tf files" : "does not exist"}; a local source is read from the calling configuration's directory`);
    }
    if (!source) {
      // A remote module's variables are unknown offline; the values fnbridge gives meaning to
      // (definitions, handlers, artifact paths) are still checked.
      for (const [name, value] of Object.entries(call.body)) {
        if (!MODULE_META.has(name)) applicationValue(app, module, name, value, call.file, () => argumentLine(call.file, line, name), `module "${call.name}": ${name}`, add);
      }
      continue;
    }
    const inputs = new Map(source.blocks("variable").map((v) => [v.name, v]));
    for (const arg of Object.keys(call.body)) {
      if (MODULE_META.has(arg)) continue;
      if (!inputs.has(arg)) add(call.file.rel, argumentLine(call.file, line, arg), "module-input", `module "${call.name}" has no input "${arg}"`, hint(arg, inputs.keys(), ""));
    }
    for (const [name, v] of inputs) {
      if (!("default" in v.body) && !(name in call.body)) add(call.file.rel, line, "module-input", `module "${call.name}" needs input "${name}"`, v.body.description);
      if (name in call.body) applicationValue(app, module, name, call.body[name], call.file, () => argumentLine(call.file, line, name), `module "${call.name}": ${name}`, add);
      const mismatch = name in call.body ? typeMismatch(v.body.type, call.body[name]) : null;
      if (mismatch) add(call.file.rel, argumentLine(call.file, line, name), "module-input", `module "${call.name}": ${name} = ${JSON.stringify(call.body[name])} is not ${mismatch}`, `the module's variable "${name}" is ${String(v.body.type).replace(/^\$\{([\s\S]*)\}$/, "$1")}`);
      const broken = name in call.body ? failedValidation(v, call.body[name]) : null;
      for (const u of name in call.body ? unknownAttributes(v.body.type, call.body[name], `${name}.`) : []) {
        add(call.file.rel, lineOf(call.file.src, new RegExp(`^\\s*"?${u.key}"?\\s*=`), line), "module-input", `module "${call.name}": ${u.path} is not an attribute of the variable's type`, `terraform drops it without a word, so the setting is ignored${u.best ? `; did you mean ${u.best}?` : ""}`);
      }
      const inside = name in call.body && !mismatch && !broken && !isExpr(call.body[name]) ? throughModule(source, name, call.body[name]) : null;
      if (inside) add(call.file.rel, argumentLine(call.file, line, name), "module-input", `module "${call.name}": ${name}: ${inside}`, "terraform validate or plan refuses it there");
      if (broken) add(call.file.rel, argumentLine(call.file, line, name), "module-input", `module "${call.name}": ${name} = ${JSON.stringify(call.body[name])} fails the module's validation`, broken);
    }
    const strategy = call.body.cold_start_strategy;
    if (typeof strategy === "string" && !isExpr(strategy) && strategy !== "provisioned" && call.body.provisioned_concurrency !== undefined && call.body.provisioned_concurrency !== null) {
      add(call.file.rel, argumentLine(call.file, line, "provisioned_concurrency"), "snapstart-provisioned", `module "${call.name}" sets provisioned_concurrency with cold_start_strategy = "${strategy}"`, "AWS does not support SnapStart with provisioned concurrency: choose one");
    }
    // Lambda refuses an SQS mapping whose queue hides a message for less time than the function
    // may run on it.
    const queue = referencedQueue(call.body.sqs_trigger?.queue_arn, resources);
    if (queue) deadLetterQueue(queue, resources, `module "${call.name}"`, add);
    if (queue) {
      const visibility = literalNumber(queue.body.visibility_timeout_seconds, 30);
      const timeout = literalNumber(call.body.timeout, literalNumber(inputs.get("timeout")?.body.default, null));
      if (visibility !== null && timeout !== null && visibility < timeout) {
        add(queue.file.rel, blockLine(queue.file, "resource", "aws_sqs_queue", queue.name), "sqs-visibility", `aws_sqs_queue.${queue.name} hides a message for ${visibility} s, less than the ${timeout} s timeout of module "${call.name}" it triggers`, "Lambda refuses the mapping; AWS recommends at least six times the function's timeout");
      }
    }
    for (const route of [].concat(call.body.http_api?.routes ?? [])) routeKey(call.file, argumentLine(call.file, line, "http_api"), `module "${call.name}"`, route, add);
    // At any depth: the stack module takes it per function ({ telemetry = { reserved_concurrency = ... } }).
    const zeroReserved = (value, at) => {
      if (Array.isArray(value)) return value.forEach((v) => zeroReserved(v, at));
      if (!value || typeof value !== "object") return;
      for (const [key, v] of Object.entries(value)) {
        if (key === "reserved_concurrency" && literalNumber(v, null) === 0) {
          add(call.file.rel, lineOf(call.file.src, /^\s*reserved_concurrency\s*=\s*0\s*$/, line), "reserved-concurrency", `module "${call.name}": ${at}reserved_concurrency = 0`, "zero reserved concurrency throttles every invocation; -1 leaves the function unreserved");
        } else zeroReserved(v, `${at}${key}.`);
      }
    };
    zeroReserved(call.body, "");
    reservedEnvironment(call.file, line, `module "${call.name}"`, call.body, add);
    const layered = call.body.runtime_layer !== undefined && call.body.runtime_layer !== null;
    if (strategy === "aot_cache" && !layered && inputs.has("runtime_layer")) {
      add(call.file.rel, argumentLine(call.file, line, "cold_start_strategy"), "custom-runtime-layer", `module "${call.name}" sets cold_start_strategy = "aot_cache" without runtime_layer`, "the custom runtime runs the JDK and AOT cache of the layer fnbridge-maven-plugin's runtime-layer goal builds (target/<artifactId>-runtime-layer.zip)");
    }
    if (layered && typeof strategy === "string" && !isExpr(strategy) && strategy !== "aot_cache") {
      add(call.file.rel, argumentLine(call.file, line, "runtime_layer"), "custom-runtime-layer", `module "${call.name}" sets runtime_layer with cold_start_strategy = "${strategy}"`, "the layer is only used with cold_start_strategy = \"aot_cache\"");
    }
  }
}

function hint(name, candidates, prefix) {
  const best = nearest(name, [...candidates]);
  return best ? `did you mean ${prefix}${best}?` : undefined;
}

function checkBody(file, line, where, body, argumentsSchema, allowed, add) {
  for (const [arg, value] of Object.entries(body)) {
    if (allowed.has(arg)) continue;
    const spec = argumentsSchema[arg];
    const argLine = argumentLine(file, line, arg);
    if (!spec) {
      add(file.rel, argLine, "schema", `${where}: unknown argument "${arg}"`, hint(arg, Object.keys(argumentsSchema), ""));
      continue;
    }
    if (spec.block) {
      if (!isBlockValue(value)) {
        add(file.rel, argLine, "block-syntax", `${where}: "${arg}" is a block`, `write ${arg} { ... } instead of ${arg} = ...`);
        continue;
      }
      value.forEach((element) => checkBody(file, argLine, `${where}.${arg}`, element, spec.block, new Set(["dynamic"]), add));
    } else {
      if (isBlockValue(value) && !spec.type.startsWith("list") && !spec.type.startsWith("map") && spec.type !== "any") {
        add(file.rel, argLine, "block-syntax", `${where}: "${arg}" is an argument, not a block`, `write ${arg} = ...`);
      } else if (isBlockValue(value) && spec.type.startsWith("map")) {
        add(file.rel, argLine, "block-syntax", `${where}: "${arg}" is an argument, not a block`, `write ${arg} = { ... }`);
      } else {
        literalType(file, argLine, where, arg, value, spec.type, add);
      }
    }
  }
  // dynamic "x" { for_each = ..., content { ... } }
  for (const dynamic of body.dynamic ? Object.entries(body.dynamic) : []) {
    const [name, bodies] = dynamic;
    const spec = argumentsSchema[name];
    const dynLine = lineOf(file.src, new RegExp(`^\\s*dynamic\\s+"${name}"`), line);
    if (!spec || !spec.block) {
      add(file.rel, dynLine, "schema", `${where}: dynamic "${name}" is not a block of this type`, hint(name, Object.keys(argumentsSchema).filter((k) => argumentsSchema[k].block), ""));
      continue;
    }
    for (const b of bodies) for (const content of b.content ?? []) checkBody(file, dynLine, `${where}.${name}`, content, spec.block, new Set(["dynamic"]), add);
  }
  // Required arguments and blocks (a dynamic block counts as present).
  for (const [arg, spec] of Object.entries(argumentsSchema)) {
    if (spec.required && !(arg in body) && !(body.dynamic && arg in body.dynamic)) {
      add(file.rel, line, "required", `${where}: missing required argument "${arg}"`);
    }
  }
}

/** Literal values against the provider's own validations (provider-validations.json). */
function checkValues(block, line, add) {
  // Arguments the provider declares ConflictsWith: at most one of each group.
  for (const group of validations.conflicts?.[block.kind]?.[block.type] ?? []) {
    const set = group.filter((arg) => block.body[arg] !== undefined && block.body[arg] !== null);
    if (set.length > 1) add(block.file.rel, argumentLine(block.file, line, set[1]), "conflicts", `${block.type}.${block.name}: ${set.join(" and ")} together`, `the provider refuses more than one of ${group.join(", ")}`);
  }
  const rules = validations[block.kind]?.[block.type];
  if (!rules) return;
  for (const [rulePath, rule] of Object.entries(rules)) {
    const list = rulePath.endsWith("[]");
    const parts = rulePath.replace(/\[\]$/, "").split(".");
    let values = [block.body];
    for (const part of parts.slice(0, -1)) values = values.flatMap((v) => [].concat(v?.[part] ?? []));
    const leaf = parts[parts.length - 1];
    for (const holder of values) {
      if (!holder || !(leaf in holder)) continue;
      for (const value of list ? [].concat(holder[leaf]) : [holder[leaf]]) {
        if (value === null || isExpr(value) || typeof value === "object") continue;
        const text = String(value);
        const problem = ruleProblem(rule, value);
        if (problem) {
          const best = rule.enum ? nearest(text, rule.enum.map(String)) : null;
          add(block.file.rel, argumentLine(block.file, line, leaf), "value", `${block.type}.${block.name}: ${rulePath.replace(/\[\]$/, "")} = ${JSON.stringify(value)} ${problem}`, best ? `did you mean ${best}?` : undefined);
        }
      }
    }
  }
}

// What a literal scalar breaks of one provider-validations.json rule, or null.
function ruleProblem(rule, value) {
  const text = String(value);
  const number = Number(value);
  let problem = null;
  if (rule.allow?.map(String).includes(text)) return null;
  if (rule.enum && !rule.enum.map(String).includes(text)) problem = `must be one of ${rule.enum.join(", ")}`;
  if (rule.min !== undefined && number < rule.min) problem = `must be at least ${rule.min}`;
  if (rule.max !== undefined && number > rule.max) problem = `must be at most ${rule.max}`;
  if (rule.pattern && !new RegExp(rule.pattern).test(text)) problem = `must match ${rule.pattern}`;
  return problem;
}

// Where a literal module input goes inside the module: a resource argument that is exactly
// var.<name> (or var.<name>.<attribute>) meets the provider's rules, and a module call that
// passes it on meets that module's variable (type, simple validations) and, in turn, where it
// goes there. The first problem, as a sentence, or null. (envs/dev's log_retention_days reaches
// the function module's log group through the stack.)
function throughModule(config, name, value, depth = 0) {
  if (!config || depth > 4) return null;
  const ref = new RegExp(`^\\$\\{var\\.${name.replace(/[^\w-]/g, "")}((?:\\.[A-Za-z0-9_]+)*)\\}$`);
  const pick = (suffix) => suffix.split(".").filter(Boolean).reduce((v, key) => (v && typeof v === "object" && !Array.isArray(v) ? v[key] : undefined), value);
  for (const kind of ["resource", "data"]) {
    for (const block of config.blocks(kind)) {
      const rules = validations[kind]?.[block.type] ?? {};
      const walk = (body, prefix) => {
        for (const [arg, v] of Object.entries(body ?? {})) {
          if (isBlockValue(v)) {
            for (const inner of v) {
              const found = walk(inner, `${prefix}${arg}.`);
              if (found) return found;
            }
            continue;
          }
          const m = typeof v === "string" && v.match(ref);
          const sub = m ? pick(m[1]) : undefined;
          const rule = rules[`${prefix}${arg}`];
          if (!m || !rule || sub === undefined || sub === null || typeof sub === "object" || isExpr(sub)) continue;
          const problem = ruleProblem(rule, sub);
          if (problem) return `${JSON.stringify(sub)} reaches ${block.type}.${block.name}.${prefix}${arg} (${path.basename(config.dir)}), which ${problem}`;
        }
        return null;
      };
      const found = walk(block.body, "");
      if (found) return found;
    }
  }
  for (const call of config.blocks("module")) {
    const inner = config.sources?.get(call.name)?.config;
    for (const [input, v] of Object.entries(call.body)) {
      const m = !MODULE_META.has(input) && typeof v === "string" && v.match(ref);
      const sub = m ? pick(m[1]) : undefined;
      if (!m || sub === undefined || sub === null || isExpr(sub) || !inner) continue;
      const variable = inner.blocks("variable").find((x) => x.name === input);
      const mismatch = variable && typeMismatch(variable.body.type, sub);
      const broken = variable && failedValidation(variable, sub);
      if (mismatch || broken) return `${JSON.stringify(sub)} reaches module "${call.name}"'s ${input}, which ${mismatch ? `is ${String(variable.body.type).replace(/^\$\{([\s\S]*)\}$/, "$1")}` : `refuses it: ${broken}`}`;
      const deeper = throughModule(inner, input, sub, depth + 1);
      if (deeper) return deeper;
    }
  }
  return null;
}

function literalType(file, line, where, arg, value, type, add) {
  if (value === null || isExpr(value)) return;
  const wrong = (expected) => add(file.rel, line, "type", `${where}: "${arg}" must be ${expected}, got ${JSON.stringify(value)}`);
  if (type === "number" && !(typeof value === "number" || (typeof value === "string" && /^-?\d+(\.\d+)?$/.test(value)))) wrong("a number");
  else if (type === "boolean" && !(typeof value === "boolean" || value === "true" || value === "false")) wrong("true or false");
  else if (type === "string" && typeof value === "object") wrong("a string");
  else if (type.startsWith("list") && !Array.isArray(value)) wrong("a list");
  else if (type.startsWith("map") && (typeof value !== "object" || Array.isArray(value))) wrong("a map");
}

function policyRules(module, block, line, resources, add, app) {
  const { file, type, body } = block;
  const where = `${type}.${block.name}`;
  if (type === "aws_iam_policy_document") {
    const statements = [...(body.statement ?? []), ...Object.values(body.dynamic ?? {}).flat().flatMap((d) => d.content ?? [])];
    for (const statement of statements) {
      for (const action of [].concat(statement.actions ?? [])) {
        if (typeof action === "string" && (action === "*" || action.endsWith(":*"))) {
          add(file.rel, lineOf(file.src, new RegExp(`"${action.replace(/[*]/g, "\\*")}"`), line), "iam-wildcard", `${where}: wildcard action "${action}"`, "list the actions the function needs");
        }
      }
    }
  }
  iamPolicy(block, line, add);
  if (type === "aws_iam_role_policy" || type === "aws_iam_policy") {
    const policy = String(body.policy ?? "");
    if (/Action[^\]]*"(\*|[a-z0-9-]+:\*)"/.test(policy)) add(file.rel, argumentLine(file, line, "policy"), "iam-wildcard", `${where}: wildcard action in policy`, "use data \"aws_iam_policy_document\" with explicit actions");
  }
  if (type === "aws_cloudwatch_log_group" && !("retention_in_days" in body)) {
    add(file.rel, line, "log-retention", `${where}: log group without retention_in_days`, "logs kept forever cost money: set retention_in_days");
  }
  if (type === "aws_lambda_function") {
    const snapStart = "snap_start" in body || (body.dynamic && "snap_start" in body.dynamic);
    if (snapStart) {
      if (body.publish !== true && body.publish !== "true" && !isExpr(body.publish)) {
        add(file.rel, "publish" in body ? argumentLine(file, line, "publish") : line, "snapstart-publish", `${where}: SnapStart needs publish = true`, "SnapStart snapshots published versions only");
      }
      if (!hasAlias(resources, block.name)) add(file.rel, line, "snapstart-alias", `${where}: SnapStart without an aws_lambda_alias on a published version`, "point triggers at an alias of the published version");
      const provisioned = [...resources.values()].filter((r) => r.type === "aws_lambda_provisioned_concurrency_config");
      const staticSnapStart = "snap_start" in body;
      for (const p of provisioned) {
        if (staticSnapStart || (!("count" in p.body) && !("for_each" in p.body))) {
          add(p.file.rel, blockLine(p.file, "resource", p.type, p.name), "snapstart-provisioned", `${p.type}.${p.name} can coexist with SnapStart on ${where}`, "make SnapStart and provisioned concurrency mutually exclusive (one variable chooses)");
        }
      }
    }
    if ("filename" in body && !("source_code_hash" in body)) {
      add(file.rel, line, "artifact-hash", `${where}: filename without source_code_hash`, "without it a rebuilt artifact is not redeployed");
    }
    const runtime = body.runtime;
    if (typeof runtime === "string" && !isExpr(runtime) && runtime.startsWith("provided")) {
      if ("snap_start" in body) {
        add(file.rel, line, "snapstart-runtime", `${where}: SnapStart on the custom runtime ${runtime}`, "SnapStart needs a managed runtime (java17/21/25); the custom runtime uses the AOT cache instead");
      }
      if (!("layers" in body)) {
        add(file.rel, argumentLine(file, line, "runtime"), "custom-runtime-layer", `${where}: runtime ${runtime} without layers`, "fnbridge's bootstrap starts the JDK of the runtime layer (/opt/java)");
      }
    }
  }
  if (type === "aws_lambda_function") {
    applicationValue(app, module, "handler", body.handler, file, () => argumentLine(file, line, "handler"), where + ".handler", add);
    applicationValue(app, module, "environment", body.environment?.[0]?.variables, file, () => lineOf(file.src, /SPRING_CLOUD_FUNCTION_DEFINITION/, line), where + ".environment", add);
    applicationValue(app, module, "filename", body.filename, file, () => argumentLine(file, line, "filename"), where + ".filename", add);
    // The execution role must be one Lambda may assume.
    const role = String(body.role ?? "").match(/^\$\{aws_iam_role\.([A-Za-z0-9_-]+)\.arn\}$/);
    const roleBlock = role && resources.get(`aws_iam_role.${role[1]}`);
    if (roleBlock) {
      const trust = String(roleBlock.body.assume_role_policy ?? "");
      const document = trust.match(/^\$\{data\.aws_iam_policy_document\.([A-Za-z0-9_-]+)\.json\}$/);
      const text = document ? JSON.stringify(resources.get(`data.aws_iam_policy_document.${document[1]}`)?.body ?? {}) : trust;
      const known = !document || resources.has(`data.aws_iam_policy_document.${document[1]}`);
      if (known && (isExpr(trust) && !document ? false : !/lambda\.amazonaws\.com/.test(text) || !/sts:AssumeRole/.test(text))) {
        add(roleBlock.file.rel, blockLine(roleBlock.file, "resource", "aws_iam_role", roleBlock.name), "lambda-trust", `aws_iam_role.${roleBlock.name}, the role of ${where}, does not let lambda.amazonaws.com assume it`, "the trust policy needs sts:AssumeRole for the Service principal lambda.amazonaws.com");
      }
    }
    reservedEnvironment(file, line, where, { environment: body.environment?.[0]?.variables }, add);
    layerArchitecture(file, line, where, body, resources, add);
    logGroup(file, line, where, body, resources, add);
    managedInstances(module, block, line, resources, add);
    if (literalNumber(body.reserved_concurrent_executions, null) === 0) {
      add(file.rel, argumentLine(file, line, "reserved_concurrent_executions"), "reserved-concurrency", `${where}: reserved_concurrent_executions = 0`, "zero reserved concurrency throttles every invocation; -1 leaves the function unreserved");
    }
  }
  if (type === "aws_lambda_layer_version") {
    applicationValue(app, module, "filename", body.filename, file, () => argumentLine(file, line, "filename"), where + ".filename", add);
  }
  if (type === "aws_lambda_alias" && body.function_version === "$LATEST") {
    add(file.rel, argumentLine(file, line, "function_version"), "alias-version", `${where}: alias on $LATEST`, "SnapStart and provisioned concurrency apply to published versions only; point the alias at aws_lambda_function.<name>.version");
  }
  if (type === "aws_apigatewayv2_route") routeKey(file, argumentLine(file, line, "route_key"), where, body.route_key, add);
  if (type === "aws_cloudwatch_metric_alarm") lambdaAlarm(module, block, line, add);
  if (type === "aws_apigatewayv2_stage" && body.auto_deploy !== true && body.auto_deploy !== "true" && !isExpr(body.auto_deploy)
      && ![...resources.values()].some((r) => r.type === "aws_apigatewayv2_deployment")) {
    add(file.rel, line, "stage-deploy", `${where}: stage without auto_deploy = true and no aws_apigatewayv2_deployment`, "the routes and integrations are never deployed to the stage: every request gets 404");
  }
  if (type === "aws_appautoscaling_target" && body.service_namespace === "lambda") {
    const id = String(body.resource_id ?? "").replace(/\$\{[^}]*\}/g, "x");
    if (body.scalable_dimension !== "lambda:function:ProvisionedConcurrency" && !isExpr(body.scalable_dimension)) {
      add(file.rel, argumentLine(file, line, "scalable_dimension"), "autoscaling-target", `${where}: scalable_dimension ${JSON.stringify(body.scalable_dimension)}`, "Lambda scales only lambda:function:ProvisionedConcurrency");
    }
    if (!/^function:[^:]+:[^:]+$/.test(id)) {
      add(file.rel, argumentLine(file, line, "resource_id"), "autoscaling-target", `${where}: resource_id ${JSON.stringify(body.resource_id)} is not function:<name>:<alias or version>`, "provisioned concurrency is scaled on a qualifier, the alias the triggers invoke");
    }
  }
  aliasBypass(block, line, resources, add);
  if (type === "aws_apigatewayv2_route" && "target" in body && !String(body.target).startsWith("integrations/")) {
    add(file.rel, argumentLine(file, line, "target"), "route-target", `${where}: target ${JSON.stringify(body.target)} does not start with integrations/`, "API Gateway wants target = \"integrations/${aws_apigatewayv2_integration.<name>.id}\"");
  }
  if (type === "aws_apigatewayv2_integration" && /\.invoke_arn\b/.test(String(body.integration_uri ?? "")) && body.integration_type !== "AWS_PROXY" && !isExpr(body.integration_type)) {
    add(file.rel, argumentLine(file, line, "integration_type"), "integration-type", `${where}: a Lambda integration_uri with integration_type ${JSON.stringify(body.integration_type)}`, "a Lambda proxy integration is AWS_PROXY");
  }
  if (type === "aws_lambda_permission") {
    if (typeof body.action === "string" && !isExpr(body.action) && !["lambda:InvokeFunction", "lambda:InvokeFunctionUrl"].includes(body.action)) {
      add(file.rel, argumentLine(file, line, "action"), "permission-action", `${where}: action ${JSON.stringify(body.action)}`, "a service invokes a function with lambda:InvokeFunction (a function URL: lambda:InvokeFunctionUrl)");
    }
    if (body.principal === "apigateway.amazonaws.com" && /aws_apigatewayv2_api\.[A-Za-z0-9_-]+(\[[^\]]*\])?\.arn\b/.test(String(body.source_arn ?? ""))) {
      add(file.rel, argumentLine(file, line, "source_arn"), "permission-source", `${where}: source_arn uses the API's arn, not its execution_arn`, "API Gateway invokes as ${aws_apigatewayv2_api.<name>.execution_arn}/*/*; a permission on the management ARN never matches, and every request gets 500");
    }
  }
  if (type === "aws_sns_topic_subscription" && body.protocol === "lambda") {
    invokePermission(block, line, resources, "sns.amazonaws.com", "SNS subscription", String(body.endpoint ?? ""), "every message would be dropped", add);
    const onFailure = [...resources.values()].some((r) => r.type === "aws_lambda_function_event_invoke_config" && r.body.destination_config?.[0]?.on_failure?.[0]?.destination);
    if (!onFailure) add(file.rel, line, "failure-path", `${where}: SNS subscription without an aws_lambda_function_event_invoke_config on-failure destination`, "after Lambda's retries a failed message would be lost");
  }
  if (type === "aws_apigatewayv2_integration" && body.integration_type === "AWS_PROXY") {
    invokePermission(block, line, resources, "apigateway.amazonaws.com", "API Gateway integration", String(body.integration_uri ?? ""), "every request would get 500", add);
  }
  if (type === "aws_lambda_event_source_mapping") {
    const kafka = "topics" in body || (body.dynamic && ("self_managed_event_source" in body.dynamic || "amazon_managed_kafka_event_source_config" in body.dynamic)) || "self_managed_event_source" in body;
    // Kinesis and DynamoDB streams have a starting position; SQS has none.
    const source = JSON.stringify(body.event_source_arn ?? "");
    const sqs = !kafka && /sqs/i.test(source) && !/kinesis|dynamodb|stream/i.test(source);
    const stream = !kafka && !sqs && ("starting_position" in body || /kinesis|dynamodb|stream/i.test(source));
    if (sqs && "starting_position" in body) {
      add(file.rel, argumentLine(file, line, "starting_position"), "mapping-starting-position", `${where}: SQS mapping with starting_position`, "an SQS queue has no position to start from: AWS refuses the mapping with it");
    }
    const kind = kafka ? "Kafka" : stream ? "Stream" : "SQS";
    if ((kafka || stream) && !("starting_position" in body)) {
      add(file.rel, line, "mapping-starting-position", `${where}: ${kind} mapping without starting_position`, "AWS requires one for Kafka, Kinesis and DynamoDB sources (LATEST or TRIM_HORIZON) and refuses the mapping without it");
    }
    if (kind === "SQS") {
      const queue = referencedQueue(body.event_source_arn, resources);
      if (queue) deadLetterQueue(queue, resources, where, add);
      const size = literalNumber(body.batch_size, 10);
      const window = literalNumber(body.maximum_batching_window_in_seconds, 0);
      if (size !== null && window !== null && size > 10 && window < 1) {
        add(file.rel, argumentLine(file, line, "batch_size"), "sqs-batch-window", `${where}: batch_size ${size} without a batching window`, "AWS accepts an SQS batch over 10 records only with maximum_batching_window_in_seconds >= 1");
      }
    }
    // What Lambda's poller does with the function's role: read the source (and for MSK, reach
    // the brokers through network interfaces). Without it AWS refuses the mapping.
    const needs = kafka
      ? (body.event_source_arn !== undefined && body.event_source_arn !== null ? ["MSK"] : [])
      : stream
        ? (/:kinesis:/.test(source) ? ["Kinesis"] : /:dynamodb:/.test(source) ? ["DynamoDB"] : ["Kinesis", "DynamoDB"])
        : ["SQS"];
    const allowed = roleActions(resources);
    if (allowed) {
      for (const need of needs) {
        const missing = MAPPING_ACTIONS[need].filter((action) => !allowed.has(action) && !allowed.has(`${action.split(":")[0]}:*`));
        if (missing.length > 0) {
          add(file.rel, line, "mapping-permissions", `${where}: no policy of this configuration allows ${missing.join(", ")} (${need} source)`, `Lambda reads the source with the function's role: add them to its policy, or attach ${MANAGED_POLICY[need]}`);
        }
      }
    }
    // Kafka and stream records Lambda gives up on go to the on-failure destination; SQS ones to
    // the queue's redrive dead-letter queue.
    if ((kafka || stream) && !body.destination_config?.[0]?.on_failure?.[0]?.destination_arn) {
      add(file.rel, line, "failure-path", `${where}: ${kind} mapping without destination_config.on_failure`, "records Lambda gives up on would be lost");
    }
    if (!kafka && ![].concat(body.function_response_types ?? []).includes("ReportBatchItemFailures")) {
      add(file.rel, line, "failure-path", `${where}: ${kind} mapping without function_response_types = ["ReportBatchItemFailures"]`,
        stream ? "fnbridge reports the failed record in its response; without this setting Lambda ignores it and the record is lost" : "one bad record would make the whole batch retry");
    }
  }
}

// The aws_sqs_queue a value names by its ARN ("${aws_sqs_queue.<name>.arn}"), if declared here.
function referencedQueue(value, resources) {
  const ref = String(value ?? "").match(/^\$\{aws_sqs_queue\.([A-Za-z0-9_-]+)\.arn\}$/);
  return ref ? resources.get(`aws_sqs_queue.${ref[1]}`) : undefined;
}

// Whether an aws_lambda_alias of this configuration points at aws_lambda_function.<name>.
function hasAlias(resources, name) {
  return [...resources.values()].some((r) => r.type === "aws_lambda_alias" && JSON.stringify(r.body).includes(`aws_lambda_function.${name}.`));
}

// A queue that triggers a function keeps what the function keeps failing on: a redrive policy to
// a dead-letter queue, after a bounded number of receives. Without it a poison message is retried
// until the queue's retention drops it.
function deadLetterQueue(queue, resources, what, add) {
  const line = blockLine(queue.file, "resource", "aws_sqs_queue", queue.name);
  const policy = String(queue.body.redrive_policy ?? "");
  const target = policy.match(/deadLetterTargetArn\\?"?\s*[=:]\s*\\?"?\$?\{?aws_sqs_queue\.([A-Za-z0-9_-]+)\.arn/);
  if (!policy || !/maxReceiveCount/.test(policy) || !/deadLetterTargetArn/.test(policy)) {
    add(queue.file.rel, line, "sqs-dead-letter", `aws_sqs_queue.${queue.name} triggers ${what} without a redrive_policy (deadLetterTargetArn and maxReceiveCount)`, "a message the function keeps failing on would be retried until the queue's retention drops it");
  } else if (target && target[1] === queue.name) {
    add(queue.file.rel, line, "sqs-dead-letter", `aws_sqs_queue.${queue.name} is its own dead-letter queue`, "point deadLetterTargetArn at a separate queue");
  } else if (target && !resources.has(`aws_sqs_queue.${target[1]}`)) {
    add(queue.file.rel, line, "sqs-dead-letter", `aws_sqs_queue.${queue.name}: dead-letter queue aws_sqs_queue.${target[1]} is not declared`);
  }
}

// The actions Lambda's poller needs from the function's role, per source, as AWS documents them
// (and as the managed policy of the same source grants).
const MAPPING_ACTIONS = {
  SQS: ["sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:GetQueueAttributes"],
  Kinesis: ["kinesis:DescribeStream", "kinesis:GetRecords", "kinesis:GetShardIterator", "kinesis:ListShards"],
  DynamoDB: ["dynamodb:DescribeStream", "dynamodb:GetRecords", "dynamodb:GetShardIterator", "dynamodb:ListStreams"],
  MSK: ["kafka:DescribeClusterV2", "kafka:GetBootstrapBrokers", "ec2:CreateNetworkInterface", "ec2:DescribeNetworkInterfaces", "ec2:DeleteNetworkInterface", "ec2:DescribeVpcs", "ec2:DescribeSubnets", "ec2:DescribeSecurityGroups"],
};
const MANAGED_POLICY = {
  SQS: "AWSLambdaSQSQueueExecutionRole",
  Kinesis: "AWSLambdaKinesisExecutionRole",
  DynamoDB: "AWSLambdaDynamoDBExecutionRole",
  MSK: "AWSLambdaMSKExecutionRole",
};

// Every action the configuration's own IAM policies allow (policy documents, inline and
// standalone policies, and the managed policies above when attached), or null when it creates
// no role: then the role comes from elsewhere and cannot be judged here.
function roleActions(resources) {
  const all = [...resources.values()];
  if (!all.some((r) => r.type === "aws_iam_role")) return null;
  const actions = new Set();
  for (const r of all) {
    const policyText = r.type === "aws_iam_policy_document" ? JSON.stringify(r.body)
      : ["aws_iam_role_policy", "aws_iam_policy"].includes(r.type) ? JSON.stringify(r.body.policy ?? "")
        : ["aws_iam_role_policy_attachment", "aws_iam_role"].includes(r.type) ? JSON.stringify(r.body) : "";
    for (const m of policyText.matchAll(/\\?"([a-z0-9-]+:[A-Za-z0-9*]+)\\?"/g)) actions.add(m[1]);
    for (const [need, name] of Object.entries(MANAGED_POLICY)) {
      if (policyText.includes(`/${name}`)) MAPPING_ACTIONS[need].forEach((a) => actions.add(a));
    }
  }
  return actions;
}

// The error message of the first validation a literal value fails, or null. Understands the
// simple conditions on one scalar variable (comparisons with numbers joined by &&,
// contains([...], var.x), can(regex("...", var.x)), endswith(var.x, "...")); a value or a
// condition it does not understand passes.
function failedValidation(variable, value) {
  if (value === undefined || value === null || typeof value === "object" || isExpr(value)) return null;
  const name = variable.name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const ref = `var\\.${name}`;
  for (const validation of [].concat(variable.body.validation ?? [])) {
    const condition = String(validation.condition ?? "").replace(/^\$\{([\s\S]*)\}$/, "$1").trim();
    const verdicts = condition.split(/\s*&&\s*/).map((part) => {
      let m = part.match(new RegExp(`^${ref}\\s*(>=|<=|>|<|==|!=)\\s*(-?\\d+(?:\\.\\d+)?)$`));
      if (m) {
        const x = Number(value), y = Number(m[2]);
        if (Number.isNaN(x)) return undefined;
        return { ">=": x >= y, "<=": x <= y, ">": x > y, "<": x < y, "==": x === y, "!=": x !== y }[m[1]];
      }
      m = part.match(new RegExp(`^contains\\(\\[([^\\]]*)\\],\\s*${ref}\\)$`));
      if (m) {
        const items = m[1].split(",").map((i) => i.trim()).filter((i) => i !== "");
        if (!items.every((i) => /^"[^"]*"$|^-?\d+(\.\d+)?$/.test(i))) return undefined;
        return items.map((i) => (i.startsWith('"') ? i.slice(1, -1) : Number(i))).some((i) => i === value || String(i) === String(value));
      }
      m = part.match(new RegExp(`^can\\(regex\\("((?:[^"\\\\]|\\\\.)*)",\\s*${ref}\\)\\)$`));
      if (m) {
        try {
          return new RegExp(JSON.parse(`"${m[1]}"`)).test(String(value));
        } catch {
          return undefined;
        }
      }
      m = part.match(new RegExp(`^endswith\\(${ref},\\s*"([^"]*)"\\)$`));
      if (m) return String(value).endsWith(m[1]);
      return undefined;
    });
    if (verdicts.every((v) => v !== undefined) && verdicts.includes(false)) return validation.error_message ?? "fails a validation";
  }
  return null;
}

// The same name twice in one file: the parser keeps both bodies under one key, so only the
// count of bodies shows it. Terraform refuses the configuration.
function sameFileDuplicates(module, add) {
  for (const file of module.files) {
    for (const kind of ["resource", "data", "variable", "output", "module"]) {
      const section = file.json[kind];
      if (!section) continue;
      const named = kind === "resource" || kind === "data"
        ? Object.entries(section).flatMap(([type, byName]) => Object.entries(byName).map(([name, bodies]) => ({ type, name, bodies })))
        : Object.entries(section).map(([name, bodies]) => ({ type: null, name, bodies }));
      for (const { type, name, bodies } of named.filter((n) => n.bodies.length > 1)) {
        const first = blockLine(file, kind, type, name);
        const key = type ? `${kind === "data" ? "data." : ""}${type}.${name}` : `${kind} "${name}"`;
        add(file.rel, blockLine(file, kind, type, name, first + 1), "duplicate", `${key} is declared twice`, `first at ${file.rel}:${first}`);
      }
    }
  }
}

// count and for_each: never both, and for_each takes a map or a set, not a list (terraform:
// "The given for_each argument value is unsuitable").
function metaArguments(module, variables, add) {
  const locals = Object.assign({}, ...module.blocks("locals").map((l) => l.body));
  const blocks = [...module.blocks("resource").map((b) => ({ ...b, kind: "resource" })), ...module.blocks("data").map((b) => ({ ...b, kind: "data" })), ...module.blocks("module").map((b) => ({ ...b, kind: "module", type: null }))];
  for (const b of blocks) {
    const line = blockLine(b.file, b.kind, b.type, b.name);
    const where = b.type ? `${b.kind === "data" ? "data." : ""}${b.type}.${b.name}` : `module "${b.name}"`;
    if ("count" in b.body && "for_each" in b.body) add(b.file.rel, argumentLine(b.file, line, "count"), "meta-arguments", `${where} has both count and for_each`, "terraform takes one of them: keep for_each (a map or set) or count (a number)");
    const each = b.body.for_each;
    const ref = typeof each === "string" && each.match(/^\$\{(var|local)\.([A-Za-z0-9_-]+)\}$/);
    const list = Array.isArray(each)
      || (ref && ref[1] === "var" && /^\$\{(list|tuple)\(/.test(String(variables.get(ref[2])?.body.type ?? "")))
      || (ref && ref[1] === "local" && (Array.isArray(locals[ref[2]]) || /^\$\{\[/.test(String(locals[ref[2]] ?? ""))));
    if (list) add(b.file.rel, argumentLine(b.file, line, "for_each"), "meta-arguments", `${where}: for_each over a list`, "for_each takes a map or a set of strings: wrap the list in toset(...), or build a map");
  }
}

// A resource (or module) with count or for_each is a collection: its attributes are reached
// through an instance key (x[0].id, x["a"].id) or a splat (x[*].id); one without is a single
// object and takes no key. Terraform refuses either slip.
function instanceKey(file, line, key, body, index, attribute, add) {
  const many = "count" in body || "for_each" in body;
  if (many && !index && attribute) add(file.rel, line, "instance-key", `${key} has ${"count" in body ? "count" : "for_each"}, so ${key}.${attribute} needs an instance key`, `write ${key}[${"count" in body ? "0" : "each.key"}].${attribute}, or ${key}[*].${attribute} for all of them`);
  if (!many && index && index !== "[*]") add(file.rel, line, "instance-key", `${key} has neither count nor for_each, so it takes no instance key ${index}`, `write ${key}${attribute ? `.${attribute}` : ""}`);
}

// Keys Lambda sets itself and refuses in a function's configuration ("Reserved keys used in this
// request"), as AWS lists them under "Defined runtime environment variables".
const RESERVED_ENV = ["_HANDLER", "_X_AMZN_TRACE_ID", "AWS_DEFAULT_REGION", "AWS_REGION", "AWS_EXECUTION_ENV", "AWS_LAMBDA_FUNCTION_NAME",
  "AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "AWS_LAMBDA_FUNCTION_VERSION", "AWS_LAMBDA_INITIALIZATION_TYPE", "AWS_LAMBDA_LOG_GROUP_NAME",
  "AWS_LAMBDA_LOG_STREAM_NAME", "AWS_ACCESS_KEY", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN",
  "AWS_LAMBDA_RUNTIME_API", "LAMBDA_TASK_ROOT", "LAMBDA_RUNTIME_DIR"];

// Environment maps at any depth under a key "environment" (a function's variables, a module's
// environment input, the stack's per-function objects): literal keys, and the keys of map
// constructors inside an expression (merge(local.environment, { AWS_REGION = ... })).
function reservedEnvironment(file, line, where, value, add, key = "") {
  if (!value || typeof value !== "object") return;
  if (Array.isArray(value)) return value.forEach((v) => reservedEnvironment(file, line, where, v, add, key));
  for (const [name, inner] of Object.entries(value)) {
    if (name !== "environment") {
      reservedEnvironment(file, line, where, inner, add, `${key}${name}.`);
      continue;
    }
    const keys = typeof inner === "string" ? [...inner.matchAll(/[{,]\s*"?([A-Za-z_][A-Za-z0-9_]*)"?\s*=(?!=)/g)].map((m) => m[1])
      : inner && typeof inner === "object" && !Array.isArray(inner) ? Object.keys(inner) : [];
    for (const reserved of keys.filter((k) => RESERVED_ENV.includes(k))) {
      add(file.rel, lineOf(file.src, new RegExp(`\\b${reserved}\\b`), line), "reserved-env", `${where}: ${key}environment sets ${reserved}, which Lambda reserves`, "Lambda sets it itself and refuses a function configuration that sets it; read it at run time instead");
    }
  }
}

// What a literal is not, against a variable's declared type, or null: terraform converts
// numbers and bools to strings and "12"/"true" back, but nothing else.
function typeMismatch(type, value) {
  if (value === undefined || value === null || isExpr(value)) return null;
  const t = String(type ?? "").replace(/^\$\{([\s\S]*)\}$/, "$1").trim();
  const scalar = (x) => typeof x !== "object" || x === null;
  if (t === "string") return scalar(value) ? null : "a string";
  if (t === "number") return typeof value === "number" || (typeof value === "string" && /^-?\d+(\.\d+)?$/.test(value)) ? null : "a number";
  if (t === "bool") return typeof value === "boolean" || value === "true" || value === "false" ? null : "true or false";
  const collection = t.match(/^(list|set|map)\(([\s\S]*)\)$/);
  if (collection) {
    const isMap = collection[1] === "map";
    if (isMap ? scalar(value) || Array.isArray(value) : !Array.isArray(value)) return `a ${collection[1]}`;
    const inner = Object.values(value).map((v) => typeMismatch(collection[2], v)).find((m) => m);
    return inner ? `a ${collection[1]} of ${inner.replace(/^an? /, "")}s` : null;
  }
  if (/^object\(/.test(t)) return scalar(value) || Array.isArray(value) ? "an object" : null;
  return null;
}

// IAM refuses a policy whose Effect is not Allow or Deny or whose Version is not one of its two,
// and accepts a misspelt action in silence: the permission is simply missing. Actions of the
// services in schema/iam-actions.json (the Service Authorization Reference) must exist there.
const POLICY_ARGUMENTS = { aws_iam_role_policy: "policy", aws_iam_policy: "policy", aws_iam_role: "assume_role_policy", aws_sqs_queue_policy: "policy", aws_sns_topic_policy: "policy" };
function iamPolicy(block, line, add) {
  const { file, type, body } = block;
  const where = `${type}.${block.name}`;
  const at = (text) => lineOf(file.src, new RegExp(text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")), line);
  let actions = [];
  if (type === "aws_iam_policy_document") {
    const statements = [...(body.statement ?? []), ...Object.values(body.dynamic ?? {}).flat().flatMap((d) => d.content ?? [])];
    actions = statements.flatMap((st) => [...[].concat(st.actions ?? []), ...[].concat(st.not_actions ?? [])]).filter((a) => typeof a === "string" && !isExpr(a));
  } else if (POLICY_ARGUMENTS[type] && typeof body[POLICY_ARGUMENTS[type]] === "string") {
    const policy = body[POLICY_ARGUMENTS[type]];
    for (const m of policy.matchAll(/\bEffect"?\s*[=:]\s*"([^"$]*)"/g)) {
      if (!["Allow", "Deny"].includes(m[1])) add(file.rel, at(m[0]), "iam-policy", `${where}: Effect "${m[1]}"`, "IAM takes \"Allow\" or \"Deny\", with that case, and refuses the policy otherwise");
    }
    for (const m of policy.matchAll(/\bVersion"?\s*[=:]\s*"([^"$]*)"/g)) {
      if (!["2012-10-17", "2008-10-17"].includes(m[1])) add(file.rel, at(m[0]), "iam-policy", `${where}: Version "${m[1]}"`, "a policy's Version is \"2012-10-17\" (the language version, not a date of yours)");
    }
    // Quoted service:Action strings, not condition keys ("kms:ViaService" = ...).
    actions = [...policy.matchAll(/"([a-z0-9-]+:[A-Za-z0-9*?]+)"(?!\s*[=:])/g)].map((m) => m[1]);
  }
  for (const action of new Set(actions)) {
    const [prefix, name] = action.split(":");
    const known = iamActions[prefix];
    if (!known || name === undefined || name === "*") continue;
    const pattern = new RegExp(`^${name.replace(/\*/g, ".*").replace(/\?/g, ".")}$`, "i");
    if (known.some((a) => pattern.test(a))) continue;
    const best = nearest(name, known);
    add(file.rel, at(`"${action}"`), "iam-action", `${where}: ${prefix} has no action ${JSON.stringify(name)}`, `IAM accepts it and grants nothing${best ? `; did you mean ${prefix}:${best}?` : ""}`);
  }
}

// Terraform evaluates a module as a graph: a resource, data source or local that reaches itself
// through what it refers to (depends_on included) is a cycle, and terraform refuses it.
function cycles(module, resources, add) {
  const nodes = new Map();
  for (const [key, r] of resources) nodes.set(key, { file: r.file, line: blockLine(r.file, r.kind, r.type, r.name), body: r.body });
  for (const l of module.blocks("locals"))
    for (const [name, value] of Object.entries(l.body)) nodes.set(`local.${name}`, { file: l.file, line: lineOf(l.file.src, new RegExp(`^\\s*${name}\\s*=`)), body: value });
  const edges = new Map();
  for (const [key, node] of nodes) {
    const text = JSON.stringify(node.body ?? null);
    const refs = [...text.matchAll(/(?<![\w.])(data\.)?(aws_[a-z0-9_]+)\.([A-Za-z0-9_-]+)/g)].map((m) => `${m[1] ?? ""}${m[2]}.${m[3]}`)
      .concat([...text.matchAll(/(?<![\w.])local\.([A-Za-z0-9_-]+)/g)].map((m) => `local.${m[1]}`));
    edges.set(key, [...new Set(refs)].filter((r) => nodes.has(r)));
  }
  const reported = new Set();
  const state = new Map(); // key -> "open" while on the path, "done" after
  const path = [];
  const visit = (key) => {
    state.set(key, "open");
    path.push(key);
    for (const next of edges.get(key)) {
      if (state.get(next) === "open") {
        const loop = path.slice(path.indexOf(next));
        const id = [...loop].sort().join(" ");
        if (!reported.has(id)) {
          reported.add(id);
          const at = nodes.get(loop[0]);
          add(at.file.rel, at.line, "cycle", `${[...loop, next].join(" -> ")}`, loop.length === 1 ? "a block cannot refer to itself" : "terraform cannot order these: break the loop (a name from a variable instead of the other resource's attribute, or drop a depends_on)");
        }
      } else if (!state.has(next)) visit(next);
    }
    path.pop();
    state.set(key, "done");
  };
  for (const key of nodes.keys()) if (!state.has(key)) visit(key);
}

// The lowest hashicorp/aws version a constraint allows: what a module must work with, since its
// callers may pin anything within its range. Null when a clause does not parse.
function lowestAllowed(constraint) {
  let lower = [0, 0, 0];
  for (const clause of String(constraint ?? "").split(",").map((c) => c.trim()).filter((c) => c !== "")) {
    const m = clause.match(/^(=|!=|>=|<=|>|<|~>)?\s*v?(\d+)(?:\.(\d+))?(?:\.(\d+))?/);
    if (!m) return null;
    const v = [Number(m[2]), Number(m[3] ?? 0), Number(m[4] ?? 0) + (m[1] === ">" ? 1 : 0)];
    if ([undefined, "=", ">=", ">", "~>"].includes(m[1]) && compareVersions(v, lower) > 0) lower = v;
  }
  return lower;
}

// Resource types and arguments newer than the lowest provider version a configuration allows
// (provider-validations.json "since"): with that version terraform validate fails on them.
function providerFloor(module, resources, version, add) {
  const lower = lowestAllowed(version);
  const since = validations.since?.resource ?? {};
  if (!lower) return;
  for (const r of resources.values()) {
    if (!r.type.startsWith("aws_")) continue;
    const line = blockLine(r.file, r.kind, r.type, r.name);
    const used = [r.type, ...Object.keys(r.body).map((a) => `${r.type}.${a}`), ...Object.keys(r.body.dynamic ?? {}).map((a) => `${r.type}.${a}`)];
    for (const name of used) {
      const needed = since[name] ?? since[name.replace(/^[^.]+\./, "*.")];
      if (!needed || name === `${r.type}.dynamic`) continue;
      const v = needed.split(".").map(Number);
      if (compareVersions(lower, v) >= 0) continue;
      const arg = name.includes(".") ? name.split(".")[1] : null;
      add(r.file.rel, arg ? argumentLine(r.file, line, arg) : line, "provider-version", `${arg ? `${r.type}.${r.name}: ${arg}` : `${r.type}.${r.name}`} needs hashicorp/aws >= ${needed}, but version = ${JSON.stringify(version ?? "")} allows ${lower.join(".")}`, `raise the lower bound to ">= ${needed}" (terraform validate fails with an older provider)`);
    }
  }
}

// The attributes of an object type constraint ("${object({ a = optional(number, 1), ... })}"),
// name to type (optional(...) unwrapped), or null for another type.
function objectAttributes(type) {
  const t = String(type ?? "").replace(/^\$\{([\s\S]*)\}$/, "$1").trim();
  const m = t.match(/^object\(\{([\s\S]*)\}\)$/);
  if (!m) return null;
  const parts = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < m[1].length; i++) {
    const c = m[1][i];
    if ("([{".includes(c)) depth++;
    else if (")]}".includes(c)) depth--;
    else if ((c === "," || c === "\n") && depth === 0) {
      parts.push(m[1].slice(start, i));
      start = i + 1;
    }
  }
  parts.push(m[1].slice(start));
  const attributes = new Map();
  for (const part of parts) {
    const a = part.trim().match(/^"?([A-Za-z_][A-Za-z0-9_-]*)"?\s*=\s*([\s\S]+)$/);
    if (a) attributes.set(a[1], a[2].trim().replace(/^optional\(([\s\S]*?)(,[^()]*)?\)$/, "$1"));
  }
  return attributes;
}

// Attributes of a literal object that its variable's object type does not have, at any depth
// (also through map(object) and list(object)): terraform drops them without a word, so a
// misspelt setting is silently ignored. [{ path, best }].
function unknownAttributes(type, value, at = "") {
  if (!value || typeof value !== "object" || isExpr(value)) return [];
  const t = String(type ?? "").replace(/^\$\{([\s\S]*)\}$/, "$1").trim();
  const collection = t.match(/^(map|list|set)\(([\s\S]*)\)$/);
  if (collection) return Object.entries(value).flatMap(([k, v]) => unknownAttributes(collection[2], v, `${at}${k}.`));
  const attributes = objectAttributes(t);
  if (!attributes || Array.isArray(value)) return [];
  return Object.entries(value).flatMap(([key, v]) => attributes.has(key)
    ? unknownAttributes(attributes.get(key), v, `${at}${key}.`)
    : [{ path: `${at}${key}`, key, best: nearest(key, [...attributes.keys()]) }]);
}

// An HTTP API route key: "METHOD /path" (one space, a path from /) or $default.
function routeKey(file, line, where, key, add) {
  if (typeof key !== "string" || isExpr(key)) return;
  if (!/^(\$default|(ANY|GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS) \/[^\s]*)$/.test(key)) {
    add(file.rel, line, "route-key", `${where}: route key ${JSON.stringify(key)} is not "METHOD /path" or $default`, "e.g. \"POST /hello\"; API Gateway refuses other keys");
  }
}

// The application the Terraform deploys, as its build describes it: fnbridge-maven-plugin writes
// target/fnbridge-functions.json ({ application, handlers: [...], functions: [{ name, kind,
// input, output, http, topics }] }; other fields are ignored).
const DESCRIPTOR = "fnbridge-functions.json";
// Handlers any application's zip has: fnbridge's, and Spring Cloud Function's AWS adapter's.
const STANDARD_HANDLERS = ["dev.fnbridge.lambda.FunctionHandler", "org.springframework.cloud.function.adapter.aws.FunctionInvoker::handleRequest"];
const FUNCTION_KINDS = new Set(["function", "consumer", "supplier"]);

/**
 * The descriptors of the application a configuration in dir deploys: target/fnbridge-functions.json
 * of dir, or of one of its immediate child modules (functions-app/target/...), or the same one
 * level up, and so on up to the git root (a directory with .git) or the filesystem root. The
 * nearest level with any wins; several there (a repository of several applications) are all used.
 */
export function findDescriptors(dir) {
  for (let at = path.resolve(dir); ; at = path.dirname(at)) {
    const candidates = [path.join(at, "target", DESCRIPTOR)];
    let entries = [];
    try {
      entries = readdirSync(at, { withFileTypes: true });
    } catch {
      // An unreadable directory has no descriptor for us.
    }
    for (const entry of entries) {
      if (entry.isDirectory() && !entry.name.startsWith(".") && !["node_modules", "target"].includes(entry.name)) {
        candidates.push(path.join(at, entry.name, "target", DESCRIPTOR));
      }
    }
    const found = candidates.filter((c) => existsSync(c));
    if (found.length > 0 || existsSync(path.join(at, ".git")) || path.dirname(at) === at) return found;
  }
}

/**
 * The functions and handlers of the application, from the given descriptors or the ones found;
 * null (with a note) when there is none, so the rules that need it are skipped. A descriptor
 * that cannot be read is a problem.
 */
function application(root, given, add, note) {
  const files = given.length > 0 ? given.map((f) => path.resolve(f)) : findDescriptors(root);
  if (files.length === 0) {
    note(`no ${DESCRIPTOR} found (target/ of ${path.basename(root)}, of its parents up to the git root, or of their child modules): function definitions and the application's own handlers are not checked; build the application first, or pass --functions <file>`);
    return null;
  }
  const app = { files: [], functions: new Map(), handlers: new Set() };
  for (const file of files) {
    const rel = path.relative(root, file);
    const problem = (message) => add(rel, 1, "functions-descriptor", `${rel}: ${message}`, `fnbridge-maven-plugin writes it on every build: rebuild the application, or pass another file with --functions`);
    let json;
    try {
      json = JSON.parse(readFileSync(file, "utf8"));
    } catch (error) {
      problem(error.code === "ENOENT" ? "no such file" : `not JSON (${error.message})`);
      continue;
    }
    if (!json || !Array.isArray(json.functions)) {
      problem('no "functions" list');
      continue;
    }
    for (const [i, fn] of json.functions.entries()) {
      if (!fn || typeof fn.name !== "string" || fn.name === "") {
        problem(`functions[${i}] has no name`);
        continue;
      }
      if (fn.kind !== undefined && !FUNCTION_KINDS.has(fn.kind)) problem(`function ${fn.name} has kind ${JSON.stringify(fn.kind)}, not function, consumer or supplier`);
      app.functions.set(fn.name, { kind: fn.kind ?? "function" });
    }
    for (const handler of [].concat(json.handlers ?? [])) if (typeof handler === "string") app.handlers.add(handler);
    app.files.push(rel);
  }
  if (app.files.length === 0) return null;
  note(`function definitions and handlers checked against ${app.files.join(", ")}`);
  return app;
}

// Values that name parts of the application: a function definition names its functions, a
// handler is one its zip has, a path to a built zip leads to where a build writes it. Objects and
// lists are searched by key (SPRING_CLOUD_FUNCTION_DEFINITION in an environment map, a
// runtime_layer's path, definitions nested in a wrapper module's input).
function applicationValue(app, module, name, value, file, lineAt, where, add) {
  if (value === undefined || value === null) return;
  if (Array.isArray(value)) {
    for (const item of value) applicationValue(app, module, name === "definitions" ? "definition" : name, item, file, lineAt, where, add);
    return;
  }
  if (typeof value === "object") {
    for (const [key, item] of Object.entries(value)) {
      const inner = name === "environment" && key === "SPRING_CLOUD_FUNCTION_DEFINITION" ? "definition" : key;
      const keyLine = () => lineOf(file.src, new RegExp(`^\\s*"?${key.replace(/[^\w-]/g, ".")}"?\\s*=`), lineAt());
      applicationValue(app, module, inner, item, file, keyLine, `${where}.${key}`, add);
    }
    return;
  }
  if (typeof value !== "string") return;
  if (name === "definition") functionDefinition(app, value, file, lineAt, where, add);
  if (name === "handler") handlerValue(app, value, file, lineAt, where, add);
  artifactPath(app, module, name, value, file, lineAt, where, add);
}

// SPRING_CLOUD_FUNCTION_DEFINITION: functions composed with | (or ,), several definitions
// separated by ;. Each name is a function of the application; in a composition, a consumer can
// only come last and a supplier only first.
function functionDefinition(app, value, file, lineAt, where, add) {
  if (!app || isExpr(value) || value.trim() === "") return;
  const known = [...app.functions.keys()].sort();
  for (const definition of value.split(";")) {
    const chain = definition.split(/[|,]/).map((n) => n.trim()).filter((n) => n !== "");
    chain.forEach((fn, i) => {
      const spec = app.functions.get(fn);
      // functionRouter is Spring Cloud Function's own, routing by a header or an expression.
      if (!spec && fn !== "functionRouter") {
        const best = nearest(fn, known);
        add(file.rel, lineAt(), "function-definition", `${where} = "${value}": the application has no function ${fn}`, `its functions (${app.files.join(", ")}) are ${known.join(", ")}${best ? `; did you mean ${best}?` : ""}`);
      } else if (spec?.kind === "consumer" && i < chain.length - 1) {
        add(file.rel, lineAt(), "function-composition", `${where} = "${value}": ${fn} is a consumer, so nothing comes out of it for ${chain[i + 1]}`, "a consumer can only end a composition");
      } else if (spec?.kind === "supplier" && i > 0) {
        add(file.rel, lineAt(), "function-composition", `${where} = "${value}": ${fn} is a supplier and takes nothing from ${chain[i - 1]}`, "a supplier can only start a composition");
      }
    });
  }
}

// A handler is fnbridge's, Spring Cloud Function's, or one the descriptor lists (Class or
// Class::method; a method on one side only is not compared). Without a descriptor only names in
// fnbridge's own package can be judged.
function handlerValue(app, value, file, lineAt, where, add) {
  if (isExpr(value)) return;
  const valid = [...STANDARD_HANDLERS, ...(app?.handlers ?? [])];
  const [className, method] = value.split("::");
  const matches = valid.some((h) => {
    const [c, m] = h.split("::");
    return c === className && (!m || !method || m === method);
  });
  if (matches || (!app && !className.startsWith("dev.fnbridge."))) return;
  const best = nearest(value, valid) ?? nearest(className, valid.map((h) => h.split("::")[0]));
  add(file.rel, lineAt(), "handler-class", app ? `${where} = "${value}" is not a handler of the application` : `${where} = "${value}": fnbridge has no handler ${className}`,
    `the handlers are ${[...new Set(valid)].join(", ")}${app ? ` (fnbridge's, Spring Cloud Function's, and ${app.files.join(", ")})` : ""}${best ? `; did you mean ${best}?` : ""}`);
}

const BUILT_ZIP = /-(lambda|runtime-layer)\.zip$/;

// A path to a zip the build makes (<module>/target/<artifactId>-lambda.zip or
// -runtime-layer.zip, or any zip given as artifact_path / filename / a layer's path) leads, from
// the configuration's directory, to a file that exists, or to the output folder of a module that
// builds: target/ of a Maven module (a pom.xml that is not an aggregator), or somewhere in build/
// of a Gradle one. Before the first build the zip is not there yet, but the module is.
function artifactPath(app, module, name, value, file, lineAt, where, add) {
  const literal = value.replace(/^\$\{path\.module\}(?=\/)/, ".");
  if (isExpr(literal) || path.isAbsolute(literal) || !literal.endsWith(".zip")) return;
  if (!BUILT_ZIP.test(path.basename(literal)) && !["artifact_path", "filename", "path"].includes(name)) return;
  const resolved = path.resolve(module.dir, literal);
  if (existsSync(resolved)) return;
  const shown = (p) => path.relative(module.root, p) || ".";
  const target = path.dirname(resolved);
  let problem;
  if (path.basename(target) === "target") {
    const pom = path.join(path.dirname(target), "pom.xml");
    if (existsSync(pom) && !/<packaging>\s*pom\s*<\/packaging>/.test(readFileSync(pom, "utf8"))) return;
    problem = existsSync(pom)
      ? `but ${shown(pom)} is an aggregator (packaging pom) and builds no zip`
      : `but ${shown(path.dirname(target))} has no pom.xml: no build writes there`;
  } else {
    const segments = path.relative(path.parse(resolved).root, target).split(path.sep);
    const at = segments.lastIndexOf("build");
    const owner = at >= 0 ? path.join(path.parse(resolved).root, ...segments.slice(0, at)) : null;
    if (owner && ["build.gradle", "build.gradle.kts"].some((f) => existsSync(path.join(owner, f)))) return;
    problem = "which does not exist and is not in a module's build output (target/ of a Maven module, build/ of a Gradle one)";
  }
  const suggestion = app && BUILT_ZIP.test(path.basename(literal))
    ? app.files.map((d) => path.dirname(path.resolve(module.root, d))).filter((d) => path.basename(d) === "target")
      .map((d) => path.relative(module.dir, path.join(d, path.basename(literal)))).find((c) => c !== literal)
    : undefined;
  add(file.rel, lineAt(), "artifact-path", `${where} = "${value}" leads to ${shown(resolved)}, ${problem}`,
    `the path is read from the configuration's directory (${shown(module.dir)}); fnbridge-maven-plugin writes <module>/target/<artifactId>-lambda.zip and -runtime-layer.zip${suggestion ? `; did you mean ${suggestion}?` : ""}`);
}

// The hashicorp/aws version the schema snapshot was made from (schema.source).
const SNAPSHOT = schema.source.match(/hashicorp\/aws (\d+)\.(\d+)\.(\d+)/).slice(1).map(Number);

const compareVersions = (a, b) => a[0] - b[0] || a[1] - b[1] || a[2] - b[2];

/**
 * Why a root configuration's hashicorp/aws constraint does not suit these checks, or null.
 * Terraform installs the newest version every constraint allows, so what matters is the top of
 * the range: it must exist and stay within the snapshot's major version, since the next major
 * renames and removes what the snapshot describes. Any form of pin passes (~> 6.0, ~> 6.25.0,
 * >= 6.0, < 7.0, an exact 6.25.0, ...); a range that also allows older majors passes too, as
 * terraform picks the newest. ~> X means ~> X.0, as in terraform.
 */
export function providerConstraintProblem(constraint, snapshot = SNAPSHOT) {
  if (constraint === undefined || constraint === null || String(constraint).trim() === "") return "without a constraint terraform installs the newest release, whatever its major version";
  let lower = [0, 0, 0];
  let lowerInclusive = true;
  let upper = null;
  let upperInclusive = false;
  const atLeast = (v, inclusive) => {
    const c = compareVersions(v, lower);
    if (c > 0 || (c === 0 && !inclusive)) [lower, lowerInclusive] = [v, inclusive];
  };
  const atMost = (v, inclusive) => {
    const c = upper ? compareVersions(v, upper) : -1;
    if (c < 0 || (c === 0 && !inclusive)) [upper, upperInclusive] = [v, inclusive];
  };
  for (const clause of String(constraint).split(",").map((c) => c.trim())) {
    const m = clause.match(/^(=|!=|>=|<=|>|<|~>)?\s*v?(\d+)(?:\.(\d+))?(?:\.(\d+))?(?:-[0-9A-Za-z.-]+)?$/);
    if (!m) return `${JSON.stringify(clause)} is not a version constraint`;
    const given = [m[2], m[3], m[4]].filter((x) => x !== undefined).map(Number);
    const v = [given[0], given[1] ?? 0, given[2] ?? 0];
    const op = m[1] ?? "=";
    if (op === "=") {
      atLeast(v, true);
      atMost(v, true);
    } else if (op === ">=" || op === ">") atLeast(v, op === ">=");
    else if (op === "<=" || op === "<") atMost(v, op === "<=");
    else if (op === "~>") {
      atLeast(v, true);
      atMost(given.length <= 2 ? [v[0] + 1, 0, 0] : [v[0], v[1] + 1, 0], false);
    }
  }
  const described = `the checks' schema is hashicorp/aws ${snapshot.join(".")}`;
  if (!upper) return `it allows every later major version (${snapshot[0] + 1}.x, ...), and terraform installs the newest; ${described}`;
  const c = compareVersions(lower, upper);
  if (c > 0 || (c === 0 && !(lowerInclusive && upperInclusive))) return "it allows no version at all";
  const top = !upperInclusive && upper[1] === 0 && upper[2] === 0 ? upper[0] - 1 : upper[0];
  if (top > snapshot[0]) return `it allows hashicorp/aws ${top}.x; ${described}`;
  if (top < snapshot[0]) return `it allows nothing newer than hashicorp/aws ${top}.x; ${described}`;
  return null;
}

// Metrics and dimensions CloudWatch publishes for Lambda in AWS/Lambda: an alarm on any other
// name never gets data and never fires.
const LAMBDA_METRICS = new Set(["Invocations", "Errors", "DeadLetterErrors", "DestinationDeliveryFailures", "Throttles",
  "OversizedRecordCount", "ProvisionedConcurrencyInvocations", "ProvisionedConcurrencySpilloverInvocations",
  "RecursiveInvocationsDropped", "Duration", "PostRuntimeExtensionsDuration", "IteratorAge", "OffsetLag",
  "ConcurrentExecutions", "ProvisionedConcurrentExecutions", "ProvisionedConcurrencyUtilization",
  "UnreservedConcurrentExecutions", "ClaimedAccountConcurrency", "AsyncEventsReceived", "AsyncEventAge",
  "AsyncEventsDropped", "PolledEventCount", "InvokedEventCount", "FilteredOutEventCount", "FailedInvokeEventCount",
  "DeletedEventCount", "DroppedEventCount", "OnFailureDestinationDeliveredEventCount"]);
const LAMBDA_DIMENSIONS = new Set(["FunctionName", "Resource", "ExecutedVersion", "EventSourceMappingUUID"]);

function lambdaAlarm(module, block, line, add) {
  const { file, body } = block;
  if (body.namespace !== "AWS/Lambda") return;
  const where = `${block.type}.${block.name}`;
  const locals = Object.assign({}, ...module.blocks("locals").map((l) => l.body));
  const local = (value) => {
    const m = String(value ?? "").match(/^\$\{local\.([A-Za-z0-9_-]+)\}$/);
    return m ? locals[m[1]] : value;
  };
  // A literal name, or each.value.<key> over a for_each of a local map.
  let metrics = [];
  const each = String(body.metric_name ?? "").match(/^\$\{each\.value\.([A-Za-z0-9_]+)\}$/);
  if (each) {
    const items = local(body.for_each);
    if (items && typeof items === "object") metrics = Object.values(items).map((item) => item?.[each[1]]);
  } else metrics = [body.metric_name];
  for (const metric of metrics.filter((m) => typeof m === "string" && !isExpr(m))) {
    if (!LAMBDA_METRICS.has(metric)) {
      add(file.rel, argumentLine(file, line, "metric_name"), "alarm-metric", `${where}: AWS/Lambda has no metric ${JSON.stringify(metric)}`, `the alarm would never get data; did you mean ${nearest(metric, [...LAMBDA_METRICS]) ?? "one of Errors, Throttles, Duration"}?`);
    }
  }
  const dimensions = local(body.dimensions);
  if (dimensions && typeof dimensions === "object" && !Array.isArray(dimensions)) {
    for (const name of Object.keys(dimensions).filter((d) => !LAMBDA_DIMENSIONS.has(d))) {
      add(file.rel, argumentLine(file, line, "dimensions"), "alarm-metric", `${where}: AWS/Lambda metrics have no dimension ${JSON.stringify(name)}`, `use FunctionName, Resource (function:alias), ExecutedVersion or EventSourceMappingUUID; the alarm would never get data`);
    }
  }
}

// When a function has an alias, what invokes it goes through the alias: SnapStart and provisioned
// concurrency apply to the published version behind it, and the unqualified function runs
// $LATEST, cold and unsnapshotted.
function aliasBypass(block, line, resources, add) {
  const targets = {
    aws_lambda_event_source_mapping: "function_name",
    aws_apigatewayv2_integration: "integration_uri",
    aws_sns_topic_subscription: "endpoint",
  };
  const argument = targets[block.type];
  if (!argument) return;
  const value = String(block.body[argument] ?? "");
  const m = value.match(/aws_lambda_function\.([A-Za-z0-9_-]+)\.(arn|invoke_arn|function_name|qualified_arn|qualified_invoke_arn)\b/);
  if (!m || m[2].startsWith("qualified")) return;
  if (hasAlias(resources, m[1])) {
    add(block.file.rel, argumentLine(block.file, line, argument), "trigger-alias", `${block.type}.${block.name}: ${argument} names aws_lambda_function.${m[1]}.${m[2]}, not its alias`, "invoke the alias (aws_lambda_alias.<name>.arn / .invoke_arn): SnapStart and provisioned concurrency apply to the published version behind it, the unqualified function runs $LATEST");
  }
}

// A layer built for one architecture (fnbridge's runtime layer holds a JDK of one) cannot serve a
// function of another: Lambda starts it and the exec fails.
function layerArchitecture(file, line, where, body, resources, add) {
  const architectures = body.architectures ?? ["x86_64"];
  const text = JSON.stringify(architectures);
  for (const m of JSON.stringify(body.layers ?? "").matchAll(/aws_lambda_layer_version\.([A-Za-z0-9_-]+)/g)) {
    const layer = resources.get(`aws_lambda_layer_version.${m[1]}`);
    const compatible = layer?.body.compatible_architectures;
    if (!compatible) continue;
    const literal = (v) => Array.isArray(v) && v.every((a) => typeof a === "string" && !isExpr(a));
    let mismatch;
    if (literal(architectures) && literal(compatible)) mismatch = !architectures.some((a) => compatible.includes(a));
    else mismatch = !compatible.every((a) => !isExpr(a) ? text.includes(`"${a}"`) || isExpr(text) : text.includes(a.replace(/^\$\{([\s\S]*)\}$/, "$1")));
    if (mismatch) {
      add(file.rel, "architectures" in body ? argumentLine(file, line, "architectures") : line, "layer-architecture", `${where}: architectures ${text} may differ from aws_lambda_layer_version.${m[1]}'s compatible_architectures ${JSON.stringify(compatible)}`, "derive both from one value: the JDK in fnbridge's runtime layer runs on one architecture only");
    }
  }
}

// Runtimes AWS lists for Lambda Managed Instances, each from a version on; provided.al2023 too.
const LMI_RUNTIMES = [[/^java(\d+)$/, 21], [/^python3\.(\d+)$/, 13], [/^nodejs(\d+)\.x$/, 22], [/^dotnet(\d+)$/, 8]];

// A function on a capacity provider (capacity_provider_config), on literal values and on what
// the configuration declares beside it: what AWS documents for Lambda Managed Instances.
function managedInstances(module, block, line, resources, add) {
  const { file, body } = block;
  const where = `${block.type}.${block.name}`;
  const fixed = body.capacity_provider_config;
  const dynamic = body.dynamic?.capacity_provider_config;
  if (!fixed && !dynamic) return;
  const config = [...(fixed ?? []), ...(dynamic ?? []).flatMap((d) => d.content ?? [])]
    .flatMap((c) => c.lambda_managed_instances_capacity_provider_config ?? [])[0] ?? {};
  const configLine = (arg) => lineOf(file.src, new RegExp(`^\\s*${arg}\\s*=`), line);
  // A variable's default stands in for it (modules pass var.handler, var.runtime).
  const value = (v) => {
    const ref = typeof v === "string" && v.match(/^\$\{var\.([A-Za-z0-9_-]+)\}$/);
    return ref ? module.blocks("variable").find((x) => x.name === ref[1])?.body.default : v;
  };
  const number = (v) => (typeof v === "number" ? v : typeof v === "string" && /^\d+(\.\d+)?$/.test(v) ? Number(v) : null);
  // Both chosen by conditions: which one wins is not known offline.
  const snapStart = "snap_start" in body || (fixed && body.dynamic?.snap_start);
  if (snapStart) {
    add(file.rel, argumentLine(file, line, "snap_start"), "lmi-snapstart", `${where}: SnapStart on a Lambda Managed Instances function`, "SnapStart restores Firecracker snapshots on Lambda's own fleet; a capacity provider starts a version's execution environments when it is published: choose one");
  }
  for (const p of [...resources.values()].filter((r) => r.type === "aws_lambda_provisioned_concurrency_config")) {
    if (!JSON.stringify(p.body.function_name ?? "").includes(`aws_lambda_function.${block.name}.`)) continue;
    if (fixed || (!("count" in p.body) && !("for_each" in p.body))) {
      add(p.file.rel, blockLine(p.file, "resource", p.type, p.name), "lmi-provisioned", `${p.type}.${p.name} on ${where}, which runs on a capacity provider`, "Lambda Managed Instances keep execution environments running without provisioned concurrency: choose one");
    }
  }
  if (body.publish !== true && body.publish !== "true" && !isExpr(body.publish)) {
    add(file.rel, "publish" in body ? argumentLine(file, line, "publish") : line, "lmi-publish", `${where}: a capacity provider without publish = true`, "Lambda starts execution environments on the capacity provider for published versions only; $LATEST does not run there");
  }
  const runtime = value(body.runtime);
  if (typeof runtime === "string" && !isExpr(runtime)) {
    const handler = String(value(body.handler) ?? "");
    if (runtime.startsWith("provided") && (handler.startsWith("dev.fnbridge.") || "layers" in body)) {
      add(file.rel, argumentLine(file, line, "runtime"), "lmi-runtime", `${where}: fnbridge's custom runtime ${runtime} on a capacity provider`, "use a managed Java runtime (java21, java25), as AWS documents Java on Lambda Managed Instances; the runtime layer's AOT cache shortens cold starts, which environments started at publish time do not have");
    } else if (runtime !== "provided.al2023" && !LMI_RUNTIMES.some(([pattern, from]) => Number(runtime.match(pattern)?.[1] ?? -1) >= from)) {
      add(file.rel, argumentLine(file, line, "runtime"), "lmi-runtime", `${where}: runtime ${runtime} does not run on Lambda Managed Instances`, "AWS lists Java 21 and later (java21, java25), Python 3.13+, Node.js 22+, .NET 8+ and provided.al2023");
    }
  }
  const memory = number(value(body.memory_size ?? 128));
  if (memory !== null && memory < 2048) {
    add(file.rel, "memory_size" in body ? argumentLine(file, line, "memory_size") : line, "lmi-memory", `${where}: memory_size = ${memory} MB on a capacity provider`, "the smallest Lambda Managed Instances execution environment has 2,048 MB and 1 vCPU");
  }
  const ratio = number(value(config.execution_environment_memory_gib_per_vcpu));
  if (ratio !== null && ![2, 4, 8].includes(ratio)) {
    add(file.rel, configLine("execution_environment_memory_gib_per_vcpu"), "lmi-memory", `${where}: execution_environment_memory_gib_per_vcpu = ${ratio}`, "Lambda offers 2, 4 or 8 GiB per vCPU");
  } else if (ratio !== null && memory !== null && memory >= 2048 && memory < ratio * 1024) {
    add(file.rel, argumentLine(file, line, "memory_size"), "lmi-memory", `${where}: memory_size = ${memory} MB is less than one vCPU at ${ratio} GiB per vCPU`, `give it at least ${ratio * 1024} MB, or a smaller ratio`);
  }
  const concurrency = number(value(config.per_execution_environment_max_concurrency));
  if (concurrency !== null && (concurrency < 1 || concurrency > 1600 || !Number.isInteger(concurrency))) {
    add(file.rel, configLine("per_execution_environment_max_concurrency"), "lmi-concurrency", `${where}: per_execution_environment_max_concurrency = ${concurrency}`, "Lambda takes a whole number from 1 to 1600");
  }
  const variables = body.environment?.[0]?.variables;
  if (variables && typeof variables === "object" && "AWS_LAMBDA_MAX_CONCURRENCY" in variables) {
    add(file.rel, lineOf(file.src, /AWS_LAMBDA_MAX_CONCURRENCY/, line), "lmi-concurrency", `${where}: AWS_LAMBDA_MAX_CONCURRENCY set by hand`, "Lambda sets it from per_execution_environment_max_concurrency; set that instead");
  }
  const arn = value(config.capacity_provider_arn);
  if (typeof arn === "string" && !isExpr(arn) && !/^arn:aws[a-zA-Z-]*:lambda:[a-z0-9-]+:\d{12}:capacity-provider:[a-zA-Z0-9_-]+$/.test(arn)) {
    add(file.rel, configLine("capacity_provider_arn"), "lmi-capacity-provider", `${where}: capacity_provider_arn ${JSON.stringify(arn)} is not a capacity provider's ARN`, "arn:aws:lambda:<region>:<account>:capacity-provider:<name>, e.g. aws_lambda_capacity_provider.<name>.arn");
  }
}

// Lambda writes to the log group named in logging_config, or else to /aws/lambda/<function
// name>. When the configuration creates log groups, the function's must be one of them: the
// group Lambda would create itself keeps logs forever, and a logs policy scoped to the created
// group's ARN does not cover it.
function logGroup(file, line, where, body, resources, add) {
  const groups = [...resources.values()].filter((r) => r.type === "aws_cloudwatch_log_group");
  if (groups.length === 0) return;
  const configured = body.logging_config?.[0]?.log_group;
  if (configured !== undefined && configured !== null) {
    const ref = String(configured).match(/aws_cloudwatch_log_group\.([A-Za-z0-9_-]+)\.name/);
    if (ref && resources.has(`aws_cloudwatch_log_group.${ref[1]}`)) return;
    if (!ref && groups.some((g) => g.body.name === configured)) return;
    if (!ref && isExpr(String(configured))) return;
  } else {
    const expected = `/aws/lambda/${String(body.function_name ?? "")}`;
    if (groups.some((g) => g.body.name === expected || g.body.name === `/aws/lambda/\${${String(body.function_name ?? "").replace(/^\$\{([\s\S]*)\}$/, "$1")}}`)) return;
    if (!isExpr(String(body.function_name ?? "")) && groups.some((g) => isExpr(String(g.body.name)))) return;
  }
  add(file.rel, "logging_config" in body ? argumentLine(file, line, "logging_config") : line, "log-group", `${where} logs to ${configured ?? "/aws/lambda/" + (body.function_name ?? "<name>")}, which none of this configuration's log groups (${groups.map((g) => g.body.name).join(", ")}) is`, "set logging_config { log_group = aws_cloudwatch_log_group.<name>.name } or name the group /aws/lambda/<function_name>");
}

// A literal number, the default when absent, or null when an expression decides it.
function literalNumber(value, absent) {
  if (value === undefined || value === null) return absent;
  if (typeof value === "number") return value;
  return typeof value === "string" && /^\d+$/.test(value) ? Number(value) : null;
}

// A service that invokes a function needs an aws_lambda_permission for its principal; when it
// invokes an alias, the permission must name that alias (qualifier), or Lambda refuses the call.
function invokePermission(block, line, resources, principal, what, target, consequence, add) {
  const where = `${block.type}.${block.name}`;
  const permissions = [...resources.values()].filter((r) => r.type === "aws_lambda_permission" && r.body.principal === principal);
  if (permissions.length === 0) {
    add(block.file.rel, line, "trigger-permission", `${where}: ${what} without an aws_lambda_permission for ${principal}`, `${principal} may not invoke the function: ${consequence}`);
  } else if (target.includes("aws_lambda_alias.") && !permissions.some((p) => "qualifier" in p.body)) {
    add(block.file.rel, line, "trigger-permission", `${where}: ${what} invokes an alias, but the aws_lambda_permission for ${principal} has no qualifier`, `a permission on the unqualified function does not cover the alias: ${consequence}`);
  }
}

function terraformChecks(root) {
  const which = spawnSync("sh", ["-c", "command -v terraform"], { encoding: "utf8" });
  if (which.status !== 0) {
    console.log("terraform is not on PATH: skipping terraform fmt -check / init -backend=false / validate / test (the offline checks above ran)");
    return 0;
  }
  let failures = 0;
  const validated = [];
  const skipped = [];
  const run = (args, cwd) => {
    const result = spawnSync("terraform", [...args.slice(0, 1), "-no-color", ...args.slice(1)], { cwd, stdio: "inherit" });
    if (result.status !== 0) failures++;
    return result.status === 0;
  };
  run(["fmt", "-check", "-recursive"], root);
  // A local provider mirror (TF_PLUGIN_DIR, or /opt/tf-plugins when present) lets init,
  // validate and test run with no registry at all.
  const pluginDir = process.env.TF_PLUGIN_DIR ?? (existsSync("/opt/tf-plugins") ? "/opt/tf-plugins" : null);
  const initArgs = ["init", "-backend=false", "-input=false", "-no-color", ...(pluginDir ? [`-plugin-dir=${pluginDir}`] : [])];
  for (const dir of configurationDirs(root)) {
    // Leave a working directory the user initialised as it was; clean up after ourselves.
    const initialised = existsSync(path.join(dir, ".terraform")) || existsSync(path.join(dir, ".terraform.lock.hcl"));
    try {
      const init = spawnSync("terraform", initArgs, { cwd: dir, encoding: "utf8" });
      if (init.status !== 0) {
        // Offline: no registry for the providers, no network for a git or registry module source.
        if (/registry|provider packages|no such host|dial tcp|could not resolve host|network is unreachable/i.test((init.stdout + init.stderr).replace(/\s+/g, " "))) {
          console.log(`terraform init cannot get the providers or module sources of ${path.relative(root, dir) || "."} (no registry reachable, or the mirror has no version its constraints allow): skipping validate and test there`);
          skipped.push(path.relative(root, dir) || ".");
          continue;
        }
        process.stdout.write(init.stdout + init.stderr);
        failures++;
        continue;
      }
      console.log(`terraform validate: ${path.relative(root, dir) || "."}`);
      if (run(["validate"], dir)) validated.push(path.relative(root, dir) || ".");
      if (existsSync(path.join(dir, "tests"))) run(["test"], dir);
    } finally {
      if (!initialised) spawnSync("rm", ["-rf", path.join(dir, ".terraform"), path.join(dir, ".terraform.lock.hcl")]);
    }
  }
  const provider = pluginDir ? `hashicorp/aws from ${pluginDir}` : "providers from the registry";
  console.log(`terraform (${provider}): ${validated.length} configuration(s) valid${skipped.length ? `, ${skipped.length} skipped (${skipped.join(", ")})` : ""}, ${failures} failure(s)`);
  return failures;
}

const USAGE = `usage: fnbridge-terraform-check [dir] [--functions <fnbridge-functions.json>]... [--fix]

Checks every Terraform configuration below dir (default: this checker's infra-terraform/) offline.
  --functions <file>  the application's functions descriptor (fnbridge-maven-plugin writes
                      target/fnbridge-functions.json); default: the nearest target/${DESCRIPTOR}
                      of dir, its parents up to the git root, or their child modules
  --fix               rewrite the .tf files in terraform fmt form first`;

/** The command line: { dir, functions: [...], fix, help }; throws on what it does not understand. */
export function parseArguments(args) {
  const options = { dir: null, functions: [], fix: false, help: false };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === "--fix") options.fix = true;
    else if (arg === "--help" || arg === "-h") options.help = true;
    else if (arg === "--functions") {
      if (args[i + 1] === undefined || args[i + 1].startsWith("--")) throw new Error("--functions needs a file");
      options.functions.push(args[++i]);
    } else if (arg.startsWith("--functions=")) options.functions.push(arg.slice("--functions=".length));
    else if (arg.startsWith("-")) throw new Error(`unknown option ${arg}`);
    else if (options.dir !== null) throw new Error(`one directory to check, not ${options.dir} and ${arg}`);
    else options.dir = arg;
  }
  return options;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  let options;
  try {
    options = parseArguments(process.argv.slice(2));
  } catch (error) {
    console.error(`${error.message}\n\n${USAGE}`);
    process.exit(2);
  }
  if (options.help) {
    console.log(USAGE);
    process.exit(0);
  }
  const root = path.resolve(options.dir ?? path.join(here, ".."));
  if (!existsSync(root) || !statSync(root).isDirectory()) {
    console.error(`${root}: no such directory\n\n${USAGE}`);
    process.exit(2);
  }
  if (options.fix) {
    const { writeFileSync } = await import("node:fs");
    for (const dir of configurationDirs(root))
      for (const name of readdirSync(dir).filter((e) => e.endsWith(".tf"))) {
        const full = path.join(dir, name);
        writeFileSync(full, await format(readFileSync(full, "utf8")));
      }
  }
  const { findings, notes } = await check(root, { functions: options.functions });
  for (const n of notes) console.log(`info: ${n.file ? `${n.file}:${n.line}: ` : ""}${n.message}`);
  for (const f of findings) console.log(`${f.file}:${f.line}: ${f.rule}: ${f.message}${f.hint ? ` (${f.hint})` : ""}`);
  const dirs = configurationDirs(root).length;
  console.log(`terraform offline checks: ${dirs} configurations, ${findings.length} problem(s)`);
  const tf = terraformChecks(root);
  process.exit(findings.length > 0 || tf > 0 ? 1 : 0);
}

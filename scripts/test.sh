#!/usr/bin/env bash
# The README's test command: every check there is, from a fresh clone.
#   type-check → API reports → lint → dependency audit → unit and integration tests (Jest, real stand-ins) → browser e2e (Chromium)
# It installs what it needs (Node 24, dependencies, Chromium) and prints one closing line
# "N passed, N failed" summing every suite.
# shellcheck source=scripts/install.sh
source "$(dirname "${BASH_SOURCE[0]}")/install.sh"
cd "$AWS_IDENTITY_ROOT"

results_dir="$AWS_IDENTITY_ROOT/.data/test-results"
rm -rf "$results_dir" && mkdir -p "$results_dir"
export CI=true
started_at=$SECONDS

step() { printf '\n== %s (%ss)\n' "$1" "$((SECONDS - started_at))"; }

step "type-check (tsc, strict)"
yarn tsc

step "API reports (every published package's exports match its report*.api.md)"
yarn build:api-reports:check

step "lint (backstage-cli repo lint)"
yarn backstage-cli repo lint

step "dependency audit (yarn npm audit --all --recursive; fails on high or critical advisories)"
node scripts/audit.js

step "sandbox prerequisites (kube-apiserver, etcd and the pod identity webhook from Go modules; moto venv)"
# Built once and cached under .sandbox/; a cold build takes about 15 minutes on 2 cores, and must
# not happen inside a test's timeout.
yarn sandbox build

step "unit and integration tests (jest; real sandbox, SQLite and PostgreSQL)"
# shellcheck source=scripts/postgres.sh
source scripts/postgres.sh
# Databases come from local servers, never from Docker (there is no Docker engine here).
export BACKSTAGE_TEST_DISABLE_DOCKER=1
yarn backstage-cli repo test --json --outputFile="$results_dir/jest.json"

step "browser e2e (Chromium via playwright-core)"
bash scripts/e2e.sh "$results_dir/e2e.json"

step "summary"
node scripts/summarize-tests.js "$results_dir"/*.json

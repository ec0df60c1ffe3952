#!/usr/bin/env bash
# Starts the portal with the README's start command, runs the browser e2e suite against it in
# Debian's Chromium, and stops every process it started, whatever the outcome.
# Usage: e2e.sh [jest-json-output-file]
# AWS_IDENTITY_E2E_SPECS: a Jest test path pattern to run some specs only (e.g. e2e/driftRepair);
# every spec under e2e/ by default, in the sequencer's order either way.
# shellcheck source=scripts/install.sh
source "$(dirname "${BASH_SOURCE[0]}")/install.sh"
cd "$AWS_IDENTITY_ROOT"

if [ ! -x /usr/bin/chromium ]; then
  echo "aws-identity: installing Debian's chromium for the browser tests" >&2
  if [ "$(id -u)" = 0 ]; then sudo=; else sudo=sudo; fi
  $sudo apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq chromium >&2
fi

log_dir="$AWS_IDENTITY_ROOT/.data/logs"
mkdir -p "$log_dir"
# The portal runs in its own process group so that one kill stops the frontend, the backend
# and everything they spawned.
setsid bash scripts/start.sh > "$log_dir/portal-e2e.log" 2>&1 &
portal_pid=$!
stop_portal() {
  kill -TERM -- "-$portal_pid" 2>/dev/null || true
  # start.sh stops the sandbox on its way out; give it time before forcing.
  for _ in $(seq 1 60); do kill -0 -- "-$portal_pid" 2>/dev/null || return 0; sleep 0.5; done
  kill -KILL -- "-$portal_pid" 2>/dev/null || true
}
trap stop_portal EXIT INT TERM

wait_for() {
  # A first run on a new machine builds the sandbox's kube-apiserver, etcd and webhook from
  # source before the portal starts (about 10 minutes on 2 cores, more under load).
  local url=$1 deadline=$((SECONDS + 2400))
  until curl -sf -o /dev/null "$url"; do
    if ! kill -0 "$portal_pid" 2>/dev/null; then
      echo "aws-identity: the portal exited before $url answered; last log lines:" >&2
      tail -40 "$log_dir/portal-e2e.log" >&2
      return 1
    fi
    if [ $SECONDS -gt $deadline ]; then
      echo "aws-identity: $url did not answer within 40 minutes" >&2
      tail -40 "$log_dir/portal-e2e.log" >&2
      return 1
    fi
    sleep 2
  done
}
wait_for http://127.0.0.1:7007/api/aws-identity/health
wait_for http://127.0.0.1:3000/

json_args=()
[ -n "${1:-}" ] && json_args=(--json --outputFile="$1")
# CI=true: without it Jest watches for changes and never exits.
(cd test && CI=true yarn backstage-cli package test --testPathIgnorePatterns /node_modules/ \
  --testPathPatterns "${AWS_IDENTITY_E2E_SPECS:-e2e/}" --testSequencer "<rootDir>/../e2e/sequencer.js" --runInBand "${json_args[@]}")

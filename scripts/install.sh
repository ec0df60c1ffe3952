#!/usr/bin/env bash
# Installs the project's dependencies when they are missing or stale. Sourced by start.sh and test.sh.
set -euo pipefail
# shellcheck source=scripts/toolchain.sh
source "$(dirname "${BASH_SOURCE[0]}")/toolchain.sh"

install_stamp="$AWS_IDENTITY_ROOT/node_modules/.aws-identity-install-stamp"
install_key="$(cd "$AWS_IDENTITY_ROOT" && node -v && cat yarn.lock package.json */*/package.json test/package.json 2>/dev/null | sha256sum | cut -d' ' -f1)"
if [ ! -f "$install_stamp" ] || [ "$(cat "$install_stamp")" != "$install_key" ]; then
  echo "aws-identity: installing dependencies (yarn install)" >&2
  # CI must use exactly the committed lock file; a developer's machine may update it.
  if [ -n "${CI:-}" ]; then immutable=--immutable; else immutable=; fi
  (cd "$AWS_IDENTITY_ROOT" && flock "$AWS_IDENTITY_ROOT/.toolchain/yarn.lock" yarn install $immutable) >&2
  echo "$install_key" > "$install_stamp"
fi

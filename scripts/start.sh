#!/usr/bin/env bash
# The README's start command: the portal (frontend :3000, backend :7007) on an embedded SQLite file
# under .data/, pointed at the local AWS/Kubernetes sandbox (moto, two kube-apiservers, the pod
# identity webhook, all seed scenarios). Without Go or Python the portal starts without the
# sandbox and says so. Ctrl-C stops the portal and the sandbox.
# Set AWS_IDENTITY_NO_SANDBOX=1 to start the portal alone.
# shellcheck source=scripts/install.sh
source "$(dirname "${BASH_SOURCE[0]}")/install.sh"
cd "$AWS_IDENTITY_ROOT"
mkdir -p .data/sqlite

config_args=(--config "$AWS_IDENTITY_ROOT/app-config.yaml")
sandbox_started=
if [ -z "${AWS_IDENTITY_NO_SANDBOX:-}" ]; then
  # `up --detach` returns once the sandbox is seeded; it fails with one line naming what to
  # install when Go or Python is missing.
  if yarn sandbox up --detach >&2; then
    sandbox_started=1
    config_args+=(--config "$AWS_IDENTITY_ROOT/.sandbox/app-config.sandbox.yaml")
  else
    echo "aws-identity: starting the portal without the sandbox (see the line above)" >&2
  fi
fi

stop_sandbox() {
  [ -n "$sandbox_started" ] && yarn sandbox down >&2 || true
}
trap stop_sandbox EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

yarn start "${config_args[@]}" "$@"

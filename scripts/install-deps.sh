#!/usr/bin/env bash
# Installs the npm dependencies pinned by package-lock.json when they are missing or older than it.
# `npm install` rather than `npm ci`: the registry these machines reach does not serve the other
# platforms' optional binaries (@swc/core-darwin-*, …), so the lockfile cannot list them and
# `npm ci` refuses it; `npm install` keeps every locked version and leaves the lockfile as it is.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "[install] npm dependencies" >&2
  npm install --no-audit --no-fund --loglevel=error
fi

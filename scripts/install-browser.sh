#!/usr/bin/env bash
# Installs Debian's Chromium for the browser tests when it is missing (no browser download).
set -euo pipefail
if [ -n "${GUICHET_CHROMIUM:-}" ] || command -v chromium >/dev/null; then exit 0; fi
bash "$(dirname "$0")/apt-install.sh" chromium

#!/usr/bin/env bash
# Installs Debian's Chromium for the browser tests when it is missing (no browser download).
set -euo pipefail
if [ -n "${GUICHET_CHROMIUM:-}" ] || command -v chromium >/dev/null; then exit 0; fi
echo "[install] chromium from Debian's packages" >&2
if [ -z "$(find /var/lib/apt/lists -maxdepth 1 -name '*Packages*' -print -quit 2>/dev/null)" ]; then apt-get update -q >/dev/null; fi
DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium >/dev/null

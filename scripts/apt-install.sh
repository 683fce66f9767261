#!/usr/bin/env bash
# apt-install.sh PKG...: installs Debian packages, refreshing the package lists when they are
# missing or too old to install from.
set -euo pipefail
export DEBIAN_FRONTEND=noninteractive
echo "[install] $* from Debian's packages" >&2
if [ -z "$(find /var/lib/apt/lists -maxdepth 1 -name '*Packages*' -print -quit 2>/dev/null)" ]; then apt-get update -q >/dev/null; fi
apt-get install -y -q "$@" >/dev/null 2>&1 || { apt-get update -q >/dev/null && apt-get install -y -q "$@" >/dev/null; }

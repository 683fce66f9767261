#!/usr/bin/env bash
# Installs glpi-api (a GLPI REST client from PyPI, used unchanged by the GLPI-compatibility test)
# into a virtualenv of its own under .data/, when it is missing or not the pinned version; prints
# the virtualenv's python.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
venv="${GUICHET_DATA_DIR:-$root/.data}/glpi-api"
version="0.7.0"
if [ "$("$venv/bin/python" -c 'import importlib.metadata as m; print(m.version("glpi-api"))' 2>/dev/null)" != "$version" ]; then
  echo "[install] glpi-api $version from PyPI" >&2
  python3 -m venv "$venv"
  "$venv/bin/python" -m pip install -q --disable-pip-version-check "glpi-api==$version" "requests==2.32.5" >&2
fi
echo "$venv/bin/python"

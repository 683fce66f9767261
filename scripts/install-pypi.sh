#!/usr/bin/env bash
# Installs Python packages from PyPI, pinned, into a virtualenv of their own under .data/<venv>
# (a tool a test runs unchanged: GLPI's REST client, Prometheus' parser), when one of them is
# missing or at another version; prints the virtualenv's python.
#   bash scripts/install-pypi.sh <venv> <package==version>…
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
venv="${GUICHET_DATA_DIR:-$root/.data}/$1"
shift
installed() { "$venv/bin/python" -c "import importlib.metadata as m, sys; sys.exit(m.version('${1%%==*}') != '${1##*==}')" 2>/dev/null; }
for requirement in "$@"; do
  if ! installed "$requirement"; then
    echo "[install] $* from PyPI" >&2
    python3 -m venv "$venv"
    "$venv/bin/python" -m pip install -q --disable-pip-version-check "$@" >&2
    break
  fi
done
echo "$venv/bin/python"

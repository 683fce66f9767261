#!/usr/bin/env bash
# Installs chDB (current ClickHouse's own engine as a Python library, PyPI's chdb-core) into a
# virtualenv under ~/.cache, kept across clones, when it is missing or not the pinned version; prints
# its Python. The warehouse's compatibility test runs every migration and KPI question on it.
set -euo pipefail
venv="${XDG_CACHE_HOME:-$HOME/.cache}/guichet/chdb-core-venv"
version="26.9.0"
if [ "$("$venv/bin/python" -c 'import chdb; print(chdb.__version__)' 2>/dev/null)" != "$version" ]; then
  echo "[install] chdb-core $version from PyPI" >&2
  python3 -m venv "$venv"
  "$venv/bin/python" -m pip install -q --disable-pip-version-check "chdb-core==$version" >&2
fi
echo "$venv/bin/python"

#!/usr/bin/env bash
# Installs schemathesis (the OpenAPI fuzzer the API's contract test runs) from PyPI into a
# virtualenv of its own under .data/, when it is missing or not the pinned version.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
venv="${GUICHET_DATA_DIR:-$root/.data}/schemathesis"
version="4.32.5"
if [ "$("$venv/bin/schemathesis" --version 2>/dev/null)" != "schemathesis, version $version" ]; then
  echo "[install] schemathesis $version from PyPI" >&2
  python3 -m venv "$venv"
  "$venv/bin/python" -m pip install -q --disable-pip-version-check "schemathesis==$version" >&2
fi
echo "$venv/bin/schemathesis"

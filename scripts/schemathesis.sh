#!/usr/bin/env bash
# schemathesis.sh <openapi-url> <bearer-token> [schemathesis options…]: fuzzes a running API from
# its OpenAPI document, each operation with a bounded number of examples, and fails on a server
# error, an answer that breaks its declared schema or a status the document does not list.
# Starts nothing: the API must already answer at the document's origin. GUICHET_FUZZ_CONFIG names
# a schemathesis.toml (e.g. path parameters naming records that exist). The ticket change stream
# is left out: it stays open by design, so every example would only wait for the timeout.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
[ $# -ge 2 ] || { echo "usage: $0 <openapi-url> <bearer-token> [schemathesis options…]" >&2; exit 2; }
url="$1" token="$2"
shift 2
schemathesis="$(bash "$root/scripts/install-schemathesis.sh")"
config=()
[ -n "${GUICHET_FUZZ_CONFIG:-}" ] && config=(--config-file "$GUICHET_FUZZ_CONFIG")
exec "$schemathesis" "${config[@]}" run "$url" \
  --header "Authorization: Bearer $token" \
  --checks not_a_server_error,response_schema_conformance,status_code_conformance \
  --max-examples "${GUICHET_FUZZ_EXAMPLES:-10}" \
  --phases examples,coverage,fuzzing \
  --workers 2 \
  --seed "${GUICHET_FUZZ_SEED:-1}" \
  --generation-database none \
  --request-timeout 30 \
  --exclude-path /api/v1/tickets/changes \
  --no-color \
  "$@"

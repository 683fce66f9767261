#!/usr/bin/env bash
# npm test: installs what is missing, starts the services, then type-checks, lints and runs the
# whole suite against real MariaDB, ClickHouse and Temporal (test databases of their own).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
bash scripts/services.sh up
bash scripts/install-browser.sh
bash scripts/install-schemathesis.sh >/dev/null
bash scripts/install-chdb.sh >/dev/null
# The HTTPS test signs a certificate of its own with openssl.
command -v openssl >/dev/null || bash scripts/apt-install.sh openssl
# The directory login tests start a throwaway OpenLDAP of their own (Debian keeps slapd in /usr/sbin).
PATH="$PATH:/usr/sbin" command -v slapd >/dev/null || bash scripts/apt-install.sh slapd ldap-utils
# The inventory tests run the real FusionInventory agent against the API.
command -v fusioninventory-agent >/dev/null || bash scripts/apt-install.sh fusioninventory-agent
npx tsc --noEmit
npx tsc --noEmit -p web/tsconfig.json
npx eslint .
# The import rules of docs/architecture.md: layers, no circles, and a workflow bundle that does no I/O.
npm run --silent lint:imports
npx prettier --check . >/dev/null || { npx prettier --check .; exit 1; }
GUICHET_LOG_LEVEL="${GUICHET_LOG_LEVEL:-warn}" npx vitest run "$@"

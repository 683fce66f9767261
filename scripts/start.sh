#!/usr/bin/env bash
# npm start: installs what is missing, builds the web UI, starts the services, migrates, seeds the demo and runs
# guichet (API + web UI, worker, relay) on http://localhost:${GUICHET_PORT:-3000}.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
npx vite build
password_note="the password in GUICHET_DEMO_PASSWORD"
if [ -z "${GUICHET_DEMO_PASSWORD:-}" ]; then
  mkdir -p .data
  if [ ! -s .data/demo-password ]; then
    (umask 077 && node -e 'process.stdout.write(require("node:crypto").randomBytes(12).toString("base64url"))' >.data/demo-password)
  fi
  GUICHET_DEMO_PASSWORD="$(cat .data/demo-password)"
  export GUICHET_DEMO_PASSWORD
  password_note="the generated password ${GUICHET_DEMO_PASSWORD} (kept in .data/demo-password)"
fi
# Every demo user reads <login>@guichet.test over IMAP with the demo password.
GUICHET_MAIL_PASSWORD="$GUICHET_DEMO_PASSWORD" bash scripts/services.sh up
export GUICHET_MAIL_PASSWORD="$GUICHET_DEMO_PASSWORD"

node --import tsx scripts/migrate.ts
node --import tsx scripts/seed-demo.ts

cat <<MSG

  guichet is starting on http://localhost:${GUICHET_PORT:-3000}
  Log in as admin, tech1 (N1), tech2 (N2), alice (requester), manager or owner,
  with ${password_note}.
  Mail: write to support@guichet.test through SMTP 127.0.0.1:${GUICHET_SMTP_PORT:-2525}; read <login>@guichet.test
  over IMAP 127.0.0.1:${GUICHET_IMAP_PORT:-1143} with the same password.
  API: http://localhost:${GUICHET_PORT:-3000}/api/v1/openapi.json — stop with Ctrl-C; services keep running
  (npm run services:down stops them).

MSG
exec node --import tsx runtime/main.ts

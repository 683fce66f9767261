#!/usr/bin/env bash
# The production shape on one machine (npm run start:cluster / npm run stop:cluster): the Temporal
# server itself (built from go.temporal.io/server, see temporal-server.sh) on PostgreSQL for its
# persistence and visibility, MariaDB, ClickHouse and the mail server as npm start runs them, two API
# processes behind HAProxy on http://localhost:${GUICHET_PORT:-3000}, two workers and two relays.
# Its tickets live in databases of their own (guichet_cluster in MariaDB and ClickHouse), apart from
# npm start's. Everything runs in the background with its log under .data/cluster/logs; `down` stops it all.
# `crash <part>` kills one part as a crash would and `revive` starts again whatever is down (the load
# run with failures, bench/load-with-failures.ts, uses both). `backup [<folder>]` backs the running
# cluster up (MariaDB, the Temporal server's PostgreSQL databases, the attachments) and
# `restore <folder>` puts such a backup back: guichet's processes stopped, the data loaded, the
# Temporal server restarted on it, every open ticket's workflow started again, the processes back.
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
data="${GUICHET_DATA_DIR:-$root/.data}"
dir="${GUICHET_CLUSTER_DIR:-$data/cluster}"
pg_port="${GUICHET_CLUSTER_PG_PORT:-5433}"
temporal_port="${GUICHET_TEMPORAL_PORT:-7233}"
public_port="${GUICHET_PORT:-3000}"
read -r -a api_ports <<<"${GUICHET_CLUSTER_API_PORTS:-3001 3002}"
tp="$temporal_port" # the server's other ports follow its frontend's
pg_bin="/usr/lib/postgresql/15/bin"

log() { printf '[cluster] %s\n' "$*" >&2; }
# shellcheck source=scripts/process-helpers.sh
. "$root/scripts/process-helpers.sh"
# PostgreSQL will not run as root: as root, its commands run as the postgres user.
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

start_bg() { # start_bg <name> <command...>: runs it detached, its pid in run/<name>.pid and its output in logs/<name>.log
  local name="$1"
  shift
  if pid_alive "$dir/run/$name.pid"; then log "$name: already running"; return; fi
  setsid nohup "$@" </dev/null >"$dir/logs/$name.log" 2>&1 &
  echo $! >"$dir/run/$name.pid"
}

# ---------- PostgreSQL: the Temporal server's persistence and visibility ----------
postgres_up() {
  [ -x "$pg_bin/postgres" ] || apt_install postgresql
  if [ ! -f "$dir/postgres/PG_VERSION" ]; then
    log "PostgreSQL: initialising $dir/postgres"
    mkdir -p "$dir/postgres"
    [ "$(id -u)" = 0 ] && chown -R postgres "$dir/postgres"
    as_pg "$pg_bin/initdb" -D "$dir/postgres" -A trust -U postgres >"$dir/logs/postgres-init.log"
  fi
  if ! accepts "$pg_port"; then
    mkdir -p "$dir/postgres-run"
    [ "$(id -u)" = 0 ] && chown postgres "$dir/postgres-run" "$dir/logs"
    as_pg "$pg_bin/pg_ctl" -D "$dir/postgres" -l "$dir/logs/postgres.log" -w \
      -o "-p $pg_port -k $dir/postgres-run -c listen_addresses=127.0.0.1 -c max_connections=200" start >/dev/null
  fi
  psql -h 127.0.0.1 -p "$pg_port" -U postgres -tAc "SELECT 1 FROM pg_roles WHERE rolname = 'temporal'" | grep -q 1 ||
    psql -h 127.0.0.1 -p "$pg_port" -U postgres -qc "CREATE ROLE temporal LOGIN CREATEDB PASSWORD 'temporal'"
  log "PostgreSQL: up on 127.0.0.1:$pg_port"
}

postgres_down() {
  [ -f "$dir/postgres/postmaster.pid" ] || return 0
  as_pg "$pg_bin/pg_ctl" -D "$dir/postgres" -m fast -w stop >/dev/null && log "PostgreSQL: stopped"
}

# ---------- The Temporal server ----------
temporal_config() { # the server's configuration: PostgreSQL for both stores, every service on loopback
  cat <<YAML
log:
  stdout: true
  level: warn
persistence:
  defaultStore: default
  visibilityStore: visibility
  numHistoryShards: 4
  datastores:
    default:
      sql: { pluginName: postgres12, databaseName: temporal, connectAddr: "127.0.0.1:$pg_port", connectProtocol: tcp, user: temporal, password: temporal, maxConns: 20, maxIdleConns: 20, maxConnLifetime: 1h }
    visibility:
      sql: { pluginName: postgres12, databaseName: temporal_visibility, connectAddr: "127.0.0.1:$pg_port", connectProtocol: tcp, user: temporal, password: temporal, maxConns: 10, maxIdleConns: 10, maxConnLifetime: 1h }
global:
  membership: { maxJoinDuration: 30s, broadcastAddress: 127.0.0.1 }
services:
  frontend: { rpc: { grpcPort: $tp, membershipPort: $((tp + 100)), bindOnLocalHost: true, httpPort: $((tp + 10)) } }
  history: { rpc: { grpcPort: $((tp + 1)), membershipPort: $((tp + 101)), bindOnLocalHost: true } }
  matching: { rpc: { grpcPort: $((tp + 2)), membershipPort: $((tp + 102)), bindOnLocalHost: true } }
  worker: { rpc: { grpcPort: $((tp + 6)), membershipPort: $((tp + 106)), bindOnLocalHost: true } }
clusterMetadata:
  enableGlobalNamespace: false
  failoverVersionIncrement: 10
  masterClusterName: active
  currentClusterName: active
  clusterInformation:
    active: { enabled: true, initialFailoverVersion: 1, rpcName: frontend, rpcAddress: "127.0.0.1:$temporal_port" }
dcRedirectionPolicy: { policy: noop }
dynamicConfigClient: { filepath: "$dir/temporal/dynamicconfig.yaml", pollInterval: 10s }
YAML
}

temporal_up() {
  local bins cli
  bins="$(bash "$root/scripts/temporal-server.sh")"
  cli="$(bash "$root/scripts/services.sh" temporal-cli)"
  mkdir -p "$dir/temporal"
  local sql=("$bins/temporal-sql-tool" --plugin postgres12 --ep 127.0.0.1 -p "$pg_port" -u temporal --pw temporal)
  for db in temporal temporal_visibility; do
    psql -h 127.0.0.1 -p "$pg_port" -U postgres -tAc "SELECT 1 FROM pg_database WHERE datname = '$db'" | grep -q 1 ||
      "${sql[@]}" --db "$db" create-database >>"$dir/logs/temporal-schema.log" 2>&1
    local schema="postgresql/v12/${db#temporal_}" # temporal, visibility
    "${sql[@]}" --db "$db" setup-schema -v 0.0 >>"$dir/logs/temporal-schema.log" 2>&1 || true # already set up: kept
    "${sql[@]}" --db "$db" update-schema --schema-name "$schema" >>"$dir/logs/temporal-schema.log" 2>&1
  done
  temporal_config >"$dir/temporal/config.yaml"
  [ -f "$dir/temporal/dynamicconfig.yaml" ] || printf 'limit.maxIDLength:\n  - value: 255\n' >"$dir/temporal/dynamicconfig.yaml"
  start_bg temporal-server "$bins/temporal-server" --config-file "$dir/temporal/config.yaml" --allow-no-auth start
  wait_until 120 "The Temporal server" "$cli" operator cluster health --address "127.0.0.1:$temporal_port"
  # A new cluster has no namespace: guichet's is registered once (the workers add its search attributes).
  "$cli" operator namespace describe --address "127.0.0.1:$temporal_port" --namespace default >/dev/null 2>&1 ||
    wait_until 60 "The namespace default" "$cli" operator namespace create --address "127.0.0.1:$temporal_port" --namespace default --retention 30d
  log "Temporal server: up on 127.0.0.1:$temporal_port (PostgreSQL)"
}

# ---------- HAProxy in front of the API processes ----------
balancer_up() {
  command -v haproxy >/dev/null || apt_install haproxy
  mkdir -p "$dir/haproxy"
  {
    cat <<CFG
global
  maxconn 4096
defaults
  mode http
  timeout connect 5s
  timeout client 60s
  timeout server 60s
  # The ticket list's change stream stays open: it is a tunnel once established.
  timeout tunnel 1h
  option forwardfor
  # A process that died is tried no more: a request it could not take goes to the other one. A read
  # it dropped unanswered is asked again of the other; a write is not (its client retries with its key).
  retries 2
  option redispatch 1
  retry-on all-retryable-errors
frontend guichet
  bind 127.0.0.1:$public_port
  default_backend api
backend api
  balance roundrobin
  option httpchk GET /readyz
  http-request disable-l7-retry if !{ method GET HEAD OPTIONS }
CFG
    for port in "${api_ports[@]}"; do echo "  server api-$port 127.0.0.1:$port check inter 2s fall 2 rise 1"; done
  } >"$dir/haproxy/haproxy.cfg"
  start_bg haproxy haproxy -db -f "$dir/haproxy/haproxy.cfg"
  wait_until 30 HAProxy accepts "$public_port"
  log "HAProxy: http://localhost:$public_port → API processes on ${api_ports[*]}"
}

# ---------- guichet's processes ----------
guichet_up() {
  local n=1
  for port in "${api_ports[@]}"; do
    GUICHET_ROLES=api GUICHET_PORT="$port" GUICHET_TRUST_PROXY=loopback GUICHET_METRICS_PORT=$((9470 + n)) \
      start_bg "api-$n" node --import tsx "$root/runtime/main.ts"
    n=$((n + 1))
  done
  for n in 1 2; do
    # Each process's metrics on a loopback port of its own; the workers' SDK metrics beside them.
    GUICHET_ROLES=worker GUICHET_METRICS_PORT=$((9480 + n)) GUICHET_TEMPORAL_METRICS_PORT=$((9490 + n)) \
      start_bg "worker-$n" node --import tsx "$root/runtime/main.ts"
    GUICHET_ROLES=relay GUICHET_METRICS_PORT=$((9500 + n)) start_bg "relay-$n" node --import tsx "$root/runtime/main.ts"
  done
  n=1
  for port in "${api_ports[@]}"; do
    wait_until 120 "API process $n" curl -fs "http://127.0.0.1:$port/readyz"
    n=$((n + 1))
  done
}

guichet_down() {
  local name
  for name in api-1 api-2 worker-1 worker-2 relay-1 relay-2 haproxy; do stop_pid "$dir/run/$name.pid" "$name"; done
}

# The cluster keeps its tickets apart from npm start's: their workflows live on another server.
cluster_env() {
  export GUICHET_TEMPORAL_ADDRESS="127.0.0.1:$temporal_port"
  database="${GUICHET_CLUSTER_DATABASE:-guichet_cluster}"
  export GUICHET_DB_URL="mariadb://guichet:guichet@127.0.0.1:${GUICHET_MARIADB_PORT:-3306}/$database"
  export GUICHET_CLICKHOUSE_DATABASE="$database" GUICHET_ATTACHMENTS_DIR="$dir/attachments"
  # What npm run backup:cluster dumps and restore:cluster loads besides MariaDB: the Temporal server's databases.
  export GUICHET_TEMPORAL_POSTGRES_URL="postgres://temporal:temporal@127.0.0.1:$pg_port"
}

crash() { # crash <name>: kills one part as a crash would (SIGKILL); `revive` starts it again
  case "$1" in
    api-* | worker-* | relay-* | temporal-server | haproxy) kill -9 "$(cat "$dir/run/$1.pid")" ;;
    postgres) as_pg "$pg_bin/pg_ctl" -D "$dir/postgres" -m immediate stop >/dev/null ;;
    mariadb) kill -9 "$(cat "$data/mariadb/mariadbd.pid")" ;;
    clickhouse) kill -9 "$(cat "$data/clickhouse/clickhouse.pid")" ;;
    *)
      echo "crash: one of api-N, worker-N, relay-N, temporal-server, haproxy, postgres, mariadb, clickhouse" >&2
      return 2
      ;;
  esac
  log "$1: killed"
}

case "${1:-}" in
  crash) crash "${2:-}" ;;
  backup)
    cd "$root"
    cluster_env
    node --import tsx scripts/backup.ts "${@:2}"
    ;;
  restore)
    [ -n "${2:-}" ] || { echo "usage: $0 restore <backup folder>" >&2; exit 2; }
    cd "$root"
    guichet_down
    cluster_env
    node --import tsx scripts/restore.ts "$2"
    guichet_up
    balancer_up
    ;;
  temporal-server) # temporal-server up|down: what a restore does to the server while its databases are put back
    case "${2:-}" in
      up) postgres_up && temporal_up ;;
      down) stop_pid "$dir/run/temporal-server.pid" "Temporal server" ;;
      *) echo "usage: $0 temporal-server up|down" >&2; exit 2 ;;
    esac
    ;;
  revive)
    # Starts again whatever part of a running cluster is down, on its data and ports.
    cd "$root"
    [ -n "${GUICHET_CLUSTER_SERVICES_RUNNING:-}" ] || bash scripts/services.sh up "mariadb clickhouse"
    postgres_up
    temporal_up
    cluster_env
    guichet_up
    balancer_up
    ;;
  up)
    mkdir -p "$dir/logs" "$dir/run"
    cd "$root"
    bash scripts/install-deps.sh
    npx vite build >"$dir/logs/web-build.log"
    # On the dev server's port, the cluster's Temporal server takes its place.
    [ "$temporal_port" != 7233 ] || bash scripts/services.sh down temporal
    if [ -z "${GUICHET_DEMO_PASSWORD:-}" ]; then
      [ -s "$data/demo-password" ] || (umask 077 && node -e 'process.stdout.write(require("node:crypto").randomBytes(12).toString("base64url"))' >"$data/demo-password")
      GUICHET_DEMO_PASSWORD="$(cat "$data/demo-password")"
    fi
    export GUICHET_DEMO_PASSWORD
    # GUICHET_CLUSTER_SERVICES_RUNNING: MariaDB, ClickHouse and the mail server are someone else's (the
    # test suite's): they are neither started, nor stopped, nor given the demo's mail password.
    if [ -z "${GUICHET_CLUSTER_SERVICES_RUNNING:-}" ]; then
      export GUICHET_MAIL_PASSWORD="$GUICHET_DEMO_PASSWORD"
      bash scripts/services.sh up "mariadb clickhouse mail"
    fi
    postgres_up
    temporal_up
    cluster_env
    node --import tsx scripts/migrate.ts
    node --import tsx scripts/seed-demo.ts
    guichet_up
    balancer_up
    log "guichet runs on http://localhost:$public_port (two API processes, two workers, two relays); log in as for npm start, with GUICHET_DEMO_PASSWORD or the password in $data/demo-password"
    ;;
  down)
    guichet_down
    stop_pid "$dir/run/temporal-server.pid" "Temporal server"
    postgres_down
    [ -n "${GUICHET_CLUSTER_SERVICES_RUNNING:-}" ] || bash "$root/scripts/services.sh" down "mariadb clickhouse mail"
    ;;
  *)
    echo "usage: $0 up|down|crash <part>|revive|backup [<folder>]|restore <folder>" >&2
    exit 2
    ;;
esac

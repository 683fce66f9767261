#!/usr/bin/env bash
# Prints the folder holding the production Temporal server (`temporal-server`) and its schema tool
# (`temporal-sql-tool`, which carries the SQL schemas), built from the Go module go.temporal.io/server at a pinned version through
# the Go module proxy. The build (several minutes on 2 cores) is cached outside the clone, under
# ${XDG_CACHE_HOME:-~/.cache}/guichet, so later runs on the same machine reuse it.
set -euo pipefail

version="v1.32.2"
# The module asks for Go 1.26.10 or newer; the go command fetches this approved toolchain itself.
export GOTOOLCHAIN="go1.27.3"
cache="${XDG_CACHE_HOME:-$HOME/.cache}/guichet"
dir="$cache/temporal-server-$version"

log() { printf '[temporal-server] %s\n' "$*" >&2; }

if [ -x "$dir/temporal-server" ] && [ -x "$dir/temporal-sql-tool" ]; then
  echo "$dir"
  exit 0
fi
command -v go >/dev/null || { log "Go is needed to build the Temporal server (MACHINE.md)"; exit 1; }
log "building the Temporal server $version from go.temporal.io/server (cached in $dir; several minutes the first time)"
work="$cache/temporal-build-$version"
mkdir -p "$work" "$dir"
cd "$work"
[ -f go.mod ] || go mod init guichet.local/temporal-build >/dev/null 2>&1
go get "go.temporal.io/server/cmd/server@$version" "go.temporal.io/server/cmd/tools/sql@$version" >&2
go build -o "$dir/temporal-server.partial" go.temporal.io/server/cmd/server
go build -o "$dir/temporal-sql-tool.partial" go.temporal.io/server/cmd/tools/sql
mv "$dir/temporal-server.partial" "$dir/temporal-server"
mv "$dir/temporal-sql-tool.partial" "$dir/temporal-sql-tool"
log "built in $dir"
echo "$dir"

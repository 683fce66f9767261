# Shell helpers the service scripts share (sourced, not run): waiting for a service, stopping a
# process by its pid file, installing Debian packages. The sourcing script defines `log` and `root`.

wait_until() { # wait_until <seconds> <what> <command...>
  local seconds="$1" what="$2"
  shift 2
  for _ in $(seq 1 $((seconds * 5))); do
    if "$@" >/dev/null 2>&1; then return 0; fi
    sleep 0.2
  done
  log "$what did not answer within ${seconds}s"
  return 1
}

apt_install() { bash "$root/scripts/apt-install.sh" "$@"; }

pid_alive() { [ -f "$1" ] && kill -0 "$(cat "$1")" 2>/dev/null; }

accepts() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

stop_pid() { # stop_pid <pidfile> <name>: asks the process to stop and waits until it is gone
  local pidfile="$1" name="$2" pid
  pid_alive "$pidfile" || return 0
  pid="$(cat "$pidfile")"
  kill "$pid"
  for _ in $(seq 1 150); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
  kill -0 "$pid" 2>/dev/null && kill -9 "$pid"
  rm -f "$pidfile"
  log "$name: stopped"
}

#!/usr/bin/env bash
# scripts/stack.sh up|down|status|restart: the production stack on one machine, no containers.
#
#   up      PostgreSQL database (on the running server), migrate, demo data if empty,
#           collectstatic, WEB gunicorn workers and one task worker, all on loopback
#   down    stop the web and worker processes (the database stays)
#   status  which processes run, how often the worker was restarted, what /readyz says
#   exec    run a command with the stack's settings (e.g. exec .venv/bin/python manage.py shell)
#
# Settings (environment):
#   WEB=2                 gunicorn worker processes
#   PORT=8140             loopback port of the web processes
#   SCALE=1               `duijie demo --scale` when the database is empty
#   STACK_DATABASE_URL    default postgres://postgres@127.0.0.1:5432/duijie_stack
#   TASK_WORKER           the worker's management command (default: run_worker)
# Pid files and logs (one JSON line per request) under var/stack/. The task worker runs
# under a supervisor loop (`stack.sh supervise`, started by `up`): when the worker dies
# (killed, crashed, database gone) it is started again after a pause (2 s, doubling up to
# 60 s while it keeps dying within 10 s), with a line in worker.log; the count is in
# var/stack/worker.restarts.
set -euo pipefail

cd "$(dirname "$0")/.."
ROOT=$(pwd)
STACK="$ROOT/var/stack"
PY="$ROOT/.venv/bin/python"
WEB=${WEB:-2}
PORT=${PORT:-8140}
SCALE=${SCALE:-1}
DATABASE_URL=${STACK_DATABASE_URL:-postgres://postgres@127.0.0.1:5432/duijie_stack}

say() { printf '\033[1m==> %s\033[0m\n' "$*"; }

environment() {
  mkdir -p "$STACK/data" "$STACK/metrics"
  [ -s "$STACK/secret_key" ] || (umask 077 && "$PY" -c \
    'import secrets; print(secrets.token_urlsafe(50))' > "$STACK/secret_key")
  export DJANGO_SETTINGS_MODULE=duijie.settings
  export DUIJIE_PRODUCTION=1
  export DUIJIE_SECRET_KEY
  DUIJIE_SECRET_KEY=$(cat "$STACK/secret_key")
  export DUIJIE_DATABASE_URL="$DATABASE_URL"
  export DUIJIE_ALLOWED_HOSTS="127.0.0.1,localhost"
  export DUIJIE_SITE_URL="http://127.0.0.1:$PORT"
  export DUIJIE_VAR_DIR="$STACK/data"
  export DUIJIE_BIND="127.0.0.1:$PORT"
  # Plain http on loopback: no HTTPS redirect or HSTS. Production needs an SMTP host:
  # 127.0.0.1:1025 unless set (run a local catcher there to see the mails).
  export DUIJIE_SSL_REDIRECT=0 DUIJIE_HSTS_SECONDS=0
  export DUIJIE_EMAIL_HOST="${DUIJIE_EMAIL_HOST:-127.0.0.1}" DUIJIE_EMAIL_PORT="${DUIJIE_EMAIL_PORT:-1025}"
  export PROMETHEUS_MULTIPROC_DIR="$STACK/metrics"
  export WEB
}

task_worker() {
  if [ -n "${TASK_WORKER:-}" ]; then echo "$TASK_WORKER"; return; fi
  echo run_worker
}

running() { [ -s "$1" ] && kill -0 "$(cat "$1")" 2>/dev/null; }

database() {
  local name=${DATABASE_URL##*/} server=${DATABASE_URL%/*}
  if ! psql "$server/postgres" -tAc "SELECT 1 FROM pg_database WHERE datname = '$name'" | grep -q 1; then
    say "Creating database $name"
    psql "$server/postgres" -qc "CREATE DATABASE \"$name\""
  fi
  "$PY" manage.py migrate --noinput -v 0
  if [ "$("$PY" manage.py shell -v 0 -c 'from duijie.accounts.models import User; print(User.objects.count())')" = 0 ]; then
    say "Loading demo data (scale $SCALE)"
    "$PY" manage.py demo --scale "$SCALE"
  fi
}

wait_ready() {
  for _ in $(seq 1 120); do
    if "$PY" -c "import urllib.request as u; u.urlopen('http://127.0.0.1:$PORT/readyz', timeout=2)" 2>/dev/null; then
      say "Ready on http://127.0.0.1:$PORT/  ($WEB web processes, worker: $(task_worker))"
      return 0
    fi
    running "$STACK/web.pid" || { echo "the web processes stopped: see $STACK/web.log" >&2; return 1; }
    sleep 0.5
  done
  echo "not ready after 60 s: see $STACK/web.log" >&2
  return 1
}

up() {
  environment
  if running "$STACK/web.pid"; then echo "already up (scripts/stack.sh down first)"; return 0; fi
  # Static files first: URL modules resolve hashed names when imported. Skipped when the
  # collected copy (its manifest) is newer than every static source file.
  local manifest="$STACK/data/static/staticfiles.json"
  if [ -s "$manifest" ] && [ -z "$(find src -path '*/static/*' -type f -newer "$manifest" -print -quit)" ]; then
    echo "static files up to date"
  else
    "$PY" manage.py collectstatic --noinput -v 0
  fi
  database
  rm -f "$STACK/metrics"/*.db
  say "Starting $WEB web processes on 127.0.0.1:$PORT"
  nohup "$ROOT/.venv/bin/gunicorn" -c "$ROOT/deploy/gunicorn.conf.py" --chdir "$ROOT/src" \
    duijie.wsgi >> "$STACK/web.log" 2>&1 &
  echo $! > "$STACK/web.pid"
  say "Starting the task worker ($(task_worker)) under its supervisor"
  echo 0 > "$STACK/worker.restarts"
  nohup "$ROOT/scripts/stack.sh" supervise >> "$STACK/worker.log" 2>&1 &
  echo $! > "$STACK/supervisor.pid"
  wait_ready
}

# The worker's supervisor: start the worker, and start it again whenever it exits
# without having been asked to (TERM to the supervisor stops both).
supervise() {
  environment
  local child="" stopping="" pause=2 started code
  trap 'stopping=1; [ -n "$child" ] && kill -TERM "$child" 2>/dev/null' TERM INT
  while [ -z "$stopping" ]; do
    started=$(date +%s)
    "$PY" manage.py "$(task_worker)" &
    child=$!
    echo "$child" > "$STACK/worker.pid"
    code=0; wait "$child" || code=$?
    while kill -0 "$child" 2>/dev/null; do wait "$child" || true; done  # TERM interrupted the wait
    [ -n "$stopping" ] && break
    if [ $(( $(date +%s) - started )) -lt 10 ]; then pause=$(( pause * 2 > 60 ? 60 : pause * 2 )); else pause=2; fi
    echo $(( $(cat "$STACK/worker.restarts" 2>/dev/null || echo 0) + 1 )) > "$STACK/worker.restarts"
    echo "$(date -u +%FT%TZ) stack.sh: the task worker (pid $child) exited with status $code;" \
      "restart $(cat "$STACK/worker.restarts") in $pause s"
    sleep "$pause" & wait $! || true
  done
  rm -f "$STACK/worker.pid"
}

stop() {
  local pidfile="$STACK/$1.pid"
  if running "$pidfile"; then
    local pid
    pid=$(cat "$pidfile")
    kill -TERM "$pid"
    for _ in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
    kill -0 "$pid" 2>/dev/null && kill -KILL "$pid"
    echo "stopped $1 ($pid)"
  fi
  rm -f "$pidfile"
}

down() { stop supervisor; stop worker; stop web; }

status() {
  environment
  for process in web worker supervisor; do
    if running "$STACK/$process.pid"; then echo "$process: running ($(cat "$STACK/$process.pid"))"
    else echo "$process: stopped"; fi
  done
  echo "worker restarts: $(cat "$STACK/worker.restarts" 2>/dev/null || echo 0)"
  grep 'stack.sh: the task worker' "$STACK/worker.log" 2>/dev/null | tail -3 | sed 's/^/  /' || true
  "$PY" -c "
import urllib.request as u, urllib.error as e
try: print('readyz:', u.urlopen('http://127.0.0.1:$PORT/readyz', timeout=3).read().decode())
except e.HTTPError as error: print('readyz:', error.code, error.read().decode())
except OSError as error: print('readyz: no answer', error)"
}

case "${1:-}" in
  up) up ;;
  down) down ;;
  restart) down; up ;;
  status) status ;;
  supervise) supervise ;;
  exec) shift; environment; exec "$@" ;;
  *) echo "usage: scripts/stack.sh up|down|status|restart|exec COMMAND…|supervise" >&2; exit 2 ;;
esac

#!/usr/bin/env bash
# scripts/loadtest_faults.sh: faults while the stack is under load (2 web processes,
# USERS locust users for DURATION), loopback only:
#   t=30 s   PostgreSQL restarts (pg_ctl restart -m fast: every connection is cut, the
#            server is down until it has started again); /readyz polled every second
#            until it answers 200 again
#   t≈60 s   one 50 MB upload (the directory import, as staff)
#   t≈80 s   a booklet job is queued (time limit JOB_LIMIT s per attempt) and its worker
#            killed (SIGKILL) once the job runs; stack.sh's supervisor starts a new worker,
#            whose recovery finds the job stale after JOB_LIMIT + 60 s and retries it (or
#            marks it failed); the job is followed until it is finished (at most WATCH s)
# Afterwards the database is checked (scripts/loadtest.py verify): double bookings, and
# every request the run accepted stored as accepted with its meeting.
#
# PostgreSQL: by default a private server for this run (PRIVATE_PG=1): a cluster made with
# initdb in PGDIR (default /tmp/duijie-faults-pg) on 127.0.0.1:PGPORT (default 5433) with
# the Debian binaries under /usr/lib/postgresql/*/bin, database duijie_faults, demo data
# at SCALE (default 1), or a copy of COPY_FROM (a database URL). Only this server is restarted: a shared server (other databases,
# other people) is never touched. PRIVATE_PG=0 uses STACK_DATABASE_URL (default the
# stack's database on 127.0.0.1:5432) and, instead of a restart, terminates that one
# database's connections and refuses new ones for 10 s (what the app sees of a restart).
set -euo pipefail
cd "$(dirname "$0")/.."
USERS=${USERS:-200}
DURATION=${DURATION:-180s}
PORT=${PORT:-8140}
JOB_LIMIT=${JOB_LIMIT:-90}
WATCH=${WATCH:-420}
PRIVATE_PG=${PRIVATE_PG:-1}
OUT=var/stack/loadtest
STACK=var/stack
PY=.venv/bin/python
log() { echo "$(date -u +%T) $*" | tee -a "$OUT/faults.log"; }
mkdir -p "$OUT"; : > "$OUT/faults.log"

if [ "$PRIVATE_PG" = 1 ]; then
  PGBIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
  PGDIR=${PGDIR:-/tmp/duijie-faults-pg}
  PGPORT=${PGPORT:-5433}
  # initdb and the server refuse to run as root: as root, run them as postgres
  as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
  if [ ! -s "$PGDIR/PG_VERSION" ]; then
    mkdir -p "$PGDIR"
    [ "$(id -u)" = 0 ] && chown postgres: "$PGDIR"
    as_pg "$PGBIN/initdb" -D "$PGDIR" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
  fi
  if ! as_pg "$PGBIN/pg_ctl" -D "$PGDIR" status >/dev/null; then
    as_pg "$PGBIN/pg_ctl" -D "$PGDIR" -w -l "$PGDIR/server.log" \
      -o "-p $PGPORT -k $PGDIR -c listen_addresses=127.0.0.1" start >/dev/null
  fi
  export STACK_DATABASE_URL="postgres://postgres@127.0.0.1:$PGPORT/duijie_faults"
  # COPY_FROM=postgres://…/db: start from a copy of that database (pg_dump | pg_restore)
  # instead of migrate + demo, when the private server does not have duijie_faults yet
  if [ -n "${COPY_FROM:-}" ] && ! psql "${STACK_DATABASE_URL%/*}/postgres" -tAc \
      "SELECT 1 FROM pg_database WHERE datname = 'duijie_faults'" | grep -q 1; then
    log "copying $COPY_FROM into the private server"
    psql "${STACK_DATABASE_URL%/*}/postgres" -qc 'CREATE DATABASE duijie_faults'
    "$PGBIN/pg_dump" -Fc "$COPY_FROM" | "$PGBIN/pg_restore" --no-owner -d "$STACK_DATABASE_URL"
  fi
  log "private PostgreSQL ($PGBIN) in $PGDIR on 127.0.0.1:$PGPORT"
fi
DB=${STACK_DATABASE_URL:-postgres://postgres@127.0.0.1:5432/duijie_stack}
SERVER=${DB%/*}
NAME=${DB##*/}

.tools/bin/uv sync --frozen --group load --quiet
scripts/stack.sh down >/dev/null
WEB=2 PORT=$PORT scripts/stack.sh up
scripts/stack.sh exec $PY -m scripts.loadtest prepare --participants "$USERS"
log "load: $USERS users for $DURATION, load average $(cut -d' ' -f1-3 /proc/loadavg)"
.venv/bin/locust -f scripts/locustfile.py --headless -u "$USERS" -r 20 -t "$DURATION" \
  --host "http://127.0.0.1:$PORT" --csv "$OUT/faults" --only-summary > "$OUT/faults-locust.log" 2>&1 &
LOCUST=$!

readyz() { curl -s -o /dev/null -m 5 -w '%{http_code}' "http://127.0.0.1:$PORT/readyz" || true; }
sleep 30
if [ "$PRIVATE_PG" = 1 ]; then
  log "PostgreSQL restart (pg_ctl restart -m fast)"
  start=$(date +%s.%N)
  as_pg "$PGBIN/pg_ctl" -D "$PGDIR" -w -m fast restart >/dev/null
  log "  server accepting connections again after $(echo "$(date +%s.%N) - $start" | bc | cut -c1-5) s"
else
  log "database away: terminate connections, refuse new ones for 10 s"
  psql "$SERVER/postgres" -qAtc "ALTER DATABASE \"$NAME\" ALLOW_CONNECTIONS false" >/dev/null
  psql "$SERVER/postgres" -qAtc "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = '$NAME'" | sed 's/^/  terminated: /' | tee -a "$OUT/faults.log"
  for _ in $(seq 1 10); do log "  readyz $(readyz)"; sleep 1; done
  psql "$SERVER/postgres" -qAtc "ALTER DATABASE \"$NAME\" ALLOW_CONNECTIONS true" >/dev/null
  log "database back"
fi
for _ in $(seq 1 30); do
  code=$(readyz)
  log "  readyz $code  healthz $(curl -s -o /dev/null -m 5 -w '%{http_code}' "http://127.0.0.1:$PORT/healthz" || true)"
  [ "$code" = 200 ] && break
  sleep 1
done

sleep 20
log "50 MB upload to the directory import"
DESK=$($PY -c "import json; print(json.load(open('$OUT/plan.json'))['desk']['session'])")
head -c 52428800 /dev/urandom > "$OUT/big.csv"
log "  $(curl -s -o "$OUT/upload-response.html" -m 120 -w 'status %{http_code} in %{time_total}s' \
  -b "sessionid=$DESK; csrftoken=loadtestcsrfsecret00000000000000" \
  -H "X-CSRFToken: loadtestcsrfsecret00000000000000" \
  -F "file=@$OUT/big.csv;type=text/csv" "http://127.0.0.1:$PORT/directory/import/")"
rm -f "$OUT/big.csv"
log "  web processes still up: $(scripts/stack.sh status | head -1)"

log "worker killed mid-task"
JOB=$(scripts/stack.sh exec $PY -m scripts.loadtest booklet --limit "$JOB_LIMIT")
log "  booklet job $JOB queued (time limit $JOB_LIMIT s per attempt); worker restarts so far: $(cat $STACK/worker.restarts)"
state=""
for _ in $(seq 1 120); do
  state=$(scripts/stack.sh exec $PY -m scripts.loadtest job "$JOB")
  case "$state" in *RUNNING*) break ;; esac
  sleep 1
done
log "  job $JOB before: $state"
kill -KILL "$(cat $STACK/worker.pid)"
killed=$(date +%s)
log "  worker $(cat $STACK/worker.pid) killed; the supervisor starts another"
last=""
while [ $(( $(date +%s) - killed )) -lt "$WATCH" ]; do
  state=$(scripts/stack.sh exec $PY -m scripts.loadtest job "$JOB")
  [ "$state" != "$last" ] && log "  job $JOB $(( $(date +%s) - killed )) s after the kill: $state"
  last=$state
  case "$state" in *SUCCESSFUL*|*FAILED*) break ;; esac
  sleep 5
done
log "  worker restarts: $(cat $STACK/worker.restarts)"

wait $LOCUST || true
$PY -m scripts.loadtest report "$OUT/faults_stats.csv" | tee -a "$OUT/faults.log"
grep -A30 "Error report" "$OUT/faults-locust.log" | head -20 | tee -a "$OUT/faults.log" || true
scripts/stack.sh exec $PY -m scripts.loadtest verify | tee -a "$OUT/faults.log"
log "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"

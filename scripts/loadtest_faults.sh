#!/usr/bin/env bash
# scripts/loadtest_faults.sh: faults while the stack is under load (2 web processes,
# USERS locust users for DURATION), loopback only:
#   t=30 s   the database goes away for 10 s: every connection to duijie_stack is
#            terminated and new ones refused (ALTER DATABASE … ALLOW_CONNECTIONS false),
#            which is what the app sees of a PostgreSQL restart without restarting the
#            server other databases on this machine share; /readyz polled every second
#   t=70 s   one 50 MB upload (the directory import, as staff)
#   t=90 s   a booklet job is queued and its worker killed (SIGKILL) once it runs;
#            stack.sh's supervisor starts a new worker; the job's state is read 60 s later
# Afterwards the database is checked for double bookings (scripts/loadtest.py verify).
set -euo pipefail
cd "$(dirname "$0")/.."
USERS=${USERS:-200}
DURATION=${DURATION:-180s}
PORT=${PORT:-8140}
OUT=var/stack/loadtest
STACK=var/stack
PY=.venv/bin/python
DB=${STACK_DATABASE_URL:-postgres://postgres@127.0.0.1:5432/duijie_stack}
SERVER=${DB%/*}
NAME=${DB##*/}
log() { echo "$(date -u +%T) $*" | tee -a "$OUT/faults.log"; }
mkdir -p "$OUT"; : > "$OUT/faults.log"

.tools/bin/uv sync --frozen --group load --quiet
scripts/stack.sh down >/dev/null
WEB=2 PORT=$PORT scripts/stack.sh up
scripts/stack.sh exec $PY -m scripts.loadtest prepare --participants "$USERS"
.venv/bin/locust -f scripts/locustfile.py --headless -u "$USERS" -r 20 -t "$DURATION" \
  --host "http://127.0.0.1:$PORT" --csv "$OUT/faults" --only-summary > "$OUT/faults-locust.log" 2>&1 &
LOCUST=$!

sleep 30
log "database away: terminate connections, refuse new ones"
psql "$SERVER/postgres" -qAtc "ALTER DATABASE \"$NAME\" ALLOW_CONNECTIONS false" >/dev/null
psql "$SERVER/postgres" -qAtc "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = '$NAME'" | sed 's/^/  terminated: /' | tee -a "$OUT/faults.log"
for i in $(seq 1 10); do
  log "  readyz $(curl -s -o /dev/null -m 5 -w '%{http_code} %{time_total}s' "http://127.0.0.1:$PORT/readyz")  healthz $(curl -s -o /dev/null -m 5 -w '%{http_code}' "http://127.0.0.1:$PORT/healthz")"
  sleep 1
done
psql "$SERVER/postgres" -qAtc "ALTER DATABASE \"$NAME\" ALLOW_CONNECTIONS true" >/dev/null
log "database back"
for i in $(seq 1 10); do
  code=$(curl -s -o /dev/null -m 5 -w '%{http_code}' "http://127.0.0.1:$PORT/readyz")
  log "  readyz $code"
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
JOB=$(scripts/stack.sh exec $PY -m scripts.loadtest booklet)
log "  worker restarts so far (stack.sh's supervisor): $(cat $STACK/worker.restarts)"
for i in $(seq 1 60); do
  state=$(scripts/stack.sh exec $PY -m scripts.loadtest job "$JOB")
  case "$state" in *running*) break ;; esac
  sleep 1
done
log "  job $JOB before: $state"
kill -KILL "$(cat $STACK/worker.pid)"
log "  worker $(cat $STACK/worker.pid) killed; the supervisor starts another"
sleep 60
log "  worker restarts: $(cat $STACK/worker.restarts)"
log "  job $JOB 60 s later: $(scripts/stack.sh exec $PY -m scripts.loadtest job "$JOB")"

wait $LOCUST || true
$PY -m scripts.loadtest report "$OUT/faults_stats.csv" | tee -a "$OUT/faults.log"
grep -A30 "Error report" "$OUT/faults-locust.log" | head -20 | tee -a "$OUT/faults.log" || true
scripts/stack.sh exec $PY -m scripts.loadtest verify | tee -a "$OUT/faults.log"

#!/usr/bin/env bash
# scripts/loadtest.sh: locust against the stack (PostgreSQL, WEB gunicorn processes,
# one task worker), loopback only, bounded by DURATION.
#
#   WEBS="1 2 4" USERS=200 DURATION=5m scripts/loadtest.sh
#
# For each number of web processes: restart the stack with that many, add a fresh
# batch of signed-in participants (scripts/loadtest.py prepare), run locust headless
# (participant agenda, catalogue search, meeting accept, check-in), then count double
# bookings in the database. Results: var/stack/loadtest/web<N>_stats.csv and a
# Markdown table on stdout. Because the machine may be shared, each run also reports the
# load average sampled every 15 s while locust runs and the CPU time the web processes
# used (user + system, from /proc; CPU ms per request does not depend on how busy the
# machine was the way latencies do).
set -euo pipefail
cd "$(dirname "$0")/.."
WEBS=${WEBS:-2}
USERS=${USERS:-200}
DURATION=${DURATION:-5m}
SPAWN=${SPAWN:-20}
PORT=${PORT:-8140}
OUT=var/stack/loadtest
mkdir -p "$OUT"
TICK=$(getconf CLK_TCK)

# CPU clock ticks (user + system) used so far by the gunicorn workers alive now
web_ticks() {
  local total=0 pid
  for pid in $(pgrep -P "$(cat var/stack/web.pid)"); do
    total=$(( total + $(awk '{print $14 + $15}' "/proc/$pid/stat" 2>/dev/null || echo 0) ))
  done
  echo "$total"
}

.tools/bin/uv sync --frozen --group load --quiet
for web in $WEBS; do
  scripts/stack.sh down >/dev/null
  WEB=$web PORT=$PORT scripts/stack.sh up
  scripts/stack.sh exec .venv/bin/python -m scripts.loadtest prepare --participants "$USERS"
  since=$(date -u +%FT%T)
  echo "== $web web processes, $USERS users, $DURATION (${since}Z), load average: $(cut -d' ' -f1-3 /proc/loadavg)"
  before=$(web_ticks)
  .venv/bin/locust -f scripts/locustfile.py --headless -u "$USERS" -r "$SPAWN" -t "$DURATION" \
    --host "http://127.0.0.1:$PORT" --csv "$OUT/web$web" --only-summary > "$OUT/web$web.log" 2>&1 &
  locust=$!
  : > "$OUT/web$web.loadavg"
  while kill -0 "$locust" 2>/dev/null; do
    cut -d' ' -f1 /proc/loadavg >> "$OUT/web$web.loadavg"
    sleep 15 & wait $! || true
  done
  wait "$locust" || true
  after=$(web_ticks)
  echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg); 1-minute load average" \
    "every 15 s during the run: $(sort -n "$OUT/web$web.loadavg" | sed -n '1p;$p' | paste -sd' ' | sed 's/ / to /')" \
    "(mean $(awk '{s += $1} END {if (NR) printf "%.1f", s / NR}' "$OUT/web$web.loadavg"))"
  requests=$(awk -F, '$2 == "Aggregated" {print $3}' "$OUT/web${web}_stats.csv")
  echo "CPU of the web processes during the run: $(( (after - before) / TICK )) s" \
    "($(awk -v t=$(( after - before )) -v k="$TICK" -v n="$requests" 'BEGIN {if (n) printf "%.0f", 1000 * t / k / n}') ms per request," \
    "$requests requests; a worker recycled by max_requests would be missing from this)"
  .venv/bin/python -m scripts.loadtest report "$OUT/web${web}_stats.csv"
  .venv/bin/python -m scripts.loadtest server var/stack/web.log --since "$since"
  scripts/stack.sh exec .venv/bin/python -m scripts.loadtest verify
done

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
# Markdown table on stdout.
set -euo pipefail
cd "$(dirname "$0")/.."
WEBS=${WEBS:-2}
USERS=${USERS:-200}
DURATION=${DURATION:-5m}
SPAWN=${SPAWN:-20}
PORT=${PORT:-8140}
OUT=var/stack/loadtest
mkdir -p "$OUT"

.tools/bin/uv sync --frozen --group load --quiet
for web in $WEBS; do
  scripts/stack.sh down >/dev/null
  WEB=$web PORT=$PORT scripts/stack.sh up
  scripts/stack.sh exec .venv/bin/python -m scripts.loadtest prepare --participants "$USERS"
  since=$(date -u +%FT%T)
  echo "== $web web processes, $USERS users, $DURATION (${since}Z), load average: $(cut -d' ' -f1-3 /proc/loadavg)"
  .venv/bin/locust -f scripts/locustfile.py --headless -u "$USERS" -r "$SPAWN" -t "$DURATION" \
    --host "http://127.0.0.1:$PORT" --csv "$OUT/web$web" --only-summary > "$OUT/web$web.log" 2>&1 || true
  echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
  .venv/bin/python -m scripts.loadtest report "$OUT/web${web}_stats.csv"
  .venv/bin/python -m scripts.loadtest server var/stack/web.log --since "$since"
  scripts/stack.sh exec .venv/bin/python -m scripts.loadtest verify
done

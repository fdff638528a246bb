#!/usr/bin/env bash
# scripts/check_deploy.sh: check the deployment files without running them (no container
# runtime or registry is needed; a tool that is missing is reported and skipped).
#
#   compose  deploy/compose.yaml through `docker compose config` (Compose v2), else the
#            Python `docker-compose config` (1.29, Debian's docker-compose package), which
#            checks it against the Compose schema it knows: the file is read with the
#            top-level `name:` removed (a v2 field 1.29 predates), a throwaway empty
#            duijie.env and POSTGRES_PASSWORD=check. It parses the YAML, resolves the
#            anchors, the ${…} variables and env_file, and checks every key and value
#            type; it does not build the image or start anything.
#   systemd  every unit in deploy/systemd through `systemd-analyze verify`, on copies
#            whose /srv/duijie paths point at this checkout (so the executables they
#            name exist and only real unit errors remain).
# Exit status 1 if a check that could run failed.
set -uo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
failed=0

echo "== compose: deploy/compose.yaml"
cp deploy/compose.yaml deploy/Dockerfile "$WORK/"
: > "$WORK/duijie.env"
if docker compose version >/dev/null 2>&1; then
  (cd "$WORK" && POSTGRES_PASSWORD=check docker compose -f compose.yaml config -q) \
    && echo "ok (docker compose config)" || failed=1
elif command -v docker-compose >/dev/null; then
  sed -i '/^name: /d' "$WORK/compose.yaml"
  # the build context (..) must exist beside the copy: point it at this checkout
  sed -i "s|context: \.\.|context: $ROOT|" "$WORK/compose.yaml"
  if (cd "$WORK" && POSTGRES_PASSWORD=check docker-compose -f compose.yaml config -q); then
    echo "ok (docker-compose $(docker-compose version --short) config; services:" \
      "$(cd "$WORK" && POSTGRES_PASSWORD=check docker-compose -f compose.yaml config --services | tr '\n' ' '))"
  else
    failed=1
  fi
else
  echo "skipped: neither \`docker compose\` nor docker-compose is installed"
fi

echo "== systemd: deploy/systemd/*"
if command -v systemd-analyze >/dev/null; then
  mkdir "$WORK/units"
  for unit in deploy/systemd/*; do
    sed "s|/srv/duijie|$ROOT|g" "$unit" > "$WORK/units/$(basename "$unit")"
  done
  out=$(systemd-analyze verify "$WORK"/units/* 2>&1)
  if [ -n "$out" ]; then echo "$out"; failed=1; else echo "ok (systemd-analyze verify, $(systemd-analyze --version | head -1))"; fi
else
  echo "skipped: systemd-analyze is not installed"
fi
exit $failed

#!/usr/bin/env bash
# Install everything Duijie needs on a fresh Debian-like machine, idempotently.
#   scripts/setup.sh            the app: Python env, CJK font, gettext, compiled messages
#   scripts/setup.sh --test     also what the tests need: Chromium, poppler (PDF → PNG)
set -euo pipefail
cd "$(dirname "$0")/.."

want_test=0
[ "${1:-}" = "--test" ] && want_test=1

say() { printf '\033[1m==> %s\033[0m\n' "$*"; }

find_python() {
  for candidate in "${DUIJIE_PYTHON:-}" python3.12 python3.13 python3 \
      "$HOME"/.pyenv/versions/3.12*/bin/python3 "$HOME"/.pyenv/versions/3.13*/bin/python3; do
    [ -n "$candidate" ] || continue
    command -v "$candidate" >/dev/null 2>&1 || [ -x "$candidate" ] || continue
    if "$candidate" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 12) else 1)' 2>/dev/null; then
      command -v "$candidate" 2>/dev/null || echo "$candidate"
      return 0
    fi
  done
  return 1
}

apt_install() {
  local missing=()
  for pkg in "$@"; do dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg"); done
  [ ${#missing[@]} -eq 0 ] && return 0
  if ! command -v apt-get >/dev/null 2>&1; then
    echo "Please install these system packages: ${missing[*]}" >&2; return 1
  fi
  local sudo=""; [ "$(id -u)" -ne 0 ] && sudo="sudo"
  say "Installing system packages: ${missing[*]}"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

PYTHON=$(find_python) || { echo "Python 3.12 or newer is required (set DUIJIE_PYTHON)." >&2; exit 1; }
say "Using $PYTHON ($("$PYTHON" --version))"

apt_install fonts-noto-cjk gettext libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz0b
[ "$want_test" = 1 ] && apt_install chromium poppler-utils

UV=$(command -v uv || true)
if [ -z "$UV" ]; then
  if [ ! -x .tools/bin/uv ]; then
    say "Installing uv into .tools/"
    "$PYTHON" -m venv .tools
    .tools/bin/pip install -q "uv>=0.5,<1"
  fi
  UV=.tools/bin/uv
fi

say "Installing Python dependencies from uv.lock"
"$UV" sync --frozen --python "$PYTHON" --quiet

say "Compiling translations"
.venv/bin/python scripts/compile_messages.py

#!/usr/bin/env bash
# Tests: set up .venv if needed and run the whole suite.   Usage: ./test.sh [pytest args]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
"$root/scripts/setup"
# The browser tests drive Debian's chromium (never a downloaded browser). Install it
# when missing and we can; without it those tests skip.
if [ ! -x /usr/bin/chromium ] && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "test: installing Debian's chromium for the browser tests" >&2
  { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; } >/dev/null 2>&1 \
    || echo "test: could not install chromium; the browser tests will be skipped" >&2
fi
cd "$root"
exec "$root/.venv/bin/python" -m pytest "$@"

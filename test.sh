#!/usr/bin/env bash
# Tests: set up .venv if needed and run the whole suite.   Usage: ./test.sh [pytest args]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
"$root/scripts/setup"
cd "$root"
exec "$root/.venv/bin/python" -m pytest "$@"

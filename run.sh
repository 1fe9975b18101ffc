#!/usr/bin/env bash
# Main job: set up .venv if needed, ingest a corpus (default: examples/) into
# redline.db, and print what was found.   Usage: ./run.sh [PATH...]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
"$root/scripts/setup"
[ $# -gt 0 ] || set -- "$root/examples"
"$root/.venv/bin/redline" ingest "$@"
exec "$root/.venv/bin/redline" report

#!/usr/bin/env bash
# Runs the Rust test suite: cargo nextest when installed, cargo test otherwise.
# Extra arguments go to the runner (for example `-p balie-web`).
set -euo pipefail
cd "$(dirname "$0")/.."
scope=(--workspace)
[ "$#" -gt 0 ] && scope=()
if cargo nextest --version >/dev/null 2>&1; then
  exec cargo nextest run "${scope[@]}" --locked --no-fail-fast "$@"
else
  exec cargo test "${scope[@]}" --locked --no-fail-fast "$@"
fi

#!/usr/bin/env bash
# Runs the Rust test suite: cargo nextest when installed, cargo test otherwise.
# Extra arguments go to the runner (for example `-p balie-web`).
set -euo pipefail
cd "$(dirname "$0")/.."
# The whole workspace, unless packages are named.
scope=(--workspace)
for arg in "$@"; do
  case "$arg" in -p|--package|-p*|--package=*) scope=() ;; esac
done
if cargo nextest --version >/dev/null 2>&1; then
  exec cargo nextest run "${scope[@]}" --locked --no-fail-fast "$@"
else
  exec cargo test "${scope[@]}" --locked --no-fail-fast "$@"
fi

#!/usr/bin/env bash
# Runs the browser suite: installs Debian's chromium and the npm packages when missing, builds
# the balie binary, then drives the journeys. Screenshots land in e2e/screenshots/.
set -euo pipefail
cd "$(dirname "$0")"

if [ ! -x /usr/bin/chromium ]; then
  echo "Installing Debian's chromium"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq chromium >/dev/null
fi

if [ ! -d node_modules/playwright-core ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund
fi

target="${CARGO_TARGET_DIR:-$(cd .. && pwd)/target}"
(cd .. && cargo build --locked -p balie)
export BALIE_BIN="$target/debug/balie"
rm -rf screenshots
npm test

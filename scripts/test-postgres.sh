#!/usr/bin/env bash
# Sourced by .ci/run: makes BALIE_TEST_DATABASE_URL point at a PostgreSQL for the tests. Uses the
# server on 127.0.0.1:5432 when one answers; otherwise starts a private cluster with the installed
# PostgreSQL (initdb + pg_ctl) on a free port under a temporary folder, and stops it on exit.

balie_stop_private_postgres() {
  if [ -n "${BALIE_PRIVATE_PG:-}" ]; then
    "${BALIE_PG_RUN[@]}" "$BALIE_PG_BIN/pg_ctl" -D "$BALIE_PRIVATE_PG/data" -m fast stop >/dev/null 2>&1 || true
    rm -rf "$BALIE_PRIVATE_PG"
  fi
}

balie_test_postgres() {
  if [ -n "${BALIE_TEST_DATABASE_URL:-}" ]; then
    return 0
  fi
  if command -v pg_isready >/dev/null 2>&1 && pg_isready -q -h 127.0.0.1 -p 5432; then
    export BALIE_TEST_DATABASE_URL="postgres://postgres@127.0.0.1:5432/test"
    return 0
  fi
  BALIE_PG_BIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
  if [ -z "$BALIE_PG_BIN" ] || [ ! -x "$BALIE_PG_BIN/initdb" ]; then
    echo "No PostgreSQL server answers on 127.0.0.1:5432 and no initdb is installed." >&2
    echo "Install PostgreSQL (apt-get install postgresql) or set BALIE_TEST_DATABASE_URL." >&2
    return 1
  fi
  BALIE_PRIVATE_PG=$(mktemp -d /tmp/balie-pg.XXXXXX)
  local port=55432
  while (exec 3<>/dev/tcp/127.0.0.1/$port) 2>/dev/null; do port=$((port + 1)); done
  # initdb refuses to run as root: the cluster belongs to the postgres user when we are root.
  BALIE_PG_RUN=()
  if [ "$(id -u)" = 0 ]; then
    id postgres >/dev/null 2>&1 || useradd --system --no-create-home postgres
    chown postgres "$BALIE_PRIVATE_PG"
    BALIE_PG_RUN=(runuser -u postgres --)
  fi
  echo "Starting a private PostgreSQL cluster in $BALIE_PRIVATE_PG on port $port" >&2
  trap balie_stop_private_postgres EXIT
  "${BALIE_PG_RUN[@]}" "$BALIE_PG_BIN/initdb" -D "$BALIE_PRIVATE_PG/data" -U postgres -A trust >/dev/null
  "${BALIE_PG_RUN[@]}" "$BALIE_PG_BIN/pg_ctl" -D "$BALIE_PRIVATE_PG/data" -l "$BALIE_PRIVATE_PG/log" -w \
    -o "-p $port -k $BALIE_PRIVATE_PG -c listen_addresses=127.0.0.1" start >/dev/null
  "${BALIE_PG_RUN[@]}" "$BALIE_PG_BIN/createdb" -h 127.0.0.1 -p "$port" -U postgres test
  export BALIE_TEST_DATABASE_URL="postgres://postgres@127.0.0.1:$port/test"
}

#!/usr/bin/env bash
# Prints a PostgreSQL URL for the tests. Uses the server on 127.0.0.1:5432 when one answers;
# otherwise starts a private cluster with the installed PostgreSQL (initdb + pg_ctl) on a free
# port under a temporary folder, and prints its URL. Progress goes to stderr, the URL to stdout.
set -euo pipefail

if command -v pg_isready >/dev/null 2>&1 && pg_isready -q -h 127.0.0.1 -p 5432; then
  echo "postgres://postgres@127.0.0.1:5432/test"
  exit 0
fi

bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
if [ -z "$bin" ] || [ ! -x "$bin/initdb" ]; then
  echo "No PostgreSQL server answers on 127.0.0.1:5432 and no initdb is installed." >&2
  echo "Install PostgreSQL (apt-get install postgresql) or set BALIE_TEST_DATABASE_URL." >&2
  exit 1
fi

dir=$(mktemp -d /tmp/balie-pg.XXXXXX)
port=55432
while (exec 3<>/dev/tcp/127.0.0.1/$port) 2>/dev/null; do port=$((port + 1)); done
# initdb refuses to run as root: the cluster belongs to the postgres user when we are root.
run=()
if [ "$(id -u)" = 0 ]; then
  id postgres >/dev/null 2>&1 || useradd --system --no-create-home postgres
  chown postgres "$dir"
  run=(runuser -u postgres --)
fi
echo "Starting a private PostgreSQL cluster in $dir on port $port" >&2
"${run[@]}" "$bin/initdb" -D "$dir/data" -U postgres -A trust >/dev/null
"${run[@]}" "$bin/pg_ctl" -D "$dir/data" -l "$dir/log" -w \
  -o "-p $port -k $dir -c listen_addresses=127.0.0.1" start >/dev/null
"${run[@]}" "$bin/createdb" -h 127.0.0.1 -p "$port" -U postgres test
echo "postgres://postgres@127.0.0.1:$port/test"

# Source this from .ci/run (bash): installs PostgreSQL when its binaries are missing, starts a
# throwaway server on a free local port in a temporary directory, exports DATABASE_URL for the
# tests (tests/conftest.py uses it instead of starting its own server), and stops the server and
# removes the directory when the calling shell exits (it sets an EXIT trap).
#
#   source .ci/pg.sh        # then: .venv/bin/python -m pytest
#
# Set RASD_SKIP_POSTGRES=1 to skip all of this (the PostgreSQL tests are then skipped too).
# Recipe: /work/shared/notes/recipes.md, section 1 (initdb/pg_ctl refuse to run as root, so they
# run as the postgres user; -E UTF8 --locale=C.UTF-8 or Arabic text will not be stored correctly).

if [ "${RASD_SKIP_POSTGRES:-0}" = 1 ]; then
  echo "pg.sh: RASD_SKIP_POSTGRES=1, not starting PostgreSQL" >&2
elif [ -n "${DATABASE_URL:-}" ]; then
  echo "pg.sh: DATABASE_URL is already set, using that server" >&2
else
  if ! ls /usr/lib/postgresql/*/bin/pg_ctl >/dev/null 2>&1; then
    echo "pg.sh: installing postgresql with apt-get" >&2
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
  fi
  RASD_PGBIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n1)
  RASD_PGTMP=$(mktemp -d /tmp/rasd-pg.XXXXXX)
  RASD_PGPORT=$(python3 -c 'import socket;s=socket.socket();s.bind(("127.0.0.1",0));print(s.getsockname()[1])')
  _rasd_pg() {
    if [ "$(id -u)" = 0 ]; then
      (cd "$RASD_PGTMP" && runuser -u postgres -- "$RASD_PGBIN/$1" "${@:2}")
    else
      (cd "$RASD_PGTMP" && "$RASD_PGBIN/$1" "${@:2}")
    fi
  }
  _rasd_pg_stop() {
    _rasd_pg pg_ctl -D "$RASD_PGTMP/data" -m fast -w stop >/dev/null 2>&1 || true
    rm -rf "$RASD_PGTMP"
  }
  if [ "$(id -u)" = 0 ]; then chown postgres:postgres "$RASD_PGTMP"; fi
  trap _rasd_pg_stop EXIT
  _rasd_pg initdb -D "$RASD_PGTMP/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
  _rasd_pg pg_ctl -D "$RASD_PGTMP/data" -l "$RASD_PGTMP/server.log" -w -t 60 \
    -o "-p $RASD_PGPORT -k $RASD_PGTMP -c listen_addresses=127.0.0.1 -c fsync=off" start >/dev/null
  _rasd_pg createdb -h 127.0.0.1 -p "$RASD_PGPORT" -U postgres rasd_test
  export DATABASE_URL="postgresql://postgres@127.0.0.1:$RASD_PGPORT/rasd_test"
  echo "pg.sh: PostgreSQL running, DATABASE_URL=$DATABASE_URL" >&2
fi

#!/usr/bin/env bash
# Sourced by scripts/test.sh. Makes sure what the tests need exists, installing or starting it when
# missing, and exports where it is:
#   NATS_SERVER_BIN    nats-server binary (tests start their own servers on free ports)
#   TEST_DATABASE_URL  a PostgreSQL superuser connection; each test file creates its own database
# Nothing shared is stopped or reconfigured: a missing PostgreSQL is started as a private cluster
# under .simpul/test-postgres with trust auth on 127.0.0.1 only.

simpul_fail() {
  echo "simpul: $1" >&2
  exit 1
}

simpul_can_install() { [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; }

simpul_apt_install() {
  echo "simpul: installing $* from the distribution's packages" >&2
  if [ -z "${SIMPUL_APT_UPDATED:-}" ]; then
    DEBIAN_FRONTEND=noninteractive apt-get update -qq >&2 || true
    SIMPUL_APT_UPDATED=1
  fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >&2
}

# --- nats-server -------------------------------------------------------------------------------
NATS_SERVER_BIN="${NATS_SERVER_BIN:-$(command -v nats-server || true)}"
[ -n "$NATS_SERVER_BIN" ] || { [ -x /usr/sbin/nats-server ] && NATS_SERVER_BIN=/usr/sbin/nats-server; }
if [ -z "$NATS_SERVER_BIN" ]; then
  simpul_can_install || simpul_fail "nats-server is missing: install it (Debian/Ubuntu: sudo apt-get install nats-server) and run again."
  simpul_apt_install nats-server
  NATS_SERVER_BIN=$(command -v nats-server || echo /usr/sbin/nats-server)
  [ -x "$NATS_SERVER_BIN" ] || simpul_fail "nats-server could not be installed: install it (apt-get install nats-server) and run again."
fi
export NATS_SERVER_BIN

# --- PostgreSQL --------------------------------------------------------------------------------
simpul_pg_ready() { # url
  node -e "
    const { Client } = require('pg');
    const c = new Client({ connectionString: process.argv[1], connectionTimeoutMillis: 2000 });
    c.connect().then(() => c.query('select 1')).then(() => c.end()).then(() => process.exit(0), () => process.exit(1));
  " "$1" 2>/dev/null
}

if [ -z "${TEST_DATABASE_URL:-}" ]; then
  if simpul_pg_ready "postgres://postgres@127.0.0.1:5432/postgres"; then
    TEST_DATABASE_URL="postgres://postgres@127.0.0.1:5432/postgres"
  else
    pg_root="$PWD/.simpul/test-postgres"
    pg_port=54329
    TEST_DATABASE_URL="postgres://postgres@127.0.0.1:$pg_port/postgres"
    if ! simpul_pg_ready "$TEST_DATABASE_URL"; then
      pg_bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
      if [ -z "$pg_bin" ]; then
        simpul_can_install || simpul_fail "PostgreSQL is missing: install it (Debian/Ubuntu: sudo apt-get install postgresql) or set TEST_DATABASE_URL, and run again."
        simpul_apt_install postgresql
        pg_bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
        [ -n "$pg_bin" ] || simpul_fail "PostgreSQL could not be installed: install it (apt-get install postgresql) and run again."
      fi
      # PostgreSQL refuses to run as root: the private cluster belongs to the 'postgres' system user.
      run_as=()
      if [ "$(id -u)" = 0 ]; then
        id postgres >/dev/null 2>&1 || useradd --system --home-dir /nonexistent --shell /usr/sbin/nologin postgres
        run_as=(runuser -u postgres --)
      fi
      mkdir -p "$pg_root"
      [ "$(id -u)" = 0 ] && chown postgres "$pg_root"
      if [ ! -f "$pg_root/data/PG_VERSION" ]; then
        "${run_as[@]}" "$pg_bin/initdb" -D "$pg_root/data" -U postgres -A trust >"$pg_root/initdb.log" 2>&1 ||
          simpul_fail "initdb failed: see $pg_root/initdb.log"
      fi
      "${run_as[@]}" "$pg_bin/pg_ctl" -D "$pg_root/data" -l "$pg_root/server.log" -w \
        -o "-p $pg_port -k /tmp -c listen_addresses=127.0.0.1" start >/dev/null ||
        simpul_fail "PostgreSQL did not start: see $pg_root/server.log"
      echo "simpul: started a private PostgreSQL for the tests on 127.0.0.1:$pg_port" >&2
    fi
  fi
fi
export TEST_DATABASE_URL

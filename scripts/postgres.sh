#!/usr/bin/env bash
# Makes a local PostgreSQL (Debian's package) available for the tests that run against it and
# exports the connection string Backstage's TestDatabases reads. Sourced by test.sh.
# Installs the package when missing (root or sudo needed), starts the Debian default cluster.

pg_version=15
if ! command -v pg_ctlcluster >/dev/null 2>&1 || [ ! -x "/usr/lib/postgresql/$pg_version/bin/postgres" ]; then
  echo "aws-identity: installing Debian's postgresql for the database tests" >&2
  if [ "$(id -u)" = 0 ]; then sudo=; else sudo=sudo; fi
  $sudo apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "postgresql-$pg_version" >&2
fi
if [ "$(id -u)" = 0 ]; then as_postgres=(su postgres -c); else as_postgres=(sudo -u postgres sh -c); fi
if ! pg_lsclusters -h 2>/dev/null | awk '{print $1, $2}' | grep -q "^$pg_version main$"; then
  "${as_postgres[@]}" "pg_createcluster $pg_version main" >&2
fi
if ! pg_lsclusters -h | awk -v v="$pg_version" '$1 == v && $2 == "main" {print $4}' | grep -q online; then
  pg_ctlcluster "$pg_version" main start >&2
fi
pg_port=$(pg_lsclusters -h | awk -v v="$pg_version" '$1 == v && $2 == "main" {print $3}')
# A throwaway password for the local test server only.
"${as_postgres[@]}" "psql -q -p $pg_port -c \"ALTER USER postgres PASSWORD 'postgres'\"" >&2
export BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING="postgresql://postgres:postgres@127.0.0.1:$pg_port"

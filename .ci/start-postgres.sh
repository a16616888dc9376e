#!/usr/bin/env bash
# Starts Debian's PostgreSQL and creates the `odp` role (allowed to create test databases).
# Prints the DATABASE_URL to use for tests. Idempotent.
set -euo pipefail
if ! command -v pg_ctlcluster >/dev/null 2>&1; then
  apt-get update -qq
  apt-get install -y -qq postgresql >/dev/null
fi
ver=$(ls /usr/lib/postgresql | sort -n | tail -1)
pg_ctlcluster "$ver" main start 2>/dev/null || true
for _ in $(seq 1 30); do
  su postgres -c "psql -qtAc 'select 1'" >/dev/null 2>&1 && break
  sleep 1
done
su postgres -c "psql -qtAc \"do \\\$\\\$ begin if not exists (select from pg_roles where rolname='odp') then create role odp login password 'odp' createdb; end if; end \\\$\\\$;\"" >/dev/null
su postgres -c "psql -qtAc \"select 1 from pg_database where datname='odp'\"" | grep -q 1 || su postgres -c "createdb -O odp odp"
echo "postgres://odp:odp@127.0.0.1:5432/odp"

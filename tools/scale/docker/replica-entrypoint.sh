#!/bin/sh
# First start: clone the primary (pg_basebackup -R writes standby.signal and primary_conninfo).
# Every start: run PostgreSQL as a hot standby.
set -eu
if [ ! -s "$PGDATA/PG_VERSION" ]; then
  until pg_isready -h pg-primary -U "$POSTGRES_USER" -q; do sleep 1; done
  PGPASSWORD="$POSTGRES_PASSWORD" pg_basebackup -h pg-primary -U "$POSTGRES_USER" -D "$PGDATA" -R -X stream -c fast -S scale_replica
  chmod 700 "$PGDATA"
fi
exec postgres -c hot_standby=on -c hot_standby_feedback=on

#!/bin/sh
# Lets the replica container stream from the primary (password-checked) and keeps its WAL in a slot.
set -eu
echo "host replication $POSTGRES_USER all scram-sha-256" >> "$PGDATA/pg_hba.conf"
psql -v ON_ERROR_STOP=1 -U "$POSTGRES_USER" -d postgres -c "SELECT pg_create_physical_replication_slot('scale_replica')"

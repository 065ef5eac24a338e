#!/bin/sh
# Renders the shared template, writes the user list (plain-text password, so PgBouncer can use SCRAM
# towards PostgreSQL too) and runs PgBouncer in the foreground.
set -eu
mkdir -p /tmp/pgbouncer
printf '"%s" "%s"\n' "$PG_USER" "$PG_PASSWORD" > /tmp/pgbouncer/userlist.txt
export PGBOUNCER_AUTH_FILE=/tmp/pgbouncer/userlist.txt PGBOUNCER_LOG=/dev/null PGBOUNCER_PID=/tmp/pgbouncer/pgbouncer.pid
envsubst < /etc/pgbouncer/pgbouncer.ini.template > /tmp/pgbouncer/pgbouncer.ini
exec pgbouncer /tmp/pgbouncer/pgbouncer.ini

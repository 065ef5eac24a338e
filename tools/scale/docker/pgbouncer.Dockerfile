# PgBouncer from Debian (the same package the loopback topology installs), configured from
# tools/scale/config/pgbouncer.ini.template at start.
FROM debian:bookworm-slim
RUN apt-get update && apt-get install -y --no-install-recommends pgbouncer gettext-base && rm -rf /var/lib/apt/lists/*
COPY tools/scale/config/pgbouncer.ini.template /etc/pgbouncer/pgbouncer.ini.template
COPY tools/scale/docker/pgbouncer-entrypoint.sh /usr/local/bin/pgbouncer-entrypoint.sh
USER postgres
EXPOSE 6432
ENTRYPOINT ["sh", "/usr/local/bin/pgbouncer-entrypoint.sh"]

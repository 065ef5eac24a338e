#!/bin/sh
# Forms the Redis Cluster once (3 masters, one replica each); a no-op when it is already formed.
set -eu
for node in redis-1 redis-2 redis-3 redis-4 redis-5 redis-6; do
  until redis-cli -h "$node" ping > /dev/null 2>&1; do sleep 1; done
done
if redis-cli -h redis-1 cluster info | grep -q 'cluster_known_nodes:1\b'; then
  addresses=""
  for node in redis-1 redis-2 redis-3 redis-4 redis-5 redis-6; do
    addresses="$addresses $(getent hosts "$node" | cut -d' ' -f1):6379"
  done
  # shellcheck disable=SC2086
  redis-cli --cluster create $addresses --cluster-replicas 1 --cluster-yes
fi
until redis-cli -h redis-1 cluster info | grep -q cluster_state:ok; do sleep 1; done

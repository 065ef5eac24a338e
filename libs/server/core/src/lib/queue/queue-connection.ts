import { ConnectionOptions, createPostgresBackend, setDefaultBackendFactory } from 'bullmq';
import { Cluster } from 'ioredis';
import { AppConfig } from '../config/app-config';

export type QueueBackendKind = 'redis' | 'postgres';

export interface QueueConnection {
  kind: QueueBackendKind;
  /** True on a Redis Cluster: every queue's keys must then share one hash slot (see `queuePrefixFor`). */
  cluster: boolean;
  connection: ConnectionOptions;
}

function redisOptions(redisUrl: string): ConnectionOptions {
  const url = new URL(redisUrl);
  return {
    host: url.hostname,
    port: Number(url.port || 6379),
    username: url.username || undefined,
    password: url.password ? decodeURIComponent(url.password) : undefined,
    db: url.pathname.length > 1 ? Number(url.pathname.slice(1)) : 0,
    tls: url.protocol === 'rediss:' ? {} : undefined,
    // Workers block on Redis; BullMQ requires unlimited retries for them.
    maxRetriesPerRequest: null,
  };
}

/**
 * One ioredis Cluster client, handed to BullMQ as an instance (it duplicates it for each worker's blocking
 * connection). Any reachable seed node is enough: the client learns the others and follows failovers.
 */
function clusterClient(nodes: { host: string; port: number }[], redisUrl: string | null): Cluster {
  const auth = redisUrl ? new URL(redisUrl) : null;
  return new Cluster(nodes, {
    redisOptions: {
      username: auth?.username || undefined,
      password: auth?.password ? decodeURIComponent(auth.password) : undefined,
      tls: auth?.protocol === 'rediss:' ? {} : undefined,
      maxRetriesPerRequest: null,
    },
    // After a master dies its replica takes a few seconds to be promoted: keep asking for the slot map.
    clusterRetryStrategy: (times) => Math.min(100 * times, 2000),
    slotsRefreshTimeout: 2000,
  });
}

/**
 * Redis Cluster when REDIS_CLUSTER_NODES is set, Redis when REDIS_URL is set, BullMQ's PostgreSQL backend
 * (in the application database) otherwise. @nestjs/bullmq builds queues without a backend argument, so the
 * PostgreSQL backend is set process-wide.
 */
export function createQueueConnection(
  config: Pick<AppConfig, 'redisUrl' | 'redisClusterNodes' | 'databaseUrl'>,
): QueueConnection {
  if (config.redisClusterNodes) {
    setDefaultBackendFactory();
    return {
      kind: 'redis',
      cluster: true,
      connection: clusterClient(config.redisClusterNodes, config.redisUrl) as unknown as ConnectionOptions,
    };
  }
  if (config.redisUrl) {
    setDefaultBackendFactory();
    return { kind: 'redis', cluster: false, connection: redisOptions(config.redisUrl) };
  }
  setDefaultBackendFactory(createPostgresBackend as never);
  return { kind: 'postgres', cluster: false, connection: config.databaseUrl as unknown as ConnectionOptions };
}

/**
 * The key prefix of one queue. A BullMQ script touches several keys of its queue at once, which a Redis Cluster
 * allows only within one hash slot: there the prefix becomes a hash tag naming the queue (`{bull:reminders}`),
 * so each queue sits whole on one master and different queues can sit on different masters. A prefix that already
 * carries a tag is kept as it is; elsewhere the prefix is unchanged.
 */
export function queuePrefixFor(
  connection: Pick<QueueConnection, 'cluster'>,
  prefix: string,
  queueName: string,
): string {
  if (!connection.cluster || /\{[^{}]+\}/.test(prefix)) return prefix;
  return `{${prefix}:${queueName}}`;
}

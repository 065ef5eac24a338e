import { ConnectionOptions, createPostgresBackend, setDefaultBackendFactory } from 'bullmq';
import { AppConfig } from '../config/app-config';

export type QueueBackendKind = 'redis' | 'postgres';

export interface QueueConnection {
  kind: QueueBackendKind;
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
 * Redis when REDIS_URL is set, BullMQ's PostgreSQL backend (in the application database) otherwise.
 * @nestjs/bullmq builds queues without a backend argument, so the PostgreSQL backend is set process-wide.
 */
export function createQueueConnection(config: Pick<AppConfig, 'redisUrl' | 'databaseUrl'>): QueueConnection {
  if (config.redisUrl) {
    setDefaultBackendFactory();
    return { kind: 'redis', connection: redisOptions(config.redisUrl) };
  }
  setDefaultBackendFactory(createPostgresBackend as never);
  return { kind: 'postgres', connection: config.databaseUrl as unknown as ConnectionOptions };
}

import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import {
  createPostgresBackend,
  createRedisBackend,
  DefaultJobOptions,
  Processor,
  Queue,
  withBackend,
  Worker,
  WorkerOptions,
} from 'bullmq';
import { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.tokens';
import { createQueueConnection, QueueBackendKind, queuePrefixFor } from './queue-connection';

const PREFIX = 'bull';

/**
 * Queues and workers on the configured backend (Redis Cluster, Redis or BullMQ's PostgreSQL backend), bound
 * explicitly with `withBackend` so they do not depend on the process-wide default, with the queue's prefix
 * hash-tagged on a cluster. The connection is made on first use only: API processes that never ask keep none.
 */
@Injectable()
export class QueueFactory implements OnApplicationShutdown {
  private made: { kind: QueueBackendKind; cluster: boolean; connection: unknown; classes: BackendClasses } | null =
    null;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  get kind(): QueueBackendKind {
    return this.backend().kind;
  }

  queue(name: string, defaultJobOptions: DefaultJobOptions = {}): Queue {
    const { classes, connection, cluster } = this.backend();
    return new classes.Queue(name, {
      connection,
      prefix: queuePrefixFor({ cluster }, PREFIX, name),
      defaultJobOptions,
    } as never);
  }

  worker(name: string, processor: Processor, options: Omit<WorkerOptions, 'connection'>): Worker {
    const { classes, connection, cluster } = this.backend();
    return new classes.Worker(name, processor, {
      ...options,
      connection,
      prefix: queuePrefixFor({ cluster }, PREFIX, name),
    } as never);
  }

  /** BullMQ does not close a client it was handed (the cluster's): this does, once every module has closed its queues and workers. */
  async onApplicationShutdown(): Promise<void> {
    const connection = this.made?.cluster ? (this.made.connection as { quit(): Promise<unknown> }) : null;
    this.made = null;
    await connection?.quit().catch(() => undefined);
  }

  private backend() {
    if (this.made) return this.made;
    const queueConnection = createQueueConnection(this.config);
    const postgres = queueConnection.kind === 'postgres';
    this.made = {
      kind: queueConnection.kind,
      cluster: queueConnection.cluster,
      connection: postgres
        ? { connectionString: this.config.databaseUrl, max: 2, application_name: 'followthrough-schedules' }
        : queueConnection.connection,
      classes: (postgres ? withBackend(createPostgresBackend) : withBackend(createRedisBackend)) as never,
    };
    return this.made;
  }
}

interface BackendClasses {
  Queue: new (name: string, opts: never) => Queue;
  Worker: new (name: string, processor: Processor, opts: never) => Worker;
}

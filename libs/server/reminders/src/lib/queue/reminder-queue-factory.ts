import { Inject, Injectable } from '@nestjs/common';
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
import {
  AppConfig,
  APP_CONFIG,
  createQueueConnection,
  QueueBackendKind,
  queuePrefixFor,
} from '@followthrough/server-core';
import { REMINDER_SETTINGS, ReminderSettings } from '../reminder-settings';

/**
 * Builds the reminder queues and workers on the configured backend — Redis when REDIS_URL is
 * set, BullMQ's PostgreSQL backend otherwise — bound explicitly (withBackend), so they do not
 * depend on the process-wide default.
 */
@Injectable()
export class ReminderQueueFactory {
  readonly kind: QueueBackendKind;
  private readonly cluster: boolean;
  private readonly connection: unknown;
  private readonly classes: {
    Queue: new (name: string, opts: never) => Queue;
    Worker: new (name: string, processor: Processor, opts: never) => Worker;
  };

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    @Inject(REMINDER_SETTINGS) private readonly settings: ReminderSettings,
  ) {
    const queueConnection = createQueueConnection(config);
    this.kind = queueConnection.kind;
    this.cluster = queueConnection.cluster;
    if (this.kind === 'redis') {
      this.connection = queueConnection.connection;
      this.classes = withBackend(createRedisBackend) as never;
    } else {
      this.connection = { connectionString: config.databaseUrl, max: 4, application_name: 'followthrough-reminders' };
      this.classes = withBackend(createPostgresBackend) as never;
    }
  }

  queue(name: string, defaultJobOptions: DefaultJobOptions = {}): Queue {
    return new this.classes.Queue(name, {
      connection: this.connection,
      prefix: this.prefix(name),
      defaultJobOptions,
    } as never);
  }

  worker(name: string, processor: Processor, options: Omit<WorkerOptions, 'connection'>): Worker {
    return new this.classes.Worker(name, processor, {
      ...options,
      connection: this.connection,
      prefix: this.prefix(name),
    } as never);
  }

  /** On a Redis Cluster each queue's keys share a hash tag (one slot per queue). */
  private prefix(queueName: string): string {
    return queuePrefixFor({ cluster: this.cluster }, this.settings.queuePrefix, queueName);
  }
}

import 'reflect-metadata';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { createPostgresBackend, createRedisBackend, withBackend } from 'bullmq';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { loadAppConfig } from '@followthrough/server-core';
import { IDENTITY_ENTITIES } from '@followthrough/server-identity';
import {
  loadReminderSettings,
  ReminderDispatcher,
  ReminderQueueFactory,
  ReminderQueues,
  REMINDERS_ENTITIES,
} from '@followthrough/server-reminders';
import { answers } from '../tools/db/service-probe';

// `npm run bench:queue`: jobs/s of a no-op job on each BullMQ backend (PostgreSQL, Redis), and the
// time for the reminder scheduler to claim and enqueue 100,000 due reminders. Everything runs
// against loopback services in a scratch database that is dropped at the end.

const JOBS = Number(process.env['BENCH_JOBS'] || 20_000);
const CONCURRENCY = 50;
const DUE_REMINDERS = Number(process.env['BENCH_REMINDERS'] || 100_000);

async function adminUrl(): Promise<string> {
  if (process.env['DATABASE_URL']) {
    const url = new URL(process.env['DATABASE_URL']);
    url.pathname = '/postgres';
    return url.toString();
  }
  if (await answers('127.0.0.1', 5432)) return 'postgres://postgres@127.0.0.1:5432/postgres';
  throw new Error('No PostgreSQL: set DATABASE_URL or start the local server (see DEVELOPERS.md)');
}

async function redisUrl(): Promise<string | null> {
  if (process.env['REDIS_URL']) return process.env['REDIS_URL'];
  return (await answers('127.0.0.1', 6379)) ? 'redis://127.0.0.1:6379' : null;
}

async function sql(url: string, statement: string, params: unknown[] = []): Promise<void> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(statement, params);
  } finally {
    await client.end();
  }
}

/** Jobs per second of a worker running no-op jobs, with the jobs added in bulk beforehand. */
async function noopThroughput(
  label: string,
  classes: ReturnType<typeof withBackend>,
  connection: unknown,
  prefix: string,
): Promise<number> {
  const name = `bench-noop-${Date.now()}`;
  const queue = new classes.Queue(name, { connection, prefix } as never);
  for (let start = 0; start < JOBS; start += 1000) {
    await queue.addBulk(
      Array.from({ length: Math.min(1000, JOBS - start) }, (_, i) => ({ name: 'noop', data: { n: start + i } })),
    );
  }
  let done = 0;
  let allDone: () => void = () => undefined;
  const finished = new Promise<void>((resolveAll) => {
    allDone = resolveAll;
  });
  const began = process.hrtime.bigint();
  const worker = new classes.Worker(
    name,
    async () => {
      done += 1;
      if (done === JOBS) allDone();
    },
    { connection, prefix, concurrency: CONCURRENCY, removeOnComplete: { count: 0 } } as never,
  );
  await finished;
  const seconds = Number(process.hrtime.bigint() - began) / 1e9;
  await worker.close();
  await queue.obliterate({ force: true }).catch(() => undefined);
  await queue.close();
  const rate = JOBS / seconds;
  console.log(
    `  ${label.padEnd(10)} ${JOBS} no-op jobs at concurrency ${CONCURRENCY}: ${seconds.toFixed(2)} s → ${Math.round(rate)} jobs/s`,
  );
  return rate;
}

async function dispatchDue(databaseUrl: string, redis: string | null, label: string): Promise<void> {
  const prefix = `ft-bench-${Date.now()}`;
  const config = loadAppConfig({ DATABASE_URL: databaseUrl, REDIS_URL: redis ?? '', NODE_ENV: 'development' });
  const settings = { ...loadReminderSettings({}), batchSize: 1000, queuePrefix: prefix };
  const dataSource = await new DataSource({
    type: 'postgres',
    url: databaseUrl,
    entities: [...IDENTITY_ENTITIES, ...REMINDERS_ENTITIES],
  }).initialize();
  const queues = new ReminderQueues(new ReminderQueueFactory(config, settings), settings);
  try {
    await dataSource.query(`DELETE FROM reminders`);
    const inserting = process.hrtime.bigint();
    await dataSource.query(
      `INSERT INTO reminders (agency_id, kind, recipient_user_id, due_at, idempotency_key)
       SELECT gen_random_uuid(), 'notice', gen_random_uuid(), now() - interval '1 minute', 'bench:' || n FROM generate_series(1, $1::int) AS n`,
      [DUE_REMINDERS],
    );
    const insertSeconds = Number(process.hrtime.bigint() - inserting) / 1e9;
    const dispatcher = new ReminderDispatcher(dataSource, queues, settings);
    const began = process.hrtime.bigint();
    const report = await dispatcher.dispatchDue();
    const seconds = Number(process.hrtime.bigint() - began) / 1e9;
    console.log(
      `  ${label.padEnd(10)} ${report.reminders} due reminders claimed and enqueued by the scheduler: ${seconds.toFixed(2)} s ` +
        `(${Math.round(report.reminders / seconds)} /s; inserting them took ${insertSeconds.toFixed(2)} s)`,
    );
    await queues.deliveries.obliterate({ force: true }).catch(() => undefined);
  } finally {
    await queues.close();
    await dataSource.destroy();
  }
}

async function main(): Promise<void> {
  const admin = await adminUrl();
  const name = `followthrough_bench_${Date.now()}`;
  await sql(admin, `CREATE DATABASE ${name}`);
  const databaseUrl = new URL(admin);
  databaseUrl.pathname = `/${name}`;
  const redis = await redisUrl();
  try {
    await promisify(execFile)(process.execPath, ['-r', '@swc-node/register', 'tools/db/migrate.ts'], {
      env: { ...process.env, DATABASE_URL: databaseUrl.toString() },
    });
    console.log(`Queue benchmark (scratch database ${name}${redis ? `, Redis ${redis}` : ', no Redis'})`);
    console.log('Throughput:');
    await noopThroughput(
      'PostgreSQL',
      withBackend(createPostgresBackend) as never,
      { connectionString: databaseUrl.toString(), max: 10 },
      'bull',
    );
    if (redis) {
      const url = new URL(redis);
      const connection = { host: url.hostname, port: Number(url.port || 6379), maxRetriesPerRequest: null };
      await noopThroughput('Redis', withBackend(createRedisBackend) as never, connection, `ft-bench-${Date.now()}`);
    } else {
      console.log('  Redis      skipped: no Redis answered on 127.0.0.1:6379 and REDIS_URL is not set');
    }
    console.log(`Scheduling ${DUE_REMINDERS.toLocaleString('en')} due reminders:`);
    await dispatchDue(databaseUrl.toString(), null, 'PostgreSQL');
    if (redis) await dispatchDue(databaseUrl.toString(), redis, 'Redis');
  } finally {
    await sql(admin, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  }
}

main()
  .then(() => process.exit(0))
  .catch((error: Error) => {
    console.error(error);
    process.exit(1);
  });

import { INestApplicationContext } from '@nestjs/common';
import { Client } from 'pg';
import { Test } from '@nestjs/testing';
import {
  AUDIT_RETENTION_SCHEDULER_ID,
  CoreModule,
  QueueFactory,
  QueueNames,
  SystemWorkerModule,
} from '@followthrough/server-core';
import { createIsolatedDatabase, IsolatedDatabase } from '@followthrough/server-testing';

async function startWorker(env: Record<string, string>): Promise<INestApplicationContext> {
  const saved = { ...process.env };
  Object.assign(process.env, env);
  try {
    const moduleRef = await Test.createTestingModule({ imports: [CoreModule, SystemWorkerModule] }).compile();
    moduleRef.useLogger(['error', 'warn']);
    await moduleRef.init();
    return moduleRef;
  } finally {
    process.env = saved;
  }
}

// The audit trail's retention pass runs in the worker processes (core's SystemWorkerModule), from one BullMQ
// job scheduler like the other recurring work, not from a timer in every API process.
describe('the audit retention pass', () => {
  let database: IsolatedDatabase;
  const workers: INestApplicationContext[] = [];
  const query = async <T>(sql: string): Promise<T[]> => {
    const client = new Client({ connectionString: database.ownerUrl });
    await client.connect();
    try {
      return (await client.query(sql)).rows as T[];
    } finally {
      await client.end();
    }
  };

  beforeAll(async () => {
    database = await createIsolatedDatabase('audit_retention');
    await query(
      `INSERT INTO audit_events (agency_id, actor_user_id, action, entity_type, occurred_at)
       VALUES (gen_random_uuid(), gen_random_uuid(), 'test.old', 'Test', now() - interval '40 days'),
              (gen_random_uuid(), gen_random_uuid(), 'test.recent', 'Test', now() - interval '2 days')`,
    );
  });

  afterAll(async () => {
    for (const worker of workers) await worker.close();
    await database?.dispose();
  });

  it('keeps one job scheduler across workers and deletes what is past the retention at start-up', async () => {
    const env = { DATABASE_URL: database.url, REDIS_URL: '', AUDIT_RETENTION_DAYS: '30' };
    workers.push(await startWorker(env), await startWorker(env));
    const queue = workers[0].get(QueueFactory, { strict: false }).queue(QueueNames.maintenance);
    try {
      const schedulers = await queue.getJobSchedulers();
      expect(schedulers.map((scheduler) => scheduler.key)).toEqual([AUDIT_RETENTION_SCHEDULER_ID]);
      let actions: string[] = [];
      for (let tries = 0; tries < 100; tries += 1) {
        const rows = await query<{ action: string }>(
          `SELECT action FROM audit_events WHERE action LIKE 'test.%' ORDER BY action`,
        );
        actions = rows.map((row) => row.action);
        if (actions.length === 1) break;
        await new Promise((wait) => setTimeout(wait, 100));
      }
      expect(actions).toEqual(['test.recent']);
    } finally {
      await queue.close();
    }
  }, 60_000);
});

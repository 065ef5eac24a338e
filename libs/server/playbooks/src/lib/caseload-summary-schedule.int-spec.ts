import { INestApplicationContext } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { CoreModule, QueueFactory, QueueNames } from '@followthrough/server-core';
import { createIsolatedDatabase, IsolatedDatabase } from '@followthrough/server-testing';
import { PlaybooksWorkerModule } from './playbooks-worker.module';
import { CASELOAD_SUMMARY_SCHEDULER_ID } from './services/caseload-summary-planner.service';

const EVERY_MS = 400;

async function startWorker(env: Record<string, string>): Promise<INestApplicationContext> {
  const saved = { ...process.env };
  Object.assign(process.env, env);
  try {
    const moduleRef = await Test.createTestingModule({ imports: [CoreModule, PlaybooksWorkerModule] }).compile();
    moduleRef.useLogger(['error', 'warn']);
    await moduleRef.init();
    return moduleRef;
  } finally {
    process.env = saved;
  }
}

// Several worker processes run the same modules; the weekly summary planner must still run once per period.
describe('the caseload summary planner across two workers', () => {
  let database: IsolatedDatabase;
  const workers: INestApplicationContext[] = [];

  beforeAll(async () => {
    database = await createIsolatedDatabase('planner_schedule');
  });

  afterAll(async () => {
    for (const worker of workers) await worker.close();
    await database?.dispose();
  });

  it('keeps one job scheduler and plans once per period, whichever worker takes the job', async () => {
    const env = { DATABASE_URL: database.url, REDIS_URL: '', CASELOAD_SUMMARY_PLAN_EVERY_MS: String(EVERY_MS) };
    const began = Date.now();
    workers.push(await startWorker(env), await startWorker(env));
    const queue = workers[0].get(QueueFactory, { strict: false }).queue(QueueNames.playbookSchedules);
    try {
      await new Promise((wait) => setTimeout(wait, 10 * EVERY_MS));
      const schedulers = await queue.getJobSchedulers();
      expect(schedulers.map((scheduler) => scheduler.key)).toEqual([CASELOAD_SUMMARY_SCHEDULER_ID]);

      const periods = (Date.now() - began) / EVERY_MS;
      const runs = await queue.getJobCounts('completed', 'active', 'failed');
      // One run per period (plus the immediate first one); a timer in each worker would make about twice as many.
      expect(runs['failed']).toBe(0);
      expect(runs['completed'] + runs['active']).toBeGreaterThanOrEqual(3);
      expect(runs['completed'] + runs['active']).toBeLessThanOrEqual(Math.ceil(periods) + 1);
    } finally {
      await queue.close();
    }
  }, 60_000);
});

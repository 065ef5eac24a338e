import { INestApplicationContext } from '@nestjs/common';
import { Queue } from 'bullmq';
import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { ReminderStatus } from '@followthrough/shared-domain';
import { QueueNames } from '@followthrough/server-core';
import { createIsolatedDatabase, eventually, IsolatedDatabase, TestSmtpServer } from '@followthrough/server-testing';
import { ReminderQueueFactory } from './queue/reminder-queue-factory';
import { insertDueReminders, redisForTests, seedAgency, statusCounts, within } from './testing/crash-fixtures';
import { startWorkerContext } from './testing/worker-context';

/**
 * Closing a worker in the middle of slow conversations hands their jobs back to the queue
 * (BullMQ moveToDelayed + DelayedError) without using up an attempt, on each queue backend.
 */
for (const backend of ['postgres', 'redis'] as const) {
  const redisUrl = backend === 'redis' ? redisForTests('the hand-back test') : '';
  const suite = redisUrl === null ? describe.skip : describe;

  suite(`hand-back at shutdown on ${backend}`, () => {
    let database: IsolatedDatabase;
    let smtp: TestSmtpServer;
    let db: Client;
    let seeded: { agencyId: string; clientIds: string[] };
    const contexts: INestApplicationContext[] = [];
    let inspect: Queue | null = null;
    const env = () => ({
      DATABASE_URL: database.url,
      SMTP_URL: smtp.url,
      REDIS_URL: redisUrl ?? '',
      REMINDER_QUEUE_PREFIX: prefix,
      REMINDER_SCAN_EVERY_MS: '300',
      REMINDER_BACKOFF_MS: '50',
      REMINDER_LOCK_MS: '10000',
      REMINDER_CONCURRENCY: '6',
      REMINDER_SMTP_LANES: '2',
    });
    const prefix = `ft-test-${randomUUID().slice(0, 8)}`;

    beforeAll(async () => {
      database = await createIsolatedDatabase(`rem_back_${backend}`);
      smtp = await new TestSmtpServer().start();
      db = new Client({ connectionString: database.ownerUrl });
      await db.connect();
      seeded = await seedAgency(db, `Hand-back ${backend}`);
    });

    afterAll(async () => {
      await inspect?.close();
      for (const context of contexts) await context.close().catch(() => undefined);
      await db?.end();
      await smtp?.stop();
      await database?.dispose();
    });

    it('withdraws the conversations before their final dot, lets the message in doubt finish, and sends each once after a restart', async () => {
      const total = 6;
      smtp.replyDelayMs = 300;
      let firstIn!: () => void;
      const firstMessage = new Promise<void>((resolve) => (firstIn = resolve));
      smtp.onMessage = () => firstIn();
      const first = await startWorkerContext(env());
      contexts.push(first);
      inspect = first.get(ReminderQueueFactory, { strict: false }).queue(QueueNames.reminders);
      await insertDueReminders(db, seeded.agencyId, seeded.clientIds, total, 'back:');

      await within(firstMessage, 30_000, () => 'no message reached the SMTP server');
      const closingAt = Date.now();
      await first.close();
      const closeMs = Date.now() - closingAt;
      smtp.onMessage = null;

      const afterStop = await statusCounts(db, 'back:');
      expect(afterStop[ReminderStatus.SENT]).toBe(smtp.received.length);
      expect(afterStop[ReminderStatus.SENDING]).toBeGreaterThanOrEqual(1);
      const { rows } = await db.query(
        `SELECT id, status, last_error, job_id FROM reminders WHERE idempotency_key LIKE 'back:%' AND status <> 'SENT'`,
      );
      expect(rows.filter((row: { last_error: string | null }) => row.last_error !== null)).toEqual([]);
      // Each row names the queue job that carries it.
      const jobs = await Promise.all(rows.map((row: { job_id: string }) => inspect?.getJob(row.job_id)));
      const seen = await Promise.all(
        jobs.map(async (job) => ({ state: await job?.getState(), attemptsMade: job?.attemptsMade })),
      );
      // Handed back: delayed, no attempt used. Never started: still waiting.
      expect(seen.filter((job) => job.state === 'delayed')).toHaveLength(afterStop[ReminderStatus.SENDING]);
      expect(seen.every((job) => (job.state === 'delayed' || job.state === 'waiting') && job.attemptsMade === 0)).toBe(
        true,
      );

      smtp.replyDelayMs = 0;
      const second = await startWorkerContext(env());
      contexts.push(second);
      await eventually(
        'every reminder to be SENT after the restart',
        () => statusCounts(db, 'back:'),
        (counts) => counts[ReminderStatus.SENT] === total,
        30_000,
      );
      console.log(
        `Hand-back on ${backend}: closed in ${closeMs} ms with ${JSON.stringify(afterStop)}; ${smtp.received.length} e-mails for ${total} reminders.`,
      );
      expect(smtp.received).toHaveLength(total);
      expect(smtp.duplicates()).toBe(0);
      expect(closeMs).toBeLessThan(10_000);
    }, 90_000);
  });
}

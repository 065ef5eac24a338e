import { INestApplicationContext } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { ReminderStatus } from '@followthrough/shared-domain';
import { createIsolatedDatabase, eventually, IsolatedDatabase, TestSmtpServer } from '@followthrough/server-testing';
import { insertDueReminders, seedAgency, statusCounts } from './testing/crash-fixtures';
import { startWorkerContext } from './testing/worker-context';

// Long enough that the other messages are sent while the hung conversation waits, even on a loaded machine.
const SMTP_TIMEOUT_MS = 20_000;

describe('SMTP lanes (worker in this process, SMTP server on loopback)', () => {
  let database: IsolatedDatabase;
  let smtp: TestSmtpServer;
  let db: Client;
  let worker: INestApplicationContext;
  let seeded: { agencyId: string; clientIds: string[] };

  beforeAll(async () => {
    database = await createIsolatedDatabase('rem_lanes');
    smtp = await new TestSmtpServer().start();
    db = new Client({ connectionString: database.ownerUrl });
    await db.connect();
    seeded = await seedAgency(db, 'Lane Test Careers');
    worker = await startWorkerContext({
      DATABASE_URL: database.url,
      SMTP_URL: smtp.url,
      REDIS_URL: '',
      REMINDER_QUEUE_PREFIX: `ft-test-${randomUUID().slice(0, 8)}`,
      REMINDER_SCAN_EVERY_MS: '300',
      REMINDER_BACKOFF_MS: '50',
      REMINDER_LOCK_MS: '10000',
      REMINDER_CONCURRENCY: '8',
      REMINDER_SMTP_LANES: '4',
      REMINDER_SMTP_TIMEOUT_MS: String(SMTP_TIMEOUT_MS),
    });
  });

  afterAll(async () => {
    await worker?.close();
    await db?.end();
    await smtp?.stop();
    await database?.dispose();
  });

  it('keeps sending while one conversation hangs after DATA, and sends the hung message once it has timed out', async () => {
    smtp.hangOnData = 1;
    const startedAt = Date.now();
    await insertDueReminders(db, seeded.agencyId, seeded.clientIds, 8, 'hang:');
    const others = await eventually(
      'the other seven to be SENT while one conversation hangs',
      () => statusCounts(db, 'hang:'),
      (seen) => seen[ReminderStatus.SENT] === 7,
      SMTP_TIMEOUT_MS - 2_000,
    );
    expect({ ...others, hung: smtp.hung }).toEqual({ [ReminderStatus.SENT]: 7, [ReminderStatus.SENDING]: 1, hung: 1 });
    const othersMs = Date.now() - startedAt;

    await eventually(
      'the hung one to be SENT on retry',
      () => statusCounts(db, 'hang:'),
      (seen) => seen[ReminderStatus.SENT] === 8,
      45_000,
    );
    expect(smtp.received).toHaveLength(8);
    expect(smtp.duplicates()).toBe(0);
    expect(smtp.hung).toBe(1);
    console.log(
      `Hung conversation: the seven others sent after ${othersMs} ms, all eight after ${Date.now() - startedAt} ms, each once.`,
    );
  }, 90_000);

  it('runs conversations side by side but has at most one message in doubt at a time', async () => {
    smtp.mostAwaitingReply = 0;
    const before = smtp.received.length;
    // The server takes 300 ms to answer each message: lanes that sent their final dots together would overlap here.
    smtp.onMessage = () => new Promise((wait) => setTimeout(wait, 300));
    smtp.replyDelayMs = 100;
    try {
      await insertDueReminders(db, seeded.agencyId, seeded.clientIds, 12, 'doubt:');
      await eventually(
        'all twelve to be SENT',
        () => statusCounts(db, 'doubt:'),
        (seen) => seen[ReminderStatus.SENT] === 12,
        45_000,
      );
    } finally {
      smtp.onMessage = null;
      smtp.replyDelayMs = 0;
    }
    expect(smtp.received.length - before).toBe(12);
    expect(smtp.mostAwaitingReply).toBe(1);
  }, 60_000);
});

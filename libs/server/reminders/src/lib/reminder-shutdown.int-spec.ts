import { Client } from 'pg';
import { ReminderStatus } from '@followthrough/shared-domain';
import { createIsolatedDatabase, eventually, IsolatedDatabase, TestSmtpServer } from '@followthrough/server-testing';
import { insertDueReminders, seedAgency, statusCounts, within } from './testing/crash-fixtures';
import { spawnWorker, WorkerProcess } from './testing/worker-process';

const WORKER_ENV = {
  REMINDER_SCAN_EVERY_MS: '500',
  REMINDER_LOCK_MS: '5000',
  REMINDER_BACKOFF_MS: '200',
  REMINDER_CONCURRENCY: '8',
  REMINDER_SMTP_LANES: '4',
};

describe('worker shutdown (real worker process, SMTP server on loopback)', () => {
  let database: IsolatedDatabase;
  let smtp: TestSmtpServer;
  let db: Client;
  let seeded: { agencyId: string; clientIds: string[] };
  const started: WorkerProcess[] = [];

  const start = () => {
    const worker = spawnWorker({ ...WORKER_ENV, DATABASE_URL: database.url, SMTP_URL: smtp.url });
    started.push(worker);
    return worker;
  };

  beforeAll(async () => {
    database = await createIsolatedDatabase('rem_shutdown');
    smtp = await new TestSmtpServer().start();
    db = new Client({ connectionString: database.ownerUrl });
    await db.connect();
    seeded = await seedAgency(db);
  });

  afterAll(async () => {
    for (const worker of started) {
      if (worker.child.exitCode === null && worker.child.signalCode === null) {
        worker.child.kill('SIGKILL');
        await worker.exited;
      }
    }
    await db?.end();
    await smtp?.stop();
    await database?.dispose();
  });

  it('on SIGTERM with a slow SMTP server and 8 jobs active: exits 0, hands back what has not been sent, sends nothing twice', async () => {
    const total = 12;
    await insertDueReminders(db, seeded.agencyId, seeded.clientIds, total, 'slow:');
    // 5 s per reply: a conversation on a fresh connection needs ~30 s, one message at a time would need minutes.
    smtp.replyDelayMs = 5_000;
    const worker = start();
    let atSignal: Record<string, number> | null = null;
    // The first message is in and its "250" not yet heard: the worst moment for a SIGTERM.
    smtp.onMessage = async () => {
      if (atSignal) return;
      atSignal = await statusCounts(db, 'slow:');
      worker.child.kill('SIGTERM');
    };
    try {
      const exit = await within(worker.exited, 90_000, () => `the worker did not stop:\n${worker.output()}`);
      expect({ exit, atSignal }).toEqual({
        exit: { code: 0, signal: null },
        atSignal: expect.objectContaining({ [ReminderStatus.SENDING]: 8 }),
      });
    } finally {
      smtp.onMessage = null;
    }
    expect(worker.output()).toMatch(/SIGTERM received/);
    expect(worker.output()).toMatch(/handed back to the queue/);
    // The message in doubt finished and was recorded; the rest was withdrawn before its final dot.
    const afterStop = await statusCounts(db, 'slow:');
    expect(afterStop[ReminderStatus.SENT]).toBe(smtp.received.length);

    smtp.replyDelayMs = 0; // the restart only has to drain; keep the suite short
    const next = start();
    const counts = await eventually(
      `all ${total} reminders to be SENT after the restart`,
      () => statusCounts(db, 'slow:'),
      (seen) => seen[ReminderStatus.SENT] === total,
      60_000,
    ).catch((error: Error) => {
      throw new Error(`${error.message}\nworker output:\n${next.output()}`);
    });
    console.log(
      `Slow-SMTP shutdown: ${JSON.stringify(atSignal)} at SIGTERM, ${JSON.stringify(afterStop)} after it, ` +
        `${smtp.received.length} e-mails received for ${total} reminders, ${smtp.duplicates()} duplicate(s).`,
    );
    expect(counts).toEqual({ [ReminderStatus.SENT]: total });
    expect(smtp.uniqueMessageIds().size).toBe(total);
    expect(smtp.duplicates()).toBe(0);

    next.child.kill('SIGTERM');
    expect(await within(next.exited, 30_000, () => next.output())).toEqual({ code: 0, signal: null });
  }, 180_000);

  it('on SIGTERM during boot: finishes booting, then exits 0', async () => {
    const worker = start();
    await eventually(
      'the worker to start booting',
      () => worker.output(),
      (output) => /Starting Nest application/.test(output),
      60_000,
    );
    worker.child.kill('SIGTERM');
    const exit = await within(worker.exited, 45_000, () => `the worker did not stop:\n${worker.output()}`);
    expect(exit).toEqual({ code: 0, signal: null });
    expect(worker.output()).toMatch(/SIGTERM received while starting/);
  }, 90_000);
});

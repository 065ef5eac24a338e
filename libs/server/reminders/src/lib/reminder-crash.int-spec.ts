import { Client } from 'pg';
import { ReminderStatus } from '@followthrough/shared-domain';
import { createIsolatedDatabase, eventually, IsolatedDatabase, TestSmtpServer } from '@followthrough/server-testing';
import { randomUUID } from 'node:crypto';
import { insertDueReminders, redisForTests, seedAgency, statusCounts, within } from './testing/crash-fixtures';
import { spawnWorker, WorkerProcess } from './testing/worker-process';

const WORKER_ENV = {
  REMINDER_SCAN_EVERY_MS: '500',
  REMINDER_LOCK_MS: '2000',
  REMINDER_BACKOFF_MS: '200',
  REMINDER_CONCURRENCY: '8',
  REMINDER_SMTP_LANES: '4',
};

interface CrashVariant {
  title: string;
  backend: 'postgres' | 'redis';
  reminders: number;
  /** Kill the worker when the server has taken this many messages (one kill per entry). */
  killAfter: number[];
  /** Delay of every SMTP reply. */
  replyDelayMs: number;
}

const VARIANTS: CrashVariant[] = [
  { title: 'PostgreSQL backend', backend: 'postgres', reminders: 500, killAfter: [110, 240, 370], replyDelayMs: 0 },
  { title: 'Redis backend', backend: 'redis', reminders: 150, killAfter: [40, 95], replyDelayMs: 0 },
  {
    title: 'PostgreSQL backend, slow SMTP server',
    backend: 'postgres',
    reminders: 150,
    killAfter: [35, 90],
    replyDelayMs: 25,
  },
];

describe('reminder worker under SIGKILL and SIGTERM (real worker processes, real SMTP on loopback)', () => {
  let database: IsolatedDatabase;
  let smtp: TestSmtpServer;
  let db: Client;
  let seeded: { agencyId: string; clientIds: string[] };
  let current: WorkerProcess | null = null;

  const start = (env: Record<string, string> = {}, server = smtp) => {
    current = spawnWorker({ ...WORKER_ENV, DATABASE_URL: database.url, SMTP_URL: server.url, ...env });
    return current;
  };
  const stopCurrent = async () => {
    if (current && current.child.exitCode === null && current.child.signalCode === null) {
      current.child.kill('SIGKILL');
      await current.exited;
    }
  };

  beforeAll(async () => {
    database = await createIsolatedDatabase('rem_crash');
    smtp = await new TestSmtpServer().start();
    db = new Client({ connectionString: database.ownerUrl });
    await db.connect();
    seeded = await seedAgency(db);
  });

  afterAll(async () => {
    await stopCurrent();
    await db?.end();
    await smtp?.stop();
    await database?.dispose();
  });

  for (const variant of VARIANTS) {
    const redisUrl = variant.backend === 'redis' ? redisForTests('the crash test') : '';
    const test = redisUrl === null ? it.skip : it;
    test(`${variant.title}: loses none of ${variant.reminders} reminders across ${variant.killAfter.length} SIGKILLs and duplicates at most one e-mail per kill`, async () => {
      const keyPrefix = `crash:${variant.backend}:${variant.replyDelayMs}:`;
      const server = await new TestSmtpServer().start();
      server.replyDelayMs = variant.replyDelayMs;
      const env = { REDIS_URL: redisUrl ?? '', REMINDER_QUEUE_PREFIX: `ft-crash-${randomUUID().slice(0, 8)}` };
      await insertDueReminders(db, seeded.agencyId, seeded.clientIds, variant.reminders, keyPrefix);
      const kills: number[] = [];
      // Kill the worker the instant the server has taken a message and before the worker hears "250":
      // the worst moment, when that message is delivered but not yet recorded as SENT.
      server.onMessage = (_mail, count) => {
        const next = variant.killAfter[kills.length];
        if (next !== undefined && count >= next && current?.child.pid) {
          kills.push(count);
          current.child.kill('SIGKILL');
        }
      };
      try {
        for (let run = 0; run <= variant.killAfter.length; run += 1) {
          const worker = start(env, server);
          if (run < variant.killAfter.length) {
            const exit = await within(
              worker.exited,
              90_000,
              () => `worker run ${run + 1} was not killed in time:\n${worker.output()}`,
            );
            expect(exit.signal).toBe('SIGKILL');
          }
        }
        const counts = await eventually(
          `all ${variant.reminders} reminders to be SENT`,
          () => statusCounts(db, keyPrefix),
          (seen) => seen[ReminderStatus.SENT] === variant.reminders,
          120_000,
        ).catch((error: Error) => {
          throw new Error(`${error.message}\nworker output:\n${current?.output()}`);
        });
        // None lost, none left in SENDING (or anywhere else).
        expect(counts).toEqual({ [ReminderStatus.SENT]: variant.reminders });

        const duplicates = server.duplicates();
        console.log(
          `Crash test (${variant.title}): ${variant.reminders} reminders, ${kills.length} SIGKILLs (after messages ${kills.join(', ')}), ` +
            `${server.received.length} e-mails received, ${server.uniqueMessageIds().size} distinct Message-IDs, ${duplicates} duplicate(s), ` +
            `0 lost, 0 left in SENDING.`,
        );
        expect(kills).toHaveLength(variant.killAfter.length);
        expect(server.uniqueMessageIds().size).toBe(variant.reminders);
        expect(duplicates).toBeLessThanOrEqual(kills.length);

        const worker = current as unknown as WorkerProcess;
        worker.child.kill('SIGTERM');
        expect(await within(worker.exited, 30_000, () => worker.output())).toEqual({ code: 0, signal: null });
      } finally {
        server.onMessage = null;
        await stopCurrent();
        await server.stop();
      }
    }, 300_000);
  }

  it('on SIGTERM finishes the e-mail in flight, records it, and exits 0', async () => {
    const worker = start();
    let signalled = false;
    // Hold the SMTP reply for 2 s once the message is in; SIGTERM arrives meanwhile.
    smtp.onMessage = async () => {
      if (signalled) return;
      signalled = true;
      worker.child.kill('SIGTERM');
      await new Promise((wait) => setTimeout(wait, 2000));
    };
    try {
      await insertDueReminders(db, seeded.agencyId, seeded.clientIds, 1, 'sigterm:');
      const exit = await within(worker.exited, 90_000, () => `the worker did not stop:\n${worker.output()}`);
      expect(exit).toEqual({ code: 0, signal: null });
      expect(signalled).toBe(true);
      expect(await statusCounts(db, 'sigterm:')).toEqual({ [ReminderStatus.SENT]: 1 });
      expect(worker.output()).toMatch(/SIGTERM received/);
    } finally {
      smtp.onMessage = null;
    }
  }, 120_000);
});

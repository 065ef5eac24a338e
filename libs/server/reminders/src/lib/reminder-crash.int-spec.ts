import { Client } from 'pg';
import { ReminderStatus } from '@followthrough/shared-domain';
import { createIsolatedDatabase, eventually, IsolatedDatabase, TestSmtpServer } from '@followthrough/server-testing';
import { spawnWorker, WorkerProcess } from './testing/worker-process';

const REMINDER_COUNT = 500;
const KILL_AFTER_MESSAGES = [110, 240, 370];

const WORKER_ENV = {
  REMINDER_SCAN_EVERY_MS: '500',
  REMINDER_LOCK_MS: '2000',
  REMINDER_BACKOFF_MS: '200',
  REMINDER_CONCURRENCY: '8',
};

/** An agency with one client, made directly in SQL: this suite is about the worker, not the API. */
async function seedAgency(db: Client): Promise<{ agencyId: string; clientIds: string[] }> {
  const agency = await db.query(`INSERT INTO agencies (name, timezone) VALUES ('Crash Test Careers', 'Europe/Paris') RETURNING id`);
  const agencyId: string = agency.rows[0].id;
  const users = await db.query(
    `INSERT INTO users (email, name, password_hash)
     SELECT 'crash.client' || n || '@example.test', 'Client ' || n, 'not-a-hash' FROM generate_series(1, 5) AS n RETURNING id`,
  );
  const clientIds: string[] = users.rows.map((row: { id: string }) => row.id);
  await db.query(`INSERT INTO memberships (agency_id, user_id, role) SELECT $1, unnest($2::uuid[]), 'CLIENT'`, [agencyId, clientIds]);
  return { agencyId, clientIds };
}

async function insertDueReminders(db: Client, agencyId: string, clientIds: string[], count: number, keyPrefix: string): Promise<void> {
  await db.query(
    `INSERT INTO reminders (agency_id, kind, recipient_user_id, due_at, idempotency_key, refs)
     SELECT $1, 'notice', ($2::uuid[])[1 + n % array_length($2::uuid[], 1)], now() - interval '1 minute', $3 || n, '{}'
       FROM generate_series(1, $4::int) AS n`,
    [agencyId, clientIds, keyPrefix, count],
  );
}

/** The promise's value, or an error after `limitMs` (a bound so that a broken run fails instead of hanging). */
async function within<T>(promise: Promise<T>, limitMs: number, describe: () => string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const limit = new Promise<never>((_, fail) => {
    timer = setTimeout(() => fail(new Error(describe())), limitMs);
  });
  try {
    return await Promise.race([promise, limit]);
  } finally {
    clearTimeout(timer);
  }
}

async function statusCounts(db: Client, keyPrefix: string): Promise<Record<string, number>> {
  const result = await db.query(`SELECT status, count(*)::int AS n FROM reminders WHERE idempotency_key LIKE $1 || '%' GROUP BY status`, [keyPrefix]);
  return Object.fromEntries(result.rows.map((row: { status: string; n: number }) => [row.status, row.n]));
}

describe('reminder worker under SIGKILL and SIGTERM (real worker processes, real SMTP on loopback)', () => {
  let database: IsolatedDatabase;
  let smtp: TestSmtpServer;
  let db: Client;
  let seeded: { agencyId: string; clientIds: string[] };
  let current: WorkerProcess | null = null;

  const start = () => {
    current = spawnWorker({ ...WORKER_ENV, DATABASE_URL: database.url, SMTP_URL: smtp.url });
    return current;
  };

  beforeAll(async () => {
    database = await createIsolatedDatabase('rem_crash');
    smtp = await new TestSmtpServer().start();
    db = new Client({ connectionString: database.url });
    await db.connect();
    seeded = await seedAgency(db);
  });

  afterAll(async () => {
    if (current && current.child.exitCode === null && current.child.signalCode === null) {
      current.child.kill('SIGKILL');
      await current.exited;
    }
    await db?.end();
    await smtp?.stop();
    await database?.dispose();
  });

  it(
    `loses none of ${REMINDER_COUNT} reminders across three SIGKILLs and duplicates at most one e-mail per kill`,
    async () => {
      await insertDueReminders(db, seeded.agencyId, seeded.clientIds, REMINDER_COUNT, 'crash:');
      const kills: number[] = [];
      // Kill the worker the instant the server has taken a message and before the worker hears "250":
      // the worst moment, when that message is delivered but not yet recorded as SENT.
      smtp.onMessage = (_mail, count) => {
        const next = KILL_AFTER_MESSAGES[kills.length];
        if (next !== undefined && count >= next && current?.child.pid) {
          kills.push(count);
          current.child.kill('SIGKILL');
        }
      };
      try {
        for (let run = 0; run <= KILL_AFTER_MESSAGES.length; run += 1) {
          const worker = start();
          if (run < KILL_AFTER_MESSAGES.length) {
            const exit = await within(worker.exited, 90_000, () => `worker run ${run + 1} was not killed in time:\n${worker.output()}`);
            expect(exit.signal).toBe('SIGKILL');
          }
        }
        const counts = await eventually(
          `all ${REMINDER_COUNT} reminders to be SENT`,
          () => statusCounts(db, 'crash:'),
          (seen) => seen[ReminderStatus.SENT] === REMINDER_COUNT,
          120_000,
        ).catch((error: Error) => {
          throw new Error(`${error.message}\nworker output:\n${current?.output()}`);
        });
        expect(counts).toEqual({ [ReminderStatus.SENT]: REMINDER_COUNT });
      } finally {
        smtp.onMessage = null;
      }

      const duplicates = smtp.duplicates();
      console.log(
        `Crash test: ${REMINDER_COUNT} reminders, ${kills.length} SIGKILLs (after messages ${kills.join(', ')}), ` +
          `${smtp.received.length} e-mails received, ${smtp.uniqueMessageIds().size} distinct Message-IDs, ${duplicates} duplicate(s).`,
      );
      expect(kills).toHaveLength(3);
      expect(smtp.uniqueMessageIds().size).toBe(REMINDER_COUNT);
      expect(duplicates).toBeLessThanOrEqual(kills.length);

      const worker = current as unknown as WorkerProcess;
      worker.child.kill('SIGTERM');
      expect(await worker.exited).toEqual({ code: 0, signal: null });
    },
    300_000,
  );

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

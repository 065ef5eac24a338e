import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { Client } from 'pg';
import {
  asAppRole,
  eventually,
  initPrimary,
  serverDirectory,
  startServer,
  stopServer,
  TestSmtpServer,
} from '@followthrough/server-testing';
import { spawnWorker, WorkerProcess } from './testing/worker-process';

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/**
 * A PostgreSQL outage under a running worker (database and queue together, on the PostgreSQL
 * backend): the worker says when it lost the database and when it got it back, and delivery
 * resumes at once rather than after BullMQ's default retry delay.
 */
describe('reminder worker through a PostgreSQL outage', () => {
  const root = mkdtempSync(join(tmpdir(), 'followthrough-outage-'));
  const dataDir = join(root, 'pg');
  let url: string;
  let smtp: TestSmtpServer;
  let worker: WorkerProcess;
  let agencyId: string;
  let clientId: string;

  const withDb = async <T>(work: (db: Client) => Promise<T>): Promise<T> => {
    const db = new Client({ connectionString: url });
    await db.connect();
    try {
      return await work(db);
    } finally {
      await db.end();
    }
  };
  const insertDue = (key: string) =>
    withDb((db) =>
      db.query(
        `INSERT INTO reminders (agency_id, kind, recipient_user_id, due_at, idempotency_key, refs) VALUES ($1, 'notice', $2, now(), $3, '{}')`,
        [agencyId, clientId, key],
      ),
    );
  const statusOf = (key: string) =>
    withDb((db) => db.query(`SELECT status FROM reminders WHERE idempotency_key = $1`, [key])).then(
      (result) => result.rows[0]?.status as string | undefined,
    );

  beforeAll(async () => {
    serverDirectory(root);
    const port = await freePort();
    await initPrimary(dataDir, port);
    await startServer(dataDir, join(root, 'pg.log'));
    url = `postgres://postgres@127.0.0.1:${port}/postgres`;
    // Migrated with the project's own tool, as a release step would.
    await promisify(execFile)(process.execPath, ['-r', '@swc-node/register', 'tools/db/migrate.ts'], {
      cwd: resolve(__dirname, '../../../../..'),
      env: { ...process.env, DATABASE_OWNER_URL: url, DATABASE_URL: asAppRole(url) },
    });
    ({ agencyId, clientId } = await withDb(async (db) => {
      const agency = await db.query(
        `INSERT INTO agencies (name, timezone) VALUES ('Outage Careers', 'Europe/Paris') RETURNING id`,
      );
      const user = await db.query(
        `INSERT INTO users (email, name, password_hash) VALUES ('outage.client@example.test', 'Olga Client', 'not-a-hash') RETURNING id`,
      );
      await db.query(`INSERT INTO memberships (agency_id, user_id, role) VALUES ($1, $2, 'CLIENT')`, [
        agency.rows[0].id,
        user.rows[0].id,
      ]);
      return { agencyId: agency.rows[0].id as string, clientId: user.rows[0].id as string };
    }));
    smtp = await new TestSmtpServer().start();
    worker = spawnWorker({
      DATABASE_URL: asAppRole(url),
      SMTP_URL: smtp.url,
      REMINDER_SCAN_EVERY_MS: '1000',
      REMINDER_BACKOFF_MS: '200',
    });
  }, 120_000);

  afterAll(async () => {
    if (worker && worker.child.exitCode === null) {
      worker.child.kill('SIGKILL');
      await worker.exited;
    }
    await smtp?.stop();
    await stopServer(dataDir, 'immediate');
    rmSync(root, { recursive: true, force: true });
  });

  it('logs the outage and its end, and sends what fell due within seconds of the database coming back', async () => {
    await insertDue('outage:before');
    await eventually(
      'the first reminder to be SENT',
      () => statusOf('outage:before'),
      (status) => status === 'SENT',
      60_000,
    );

    await stopServer(dataDir, 'immediate');
    await eventually(
      'the worker to notice',
      async () => worker.output(),
      (output) => /The database is unreachable/.test(output),
      20_000,
    );
    await startServer(dataDir, join(root, 'pg.log'));
    const back = Date.now();
    await insertDue('outage:after');
    await eventually(
      'the reminder due after the outage to be SENT',
      () => statusOf('outage:after').catch(() => undefined),
      (status) => status === 'SENT',
      30_000,
    );
    const resumedAfterMs = Date.now() - back;
    console.log(`PostgreSQL outage: a reminder due when the database came back was sent ${resumedAfterMs} ms later.`);
    expect(resumedAfterMs).toBeLessThan(13_000);
    const output = await eventually(
      'the worker to log the return',
      async () => worker.output(),
      (seen) => /Delivery resumes/.test(seen),
      20_000,
    );
    expect(output).toMatch(/The database is reachable again after \d+ s/);
  }, 120_000);
});

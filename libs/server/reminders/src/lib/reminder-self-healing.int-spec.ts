import { INestApplicationContext } from '@nestjs/common';
import { Client } from 'pg';
import {
  AgencyFixture,
  createAgencyFixture,
  createIsolatedDatabase,
  DisposableRedis,
  eventually,
  IsolatedDatabase,
  startDisposableRedis,
  startTestApi,
  TestApi,
  TestSmtpServer,
} from '@followthrough/server-testing';
import { NOTICE_KIND } from './composers/notice.composer';
import { RemindersModule } from './reminders.module';
import { SCAN_HEARTBEAT } from './queue/reminder-scan.processor';
import { startWorkerContext } from './testing/worker-context';

/**
 * The database, not the queue, says what is due. A Redis that restarts without its data loses the
 * scan's job scheduler and every waiting job; the worker must carry on by itself.
 */
describe('reminder delivery heals itself after the queue loses its data', () => {
  let redis: DisposableRedis;
  let database: IsolatedDatabase;
  let smtp: TestSmtpServer;
  let api: TestApi;
  let worker: INestApplicationContext;
  let agency: AgencyFixture;
  let db: Client;

  const insertDue = (key: string, count: number, enqueued: boolean) =>
    db.query(
      `INSERT INTO reminders (agency_id, kind, recipient_user_id, due_at, idempotency_key, refs, enqueued_at, job_id)
       SELECT $1, $2, $3, now() - interval '1 minute', $4 || n, '{}', ${enqueued ? `now(), 'r-lost-' || n` : 'NULL, NULL'}
         FROM generate_series(1, $5::int) AS n`,
      [agency.agencyId, NOTICE_KIND, agency.clients[0].userId, key, count],
    );
  const sentCount = (key: string) =>
    db
      .query(
        `SELECT count(*)::int AS n FROM reminders WHERE agency_id = $1 AND idempotency_key LIKE $2 AND status = 'SENT'`,
        [agency.agencyId, `${key}%`],
      )
      .then((result) => result.rows[0].n as number);

  beforeAll(async () => {
    redis = await startDisposableRedis();
    database = await createIsolatedDatabase('rem_heal');
    smtp = await new TestSmtpServer().start();
    api = await startTestApi([RemindersModule], { DATABASE_URL: database.url });
    agency = await createAgencyFixture(api.client, 'Self Healing', 1, 1);
    worker = await startWorkerContext({
      DATABASE_URL: database.url,
      SMTP_URL: smtp.url,
      REDIS_URL: redis.url,
      REMINDER_SCAN_EVERY_MS: '300',
      REMINDER_RECLAIM_AFTER_MS: '2000',
      REMINDER_ENSURE_SCHEDULER_EVERY_MS: '1000',
      REMINDER_BACKOFF_MS: '50',
    });
    db = new Client({ connectionString: database.ownerUrl });
    await db.connect();
  });

  afterAll(async () => {
    await redis?.stop();
    await worker?.close().catch(() => undefined);
    await api?.close();
    await db?.end();
    await smtp?.stop();
    await database?.dispose();
  });

  it('sends again, with no restart, what was due or enqueued when Redis came back empty', async () => {
    await insertDue('before:', 3, false);
    await eventually(
      'the first reminders to be SENT',
      () => sentCount('before:'),
      (n) => n === 3,
      20_000,
    );

    await redis.kill();
    // Handed to the queue just before it lost its data: the rows say enqueued, the queue has no jobs.
    await insertDue('stranded:', 5, true);
    await redis.restart();
    await insertDue('after:', 5, false);

    await eventually(
      'the stranded reminders to be SENT',
      () => sentCount('stranded:'),
      (n) => n === 5,
      45_000,
    );
    await eventually(
      'the new reminders to be SENT',
      () => sentCount('after:'),
      (n) => n === 5,
      45_000,
    );
    expect(smtp.duplicates()).toBe(0);
    expect(smtp.uniqueMessageIds().size).toBe(13);
  }, 120_000);

  it('reports the queue as degraded on /health while the scan has not run within twice its period', async () => {
    const ok = await fetch(`${api.url}/health`);
    expect(ok.status).toBe(200);

    // No more scans; then, as if none had run for an hour (the scheduler lost, every worker stalled).
    await worker.close();
    await db.query(`UPDATE process_heartbeats SET beat_at = now() - interval '1 hour' WHERE name = $1`, [
      SCAN_HEARTBEAT,
    ]);
    const degraded = await fetch(`${api.url}/health`);
    expect(degraded.status).toBe(503);
    expect(await degraded.json()).toEqual({
      status: 'degraded',
      db: 'up',
      queue: 'degraded',
      late: [{ name: SCAN_HEARTBEAT, lastRanAt: expect.any(String) }],
    });
  });
});

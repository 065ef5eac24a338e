import { INestApplicationContext } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import {
  AgencyFixture,
  boundToArgumentAgency,
  createAgencyFixture,
  createIsolatedDatabase,
  eventually,
  IsolatedDatabase,
  startTestApi,
  TestApi,
  TestSmtpServer,
  ZONES_AROUND_THE_WORLD,
  EVERY_DAY,
  zoneWhereSendingIsAllowed,
} from '@followthrough/server-testing';
import { earliestSendTime, ReminderStatus } from '@followthrough/shared-domain';
import { rawHeader } from '@followthrough/server-core';
import { RemindersModule } from '../reminders.module';
import { NOTICE_KIND } from '../composers/notice.composer';
import { ReminderDispatcher } from '../services/reminder-dispatcher.service';
import { ReminderService } from '../services/reminder.service';
import { reminderMessageId } from '../services/reminder-message';
import { startWorkerContext } from './worker-context';

const REMINDERS = `query R($filter: ReminderFilter, $first: Int, $after: String) {
  reminders(filter: $filter, first: $first, after: $after) {
    edges { cursor node { id status attempts lastError providerMessageId sentAt inDigest skipReason recipientUserId } }
    pageInfo { endCursor hasNextPage }
  }
}`;
// A connection's nodes, in order.
const nodeOf = <T>(edge: { node: T }): T => edge.node;
const RETRY = `mutation R($reminderId: ID!) { retryReminder(reminderId: $reminderId) { id status attempts lastError } }`;
const SET_PREFERENCE = `mutation P($input: NotificationPreferenceInput!) { setMyNotificationPreference(input: $input) { mode unsubscribed } }`;

interface Row {
  id: string;
  status: ReminderStatus;
  attempts: number;
  last_error: string | null;
  provider_message_id: string | null;
  digest_id: string | null;
  skip_reason: string | null;
}

/**
 * The whole reminder path on one queue backend: a reminder created by another context's call,
 * found by the scheduler, sent over real SMTP to a server on loopback, recorded as SENT; retries
 * then FAILED; the daily digest; unsubscribe.
 */
export function describeDeliveryPath(backend: 'postgres' | 'redis'): void {
  const redisUrl = process.env['TEST_REDIS_URL'] ?? '';
  if (backend === 'redis' && !redisUrl) {
    // CI always has Redis (.ci/run starts it): there a missing Redis is a failure, not a reason to skip.
    if (process.env['CI'] === 'true')
      throw new Error('CI=true but no Redis answered on 127.0.0.1:6379 and REDIS_URL is not set.');
    console.warn('Skipping the reminder path on Redis: no Redis answered on 127.0.0.1:6379 and REDIS_URL is not set.');
    describe.skip(`reminder delivery on ${backend}`, () => undefined);
    return;
  }

  describe(`reminder delivery on ${backend}`, () => {
    let database: IsolatedDatabase;
    let smtp: TestSmtpServer;
    let api: TestApi;
    let worker: INestApplicationContext;
    let agency: AgencyFixture;
    let reminders: ReminderService;
    let db: Client;

    const row = async (id: string): Promise<Row> =>
      (
        await db.query(
          'SELECT id, status, attempts, last_error, provider_message_id, digest_id, skip_reason FROM reminders WHERE id = $1',
          [id],
        )
      ).rows[0];
    const schedule = async (recipientUserId: string, key: string, dueAt = new Date(Date.now() - 1000)) =>
      (
        await reminders.schedule(undefined, {
          agencyId: agency.agencyId,
          kind: NOTICE_KIND,
          recipientUserId,
          dueAt,
          idempotencyKey: key,
          timing: 'exact',
        })
      ).reminder;
    const rows = async (ids: string[]): Promise<Row[]> =>
      (
        await db.query(
          'SELECT id, status, attempts, last_error, provider_message_id, digest_id, skip_reason FROM reminders WHERE id = ANY($1::uuid[]) ORDER BY idempotency_key',
          [ids],
        )
      ).rows;
    const mailsFor = (reminderId: string) =>
      smtp.received.filter((mail) => mail.messageId === reminderMessageId(reminderId));

    beforeAll(async () => {
      database = await createIsolatedDatabase(`rem_${backend}`);
      smtp = await new TestSmtpServer().start();
      api = await startTestApi([RemindersModule], { DATABASE_URL: database.url });
      agency = await createAgencyFixture(api.client, `Delivery ${backend}`, 1, 3);
      worker = await startWorkerContext({
        DATABASE_URL: database.url,
        SMTP_URL: smtp.url,
        REDIS_URL: backend === 'redis' ? redisUrl : '',
        REMINDER_QUEUE_PREFIX: `ft-test-${randomUUID().slice(0, 8)}`,
        REMINDER_SCAN_EVERY_MS: '300',
        REMINDER_ATTEMPTS: '5',
        REMINDER_BACKOFF_MS: '20',
        REMINDER_LOCK_MS: '5000',
      });
      // Called directly, as the jobs that schedule reminders do: bound to the input's agency.
      reminders = boundToArgumentAgency(worker.get(ReminderService, { strict: false }));
      db = new Client({ connectionString: database.ownerUrl });
      await db.connect();
    });

    afterAll(async () => {
      await worker?.close();
      await api?.close();
      await db?.end();
      await smtp?.stop();
      await database?.dispose();
    });

    it('finds a due reminder on its own and sends it: SCHEDULED → SENT with the provider id', async () => {
      const client = agency.clients[0];
      const reminder = await schedule(client.userId, 'path:first');
      expect(reminder.status).toBe(ReminderStatus.SCHEDULED);

      // No direct call: the BullMQ job scheduler's scan picks it up.
      const sent = await eventually(
        'the reminder to be SENT',
        () => row(reminder.id),
        (current) => current.status === ReminderStatus.SENT,
      );
      const [mail] = mailsFor(reminder.id);
      expect(mail.to).toEqual([client.email]);
      expect(rawHeader(mail.raw, 'List-Unsubscribe')).toMatch(
        /^<http:\/\/localhost:3000\/notifications\/unsubscribe\?token=[\w.-]+>$/,
      );
      expect(rawHeader(mail.raw, 'List-Unsubscribe-Post')).toBe('List-Unsubscribe=One-Click');
      expect(sent.provider_message_id).toMatch(/^test-\d+$/);
      expect(sent.attempts).toBe(1);

      const seenByClient = (await client.client.ok(REMINDERS))['reminders'].edges.map(nodeOf);
      expect(seenByClient).toEqual([
        expect.objectContaining({ id: reminder.id, status: 'SENT', providerMessageId: sent.provider_message_id }),
      ]);
      const seenByOtherClient = (await agency.clients[1].client.ok(REMINDERS))['reminders'].edges.map(nodeOf);
      expect(seenByOtherClient.map((node: { id: string }) => node.id)).not.toContain(reminder.id);
    });

    it('sends nothing before it is due, and the scan can be run directly', async () => {
      const dispatcher = worker.get(ReminderDispatcher, { strict: false });
      const later = await schedule(agency.clients[0].userId, 'path:later', new Date(Date.now() + 3_600_000));
      await dispatcher.dispatchDue();
      expect((await row(later.id)).status).toBe(ReminderStatus.SCHEDULED);
      const report = await dispatcher.dispatchDue(new Date(Date.now() + 2 * 3_600_000));
      expect(report.reminders).toBeGreaterThanOrEqual(1);
      await eventually(
        'the later reminder to be SENT',
        () => row(later.id),
        (current) => current.status === ReminderStatus.SENT,
      );
      expect(mailsFor(later.id)).toHaveLength(1);
    });

    it('is idempotent: the same key schedules once and sends once', async () => {
      const first = await schedule(agency.clients[0].userId, 'path:once');
      const again = await reminders.schedule(undefined, {
        agencyId: agency.agencyId,
        kind: NOTICE_KIND,
        recipientUserId: agency.clients[0].userId,
        dueAt: new Date(),
        idempotencyKey: 'path:once',
      });
      expect(again).toEqual({ reminder: expect.objectContaining({ id: first.id }), created: false });
      await eventually(
        'the reminder to be SENT',
        () => row(first.id),
        (current) => current.status === ReminderStatus.SENT,
      );
      await worker.get(ReminderDispatcher, { strict: false }).dispatchDue();
      expect(mailsFor(first.id)).toHaveLength(1);
    });

    it('enqueues again a reminder whose job was lost, under a job id of its own', async () => {
      const reminder = await schedule(agency.clients[0].userId, 'path:lost', new Date(Date.now() + 3_600_000));
      // As if a worker had claimed it long ago and its job had then vanished from the queue.
      await db.query(
        `UPDATE reminders SET status = 'SENDING', attempts = 1, enqueued_at = now() - interval '2 hours', updated_at = now() - interval '2 hours' WHERE id = $1`,
        [reminder.id],
      );
      // The scheduler's own scan may get there first; either way the row gets a new job and goes out once.
      await worker.get(ReminderDispatcher, { strict: false }).dispatchDue();
      const sent = await eventually(
        'the lost reminder to be SENT',
        () => row(reminder.id),
        (current) => current.status === ReminderStatus.SENT,
      );
      expect(sent.attempts).toBe(2);
      expect(mailsFor(reminder.id)).toHaveLength(1);
    });

    it('retries a temporary refusal (4xx) with exponential backoff, then marks it FAILED for admins', async () => {
      smtp.rejectWith = { code: 451, message: 'Try again later' };
      try {
        const reminder = await schedule(agency.clients[1].userId, 'path:busy');
        const failed = await eventually(
          'the reminder to be FAILED',
          () => row(reminder.id),
          (current) => current.status === ReminderStatus.FAILED,
        );
        expect(failed.attempts).toBe(5);
        expect(failed.last_error).toMatch(/451/);
        expect(mailsFor(reminder.id)).toHaveLength(0);

        const adminView = (await agency.admin.client.ok(REMINDERS, { filter: { status: 'FAILED' } }))[
          'reminders'
        ].edges.map(nodeOf);
        expect(adminView).toEqual([
          expect.objectContaining({
            id: reminder.id,
            status: 'FAILED',
            attempts: 5,
            lastError: expect.stringMatching(/451/),
          }),
        ]);
        const clientView = (await agency.clients[1].client.ok(REMINDERS, { filter: { status: 'FAILED' } }))[
          'reminders'
        ].edges.map(nodeOf);
        expect(clientView).toEqual([expect.objectContaining({ id: reminder.id, status: 'FAILED', lastError: null })]);
      } finally {
        smtp.rejectWith = null;
      }
    });

    it('fails a permanent refusal (5xx) at once, with the reason, and sends nothing more to that address', async () => {
      const client = agency.clients[1];
      smtp.rejectWith = { code: 550, message: 'Mailbox unavailable' };
      let refused: Row;
      try {
        const reminder = await schedule(client.userId, 'path:refused');
        refused = await eventually(
          'the reminder to be FAILED',
          () => row(reminder.id),
          (current) => current.status === ReminderStatus.FAILED,
        );
        expect(refused.attempts).toBe(1);
        expect(refused.last_error).toMatch(/550/);
      } finally {
        smtp.rejectWith = null;
      }
      // The server would take it now, but the address is marked as refusing mail until it changes.
      const next = await schedule(client.userId, 'path:after-refusal');
      const failedAgain = await eventually(
        'the next reminder to fail',
        () => row(next.id),
        (current) => current.status === ReminderStatus.FAILED,
      );
      expect(failedAgain.last_error).toMatch(/refused mail on \d{4}-\d{2}-\d{2}.*Update the address/);
      expect(mailsFor(next.id)).toHaveLength(0);
      const marked = await db.query('SELECT email, response_code FROM mail_refusals WHERE agency_id = $1', [
        agency.agencyId,
      ]);
      expect(marked.rows).toEqual([{ email: client.email.toLowerCase(), response_code: 550 }]);
      const adminView = (await agency.admin.client.ok(REMINDERS, { filter: { status: 'FAILED' } }))[
        'reminders'
      ].edges.map(nodeOf);
      expect(adminView.map((node: { id: string }) => node.id)).toEqual(expect.arrayContaining([refused.id, next.id]));

      // Only an admin may send it again; that lifts the mark, and it goes out.
      const denied = await client.client.request(RETRY, { reminderId: next.id });
      expect(denied.errors?.[0].extensions?.['code']).toBe('FORBIDDEN');
      const retried = (await agency.admin.client.ok(RETRY, { reminderId: next.id }))['retryReminder'];
      expect(retried).toMatchObject({ id: next.id, status: 'SCHEDULED', attempts: 0, lastError: null });
      await eventually(
        'the retried reminder to be SENT',
        () => row(next.id),
        (current) => current.status === ReminderStatus.SENT,
      );
      expect(mailsFor(next.id)).toHaveLength(1);
      expect(
        (await db.query('SELECT count(*)::int AS n FROM mail_refusals WHERE agency_id = $1', [agency.agencyId])).rows[0]
          .n,
      ).toBe(0);

      const again = await agency.admin.client.request(RETRY, { reminderId: next.id });
      expect(again.errors?.[0]).toMatchObject({
        message: 'reminderId: only a failed reminder can be retried; this one is sent',
        extensions: { code: 'BAD_USER_INPUT' },
      });
      const unknown = await agency.admin.client.request(RETRY, { reminderId: '00000000-0000-4000-8000-000000000000' });
      expect(unknown.errors?.[0].extensions?.['code']).toBe('NOT_FOUND');
      const malformed = await agency.admin.client.request(RETRY, { reminderId: 'nope' });
      expect(malformed.errors?.[0].extensions?.['code']).toBe('BAD_USER_INPUT');
    });

    it('checks quiet hours and the calendar again at sending: a late reminder in the night waits for the morning', async () => {
      const client = agency.clients[0];
      const calendar = { timezone: 'Europe/Paris', workingWeekdays: [1, 2, 3, 4, 5], holidays: [] as string[] };
      // A zone where this is not a moment to send (night, or a weekend), whenever the test runs.
      const zone = ZONES_AROUND_THE_WORLD.find(
        (candidate) =>
          earliestSendTime(new Date(), calendar, { timeZone: candidate }).getTime() > Date.now() + 3_600_000,
      );
      if (!zone) throw new Error('no zone is outside business hours right now');
      await db.query('UPDATE users SET timezone = $2 WHERE id = $1', [client.userId, zone]);
      try {
        // As if it had been due at 09:30 and a backlog had carried it to now.
        const inserted = await db.query(
          `INSERT INTO reminders (agency_id, kind, recipient_user_id, due_at, idempotency_key, refs, timing)
           VALUES ($1, $2, $3, now() - interval '1 minute', 'path:night', '{}', 'business-hours') RETURNING id`,
          [agency.agencyId, NOTICE_KIND, client.userId],
        );
        const id: string = inserted.rows[0].id;
        const deferred = await eventually(
          'the reminder to be deferred',
          () =>
            db
              .query('SELECT status, due_at, attempts FROM reminders WHERE id = $1', [id])
              .then((result) => result.rows[0]),
          (current) => current.status === ReminderStatus.SCHEDULED && new Date(current.due_at).getTime() > Date.now(),
        );
        const expected = earliestSendTime(new Date(), { ...calendar, holidays: [] }, { timeZone: zone });
        expect(Math.abs(new Date(deferred.due_at).getTime() - expected.getTime())).toBeLessThan(60_000);
        expect(deferred.attempts).toBe(0);
        expect(mailsFor(id)).toHaveLength(0);
      } finally {
        await db.query('UPDATE users SET timezone = NULL WHERE id = $1', [client.userId]);
      }
    });

    it('puts a reminder late by more than one business day into a catch-up digest, not an e-mail of its own', async () => {
      const client = agency.clients[0];
      const inserted = await db.query(
        `INSERT INTO reminders (agency_id, kind, recipient_user_id, due_at, idempotency_key, refs, timing)
         VALUES ($1, $2, $3, now() - interval '10 days', 'path:overdue', '{}', 'business-hours') RETURNING id`,
        [agency.agencyId, NOTICE_KIND, client.userId],
      );
      const id: string = inserted.rows[0].id;
      const waiting = await eventually(
        'the reminder to join a digest',
        () => row(id),
        (current) => current.status !== ReminderStatus.SCHEDULED && current.status !== ReminderStatus.SENDING,
      );
      expect([ReminderStatus.IN_DIGEST, ReminderStatus.SENT]).toContain(waiting.status);
      expect(waiting.digest_id).not.toBeNull();
      expect(mailsFor(id)).toHaveLength(0);
      const admin = (await agency.admin.client.ok(REMINDERS, { filter: { status: waiting.status } }))[
        'reminders'
      ].edges.map(nodeOf);
      expect(admin).toEqual(expect.arrayContaining([expect.objectContaining({ id, inDigest: true })]));
    });

    it('collects a digest person’s due reminders into one e-mail on their next business morning', async () => {
      const client = agency.clients[2];
      // The digest goes out in business hours only, checked against the real clock when it is sent: the person
      // is put where it is business time now, on a calendar working every day, whatever the hour the suite runs.
      await db.query('UPDATE agencies SET working_weekdays = $2 WHERE id = $1', [agency.agencyId, EVERY_DAY]);
      await db.query('UPDATE users SET timezone = $2 WHERE id = $1', [client.userId, zoneWhereSendingIsAllowed()]);
      try {
        await client.client.ok(SET_PREFERENCE, { input: { mode: 'DAILY_DIGEST' } });
        const due = await Promise.all([1, 2, 3].map((n) => schedule(client.userId, `path:digest:${n}`)));
        const waiting = await eventually(
          'the reminders to wait in a digest',
          () => rows(due.map((reminder) => reminder.id)),
          (found) => found.every((current) => current.digest_id !== null),
        );
        expect(new Set(waiting.map((current) => current.digest_id)).size).toBe(1);
        expect(waiting.map((current) => current.status)).toEqual([
          ReminderStatus.IN_DIGEST,
          ReminderStatus.IN_DIGEST,
          ReminderStatus.IN_DIGEST,
        ]);
        expect(smtp.received.filter((mail) => mail.to.includes(client.email))).toHaveLength(0);

        // Run the scan as if the next business morning had come.
        await worker.get(ReminderDispatcher, { strict: false }).dispatchDue(new Date(Date.now() + 5 * 86_400_000));
        const sent = await eventually(
          'the digest to go out',
          () => rows(due.map((reminder) => reminder.id)),
          (found) => found.every((current) => current.status === ReminderStatus.SENT),
        );
        const mails = smtp.received.filter((mail) => mail.to.includes(client.email));
        expect(mails).toHaveLength(1);
        expect(mails[0].messageId).toBe(`<digest.${waiting[0].digest_id}@followthrough>`);
        expect(mails[0].subject).toMatch(/^Your follow-ups for .+: 3 steps$/);
        expect(new Set(sent.map((current) => current.provider_message_id))).toEqual(
          new Set([expect.stringMatching(/^test-\d+$/)]),
        );
        const view = (await client.client.ok(REMINDERS, { filter: { status: 'SENT' } }))['reminders'].edges.map(nodeOf);
        expect(view.filter((node: { inDigest: boolean }) => node.inDigest)).toHaveLength(3);
      } finally {
        await db.query(`UPDATE agencies SET working_weekdays = '{1,2,3,4,5}' WHERE id = $1`, [agency.agencyId]);
        await db.query('UPDATE users SET timezone = NULL WHERE id = $1', [client.userId]);
      }
    });

    it('skips the reminders of a person who used the unsubscribe link of an e-mail', async () => {
      const client = agency.clients[0];
      const [first] = smtp.received.filter((mail) => mail.to.includes(client.email));
      const link = (rawHeader(first.raw, 'List-Unsubscribe') as string).slice(1, -1);
      const onThisServer = new URL(link);
      const response = await fetch(`${api.url}${onThisServer.pathname}${onThisServer.search}`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: 'List-Unsubscribe=One-Click',
      });
      expect(response.status).toBe(200);

      const reminder = await schedule(client.userId, 'path:after-unsubscribe');
      const skipped = await eventually(
        'the reminder to be SKIPPED',
        () => row(reminder.id),
        (current) => current.status === ReminderStatus.SKIPPED,
      );
      expect(skipped.skip_reason).toBe('UNSUBSCRIBED');
      expect(mailsFor(reminder.id)).toHaveLength(0);
    });
  });
}

import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { AGENCY_MAIL_HEADER, MailSink, runAsTenant, SmtpMailer } from '@followthrough/server-core';
import {
  AgencyFixture,
  boundToArgumentAgency,
  createAgencyFixture,
  createIsolatedDatabase,
  IsolatedDatabase,
  startTestApi,
  TestApi,
} from '@followthrough/server-testing';
import { ReminderStatus } from '@followthrough/shared-domain';
import { NOTICE_KIND } from './composers/notice.composer';
import { ReminderComposerRegistry } from './composers/reminder-composer.registry';
import { RemindersModule } from './reminders.module';
import { NotificationPreferenceService } from './services/notification-preference.service';
import { ReminderService, ScheduleReminderInput } from './services/reminder.service';

const REMINDERS = `query R($filter: ReminderFilter, $first: Int, $after: String) {
  reminders(filter: $filter, first: $first, after: $after) { edges { cursor node { id recipientUserId dueAt status skipReason refs { name id } } } pageInfo { endCursor hasNextPage } }
}`;
// A connection's nodes, in order.
const nodeOf = <T>(edge: { node: T }): T => edge.node;
const MY_PREFERENCE = '{ myNotificationPreference { mode unsubscribed } }';
const SET_PREFERENCE = `mutation P($input: NotificationPreferenceInput!) { setMyNotificationPreference(input: $input) { mode unsubscribed } }`;
const UNSUBSCRIBE = 'mutation U($token: String!) { unsubscribe(token: $token) }';
const DEV_MAILBOX = '{ devMailbox(first: 5) { messageId to subject text listUnsubscribe } }';

type Node = { id: string; recipientUserId: string; dueAt: string; status: string };

describe('reminders over HTTP (scheduling, visibility, preferences, links)', () => {
  let api: TestApi;
  let alpha: AgencyFixture;
  let beta: AgencyFixture;
  let reminders: ReminderService;
  let dataDir: string;
  let database: IsolatedDatabase;

  const input = (
    agency: AgencyFixture,
    recipientUserId: string,
    key: string,
    extra: Partial<ScheduleReminderInput> = {},
  ): ScheduleReminderInput => ({
    agencyId: agency.agencyId,
    kind: NOTICE_KIND,
    recipientUserId,
    dueAt: new Date('2026-06-03T10:00:00Z'),
    idempotencyKey: key,
    timing: 'exact',
    ...extra,
  });
  const ids = (nodes: Node[]) => nodes.map((node) => node.id).sort();

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'followthrough-reminders-'));
    // Its own database: the suites that count rows in the shared one are not disturbed by these agencies.
    database = await createIsolatedDatabase('rem_api');
    api = await startTestApi([RemindersModule], {
      DATABASE_URL: database.url,
      DATA_DIR: dataDir,
      PUBLIC_URL: 'https://app.example.test',
    });
    // Client i is assigned to coach i % 2: coach 1 follows clients 1 and 3, coach 2 follows client 2.
    alpha = await createAgencyFixture(api.client, 'Reminder Alpha', 2, 3);
    beta = await createAgencyFixture(api.client, 'Reminder Beta', 1, 1);
    // Called directly, as the requests and jobs that schedule reminders do: bound to the input's agency.
    reminders = boundToArgumentAgency(api.app.get(ReminderService, { strict: false }));
  });

  afterAll(async () => {
    await api?.close();
    await database?.dispose();
    await rm(dataDir, { recursive: true, force: true });
  });

  describe('scheduling', () => {
    it('is idempotent per agency key and keeps the first reminder unchanged', async () => {
      const first = await reminders.schedule(
        undefined,
        input(alpha, alpha.clients[0].userId, 'sched:once', { refs: { applicationId: 'app-1' } }),
      );
      const second = await reminders.schedule(
        undefined,
        input(alpha, alpha.clients[0].userId, 'sched:once', { dueAt: new Date('2030-01-01T00:00:00Z') }),
      );
      expect(first.created).toBe(true);
      expect(second.created).toBe(false);
      expect(second.reminder.id).toBe(first.reminder.id);
      expect(second.reminder.dueAt.toISOString()).toBe('2026-06-03T10:00:00.000Z');
      // Another agency may use the same key.
      const elsewhere = await reminders.schedule(undefined, input(beta, beta.clients[0].userId, 'sched:once'));
      expect(elsewhere.created).toBe(true);
    });

    it('joins the caller’s transaction: nothing remains when it rolls back', async () => {
      const dataSource = api.app.get(DataSource);
      await expect(
        runAsTenant(alpha.agencyId, () =>
          dataSource.transaction(async (manager) => {
            await reminders.schedule(manager, input(alpha, alpha.clients[0].userId, 'sched:rolled-back'));
            throw new Error('roll back');
          }),
        ),
      ).rejects.toThrow('roll back');
      const again = await reminders.schedule(undefined, input(alpha, alpha.clients[0].userId, 'sched:rolled-back'));
      expect(again.created).toBe(true);
    });

    it('moves a due time out of weekends and quiet hours to the recipient’s business morning', async () => {
      // Saturday 6 June 2026, 14:00 UTC; the agency is in Paris → Monday 8 June 09:00 Paris (07:00 UTC).
      const weekend = await reminders.schedule(
        undefined,
        input(alpha, alpha.clients[1].userId, 'sched:weekend', {
          dueAt: new Date('2026-06-06T14:00:00Z'),
          timing: 'business-hours',
        }),
      );
      expect(weekend.reminder.dueAt.toISOString()).toBe('2026-06-08T07:00:00.000Z');
      // Wednesday 22:30 Paris is in the quiet hours → Thursday 09:00.
      const late = await reminders.schedule(
        undefined,
        input(alpha, alpha.clients[1].userId, 'sched:late', {
          dueAt: new Date('2026-06-03T20:30:00Z'),
          timing: 'business-hours',
        }),
      );
      expect(late.reminder.dueAt.toISOString()).toBe('2026-06-04T07:00:00.000Z');
      const working = await reminders.schedule(
        undefined,
        input(alpha, alpha.clients[1].userId, 'sched:working', {
          dueAt: new Date('2026-06-03T12:00:00Z'),
          timing: 'business-hours',
        }),
      );
      expect(working.reminder.dueAt.toISOString()).toBe('2026-06-03T12:00:00.000Z');
    });

    it('refuses payloads with anything but ids, unknown recipients and malformed kinds', async () => {
      await expect(
        reminders.schedule(
          undefined,
          input(alpha, alpha.clients[0].userId, 'sched:bad', { refs: { note: 'call Jane' } }),
        ),
      ).rejects.toMatchObject({
        extensions: { code: 'BAD_USER_INPUT' },
      });
      await expect(
        reminders.schedule(undefined, input(alpha, beta.clients[0].userId, 'sched:stranger')),
      ).rejects.toThrow('recipientUserId');
      await expect(
        reminders.schedule(undefined, input(alpha, alpha.clients[0].userId, 'sched:kind', { kind: 'Not A Kind' })),
      ).rejects.toThrow('kind');
    });

    it('cancels by key prefix and by refs, only in its own agency and only what is not sent', async () => {
      const client = alpha.clients[2].userId;
      const a = await reminders.schedule(
        undefined,
        input(alpha, client, 'step:42:due', { refs: { stepInstanceId: 'step-42' } }),
      );
      const b = await reminders.schedule(
        undefined,
        input(alpha, client, 'step:42:retry', { refs: { stepInstanceId: 'step-42' } }),
      );
      const c = await reminders.schedule(
        undefined,
        input(alpha, client, 'step:43:due', { refs: { stepInstanceId: 'step-43' } }),
      );
      const otherAgency = await reminders.schedule(undefined, input(beta, beta.clients[0].userId, 'step:42:due'));
      expect(await reminders.cancelByKeyPrefix(undefined, alpha.agencyId, 'step:42:')).toBe(2);
      expect(await reminders.cancelByKeyPrefix(undefined, alpha.agencyId, 'step:42:')).toBe(0);
      expect(await reminders.cancelByRefs(undefined, alpha.agencyId, { stepInstanceId: 'step-43' })).toBe(1);

      const db = new Client({ connectionString: database.ownerUrl });
      await db.connect();
      const rows = await db.query('SELECT id, status, skip_reason FROM reminders WHERE id = ANY($1::uuid[])', [
        [a, b, c, otherAgency].map((s) => s.reminder.id),
      ]);
      await db.end();
      const byId = new Map(rows.rows.map((row) => [row.id, row]));
      for (const cancelled of [a, b, c])
        expect(byId.get(cancelled.reminder.id)).toMatchObject({ status: 'SKIPPED', skip_reason: 'CANCELLED' });
      expect(byId.get(otherAgency.reminder.id)).toMatchObject({ status: 'SCHEDULED' });
    });

    it('keeps the keys a caller names when cancelling by refs, and brings a cancelled key back when it is scheduled again', async () => {
      const client = alpha.clients[2].userId;
      const kept = await reminders.schedule(
        undefined,
        input(alpha, client, 'step:44:due:1', { refs: { stepInstanceId: 'step-44' } }),
      );
      const moved = await reminders.schedule(
        undefined,
        input(alpha, client, 'step:44:due:0', { refs: { stepInstanceId: 'step-44' } }),
      );
      expect(
        await reminders.cancelByRefs(undefined, alpha.agencyId, { stepInstanceId: 'step-44' }, ['step:44:due:1']),
      ).toBe(1);
      const again = await reminders.schedule(
        undefined,
        input(alpha, client, 'step:44:due:0', { refs: { stepInstanceId: 'step-44' } }),
      );
      expect(again).toEqual({
        created: false,
        reminder: expect.objectContaining({ id: moved.reminder.id, status: 'SCHEDULED', skipReason: null }),
      });
      const unchanged = await reminders.schedule(undefined, input(alpha, client, 'step:44:due:1'));
      expect(unchanged.reminder).toMatchObject({ id: kept.reminder.id, status: 'SCHEDULED' });
    });

    it('lets contexts register a composer once per kind', () => {
      const registry = api.app.get(ReminderComposerRegistry, { strict: false });
      const composer = { compose: async () => 'skip' as const };
      registry.register('test.kind', composer);
      registry.register('test.kind', composer);
      expect(() => registry.register('test.kind', { compose: async () => 'skip' as const })).toThrow(
        'already registered',
      );
      expect(() => registry.register('Bad Kind', composer)).toThrow('Invalid reminder kind');
      expect(registry.kinds()).toEqual(expect.arrayContaining(['notice', 'test.kind']));
    });
  });

  describe('the reminders query', () => {
    let byClient: string[][];

    beforeAll(async () => {
      byClient = [];
      for (const [index, client] of alpha.clients.entries()) {
        const created: string[] = [];
        for (let n = 0; n < 3; n += 1) {
          const scheduled = await reminders.schedule(
            undefined,
            input(alpha, client.userId, `list:${index}:${n}`, { dueAt: new Date(Date.UTC(2027, 0, 10 + n, 9, 0)) }),
          );
          created.push(scheduled.reminder.id);
        }
        byClient.push(created);
      }
      await reminders.schedule(
        undefined,
        input(alpha, alpha.coaches[0].userId, 'list:coach', { dueAt: new Date('2027-01-15T09:00:00Z') }),
      );
    });

    const listed = async (who: {
      client: { ok: (q: string, v?: Record<string, unknown>) => Promise<Record<string, { edges: { node: Node }[] }>> };
    }) =>
      ids(
        (await who.client.ok(REMINDERS, { filter: { kind: 'notice', dueFrom: '2027-01-01T00:00:00Z' }, first: 100 }))[
          'reminders'
        ].edges.map(nodeOf),
      );

    it('shows a client their own reminders only', async () => {
      expect(await listed(alpha.clients[0])).toEqual([...byClient[0]].sort());
    });

    it('shows a coach their own and their assigned clients’ reminders', async () => {
      const coachOwn = (
        await alpha.coaches[0].client.ok(REMINDERS, { filter: { recipientUserId: alpha.coaches[0].userId } })
      )['reminders'].edges.map(nodeOf);
      expect(coachOwn).toHaveLength(1);
      expect(await listed(alpha.coaches[0])).toEqual([...byClient[0], ...byClient[2], coachOwn[0].id].sort());
      expect(await listed(alpha.coaches[1])).toEqual([...byClient[1]].sort());
    });

    it('shows an admin every reminder of the agency and nothing of another', async () => {
      const all = await listed(alpha.admin);
      expect(all).toEqual(expect.arrayContaining([...byClient.flat()]));
      expect(all).toHaveLength(10);
      expect(await listed(beta.admin)).toEqual([]);
      const peek = (await beta.admin.client.ok(REMINDERS, { filter: { recipientUserId: alpha.clients[0].userId } }))[
        'reminders'
      ].edges.map(nodeOf);
      expect(peek).toEqual([]);
    });

    it('pages with keyset cursors, newest due first, without repeats', async () => {
      const seen: Node[] = [];
      let after: string | null = null;
      for (let page = 0; page < 10; page += 1) {
        const result: { edges: { node: Node }[]; pageInfo: { endCursor: string | null; hasNextPage: boolean } } = (
          await alpha.admin.client.ok(REMINDERS, { filter: { dueFrom: '2027-01-01T00:00:00Z' }, first: 4, after })
        )['reminders'];
        seen.push(...result.edges.map(nodeOf));
        if (!result.pageInfo.hasNextPage) break;
        after = result.pageInfo.endCursor;
      }
      expect(seen).toHaveLength(10);
      expect(new Set(seen.map((node) => node.id)).size).toBe(10);
      const times = seen.map((node) => Date.parse(node.dueAt));
      expect([...times].sort((x, y) => y - x)).toEqual(times);
    });

    it('refuses bad page sizes and foreign cursors', async () => {
      expect((await alpha.admin.client.fails(REMINDERS, { first: 0 })).extensions?.code).toBe('BAD_USER_INPUT');
      expect((await alpha.admin.client.fails(REMINDERS, { after: 'nonsense' })).extensions?.code).toBe(
        'BAD_USER_INPUT',
      );
      expect((await api.client.fails(REMINDERS)).extensions?.code).toBe('UNAUTHENTICATED');
    });

    it('answers as a Relay connection: each edge has the cursor that continues after it', async () => {
      const page: { edges: { cursor: string; node: Node }[]; pageInfo: { endCursor: string; hasNextPage: boolean } } = (
        await alpha.admin.client.ok(REMINDERS, { filter: { dueFrom: '2027-01-01T00:00:00Z' }, first: 3 })
      )['reminders'];
      expect(page.edges).toHaveLength(3);
      expect(page.pageInfo).toEqual({ endCursor: page.edges[2].cursor, hasNextPage: true });
      const next: { edges: { node: Node }[] } = (
        await alpha.admin.client.ok(REMINDERS, {
          filter: { dueFrom: '2027-01-01T00:00:00Z' },
          first: 1,
          after: page.edges[0].cursor,
        })
      )['reminders'];
      expect(next.edges.map(nodeOf)).toEqual([page.edges[1].node]);
    });

    it.each([
      ['a recipient that is not an id', { recipientUserId: 'someone' }, 'filter.recipientUserId'],
      ['an over-long kind', { kind: 'k'.repeat(65) }, 'filter.kind'],
    ])('refuses a filter with %s, naming the field', async (_label, filter, field) => {
      const error = await alpha.admin.client.fails(REMINDERS, { filter });
      expect(error.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
      expect(error.message).toContain(field);
    });
  });

  describe('preferences and signed links', () => {
    it('lets a person choose immediate or daily digest', async () => {
      const client = alpha.clients[1];
      expect((await client.client.ok(MY_PREFERENCE))['myNotificationPreference']).toEqual({
        mode: 'IMMEDIATE',
        unsubscribed: false,
      });
      expect(
        (await client.client.ok(SET_PREFERENCE, { input: { mode: 'DAILY_DIGEST' } }))['setMyNotificationPreference'],
      ).toEqual({
        mode: 'DAILY_DIGEST',
        unsubscribed: false,
      });
      // Per agency: the same person elsewhere is unaffected (another agency's client here).
      expect((await beta.clients[0].client.ok(MY_PREFERENCE))['myNotificationPreference'].mode).toBe('IMMEDIATE');
    });

    it('shows the unsubscribe page on GET without changing anything, and applies it on POST', async () => {
      const client = alpha.clients[0];
      const preferences = api.app.get(NotificationPreferenceService, { strict: false });
      const link = new URL(preferences.unsubscribeUrl(alpha.agencyId, client.userId));
      expect(link.origin).toBe('https://app.example.test');
      const local = `${api.url}${link.pathname}${link.search}`;

      const page = await fetch(local, { headers: { accept: 'text/html' } });
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('<form method="post"');
      expect((await client.client.ok(MY_PREFERENCE))['myNotificationPreference'].unsubscribed).toBe(false);

      const applied = await fetch(local, { method: 'POST' });
      expect(applied.status).toBe(200);
      expect(await applied.text()).toContain('Unsubscribed');
      expect((await client.client.ok(MY_PREFERENCE))['myNotificationPreference'].unsubscribed).toBe(true);
    });

    it('changes the mode through the preferences link', async () => {
      const client = alpha.clients[2];
      const preferences = api.app.get(NotificationPreferenceService, { strict: false });
      const link = new URL(preferences.preferencesUrl(alpha.agencyId, client.userId));
      const local = `${api.url}${link.pathname}${link.search}`;
      expect(await (await fetch(local)).text()).toContain('each reminder as it falls due');
      const saved = await fetch(local, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: 'choice=DAILY_DIGEST',
      });
      expect(saved.status).toBe(200);
      expect((await client.client.ok(MY_PREFERENCE))['myNotificationPreference']).toEqual({
        mode: 'DAILY_DIGEST',
        unsubscribed: false,
      });
    });

    it('refuses forged, tampered or wrong-purpose tokens', async () => {
      const preferences = api.app.get(NotificationPreferenceService, { strict: false });
      const prefsToken = new URL(preferences.preferencesUrl(alpha.agencyId, alpha.clients[1].userId)).searchParams.get(
        'token',
      ) as string;
      // A preferences link cannot unsubscribe on its own (another purpose).
      expect((await api.client.ok(UNSUBSCRIBE, { token: prefsToken }))['unsubscribe']).toBe(false);
      expect((await api.client.ok(UNSUBSCRIBE, { token: `${prefsToken}x` }))['unsubscribe']).toBe(false);
      const forged = await fetch(`${api.url}/notifications/unsubscribe?token=abc.def`, { method: 'POST' });
      expect(forged.status).toBe(400);
      expect((await alpha.clients[1].client.ok(MY_PREFERENCE))['myNotificationPreference'].unsubscribed).toBe(false);

      const unsubscribeToken = new URL(
        preferences.unsubscribeUrl(alpha.agencyId, alpha.clients[1].userId),
      ).searchParams.get('token') as string;
      // An unsubscribe link opens the unsubscribe page only, never the preferences page.
      const asPreferences = `${api.url}/notifications/preferences?token=${encodeURIComponent(unsubscribeToken)}`;
      const before = (await alpha.clients[1].client.ok(MY_PREFERENCE))['myNotificationPreference'];
      expect((await fetch(asPreferences)).status).toBe(400);
      const other = before.mode === 'DAILY_DIGEST' ? 'IMMEDIATE' : 'DAILY_DIGEST';
      const modeChange = await fetch(asPreferences, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: `choice=${other}`,
      });
      expect(modeChange.status).toBe(400);
      expect((await alpha.clients[1].client.ok(MY_PREFERENCE))['myNotificationPreference']).toEqual(before);
      expect((await api.client.ok(UNSUBSCRIBE, { token: unsubscribeToken }))['unsubscribe']).toBe(true);
      expect((await alpha.clients[1].client.ok(MY_PREFERENCE))['myNotificationPreference'].unsubscribed).toBe(true);
    });
  });

  describe('the development mailbox', () => {
    it('shows what the local SMTP sink received', async () => {
      const sink = new MailSink(join(dataDir, 'mail'));
      const mailer = new SmtpMailer(await sink.start(), 'reminders@followthrough.localhost');
      try {
        await mailer.send({
          to: 'someone-elsewhere@example.test',
          subject: 'Not for this agency',
          text: 'Another agency’s mail.',
          headers: {},
          messageId: '<dev-0@followthrough>',
        });
        // The same person, mailed on behalf of another agency (say, one they belonged to before).
        await mailer.send({
          to: alpha.clients[0].email,
          subject: 'From another agency',
          text: 'A one-click link of that agency.',
          headers: { [AGENCY_MAIL_HEADER]: beta.agencyId },
          messageId: '<dev-2@followthrough>',
        });
        await mailer.send({
          to: alpha.clients[0].email,
          subject: 'Dev mailbox check',
          text: 'Hello from the sink.',
          headers: {
            'List-Unsubscribe': '<https://app.example.test/notifications/unsubscribe?token=t>',
            [AGENCY_MAIL_HEADER]: alpha.agencyId,
          },
          messageId: '<dev-1@followthrough>',
        });
      } finally {
        mailer.close();
        await sink.stop();
      }
      const messages = (await alpha.admin.client.ok(DEV_MAILBOX))['devMailbox'];
      expect(messages[0]).toMatchObject({
        messageId: '<dev-1@followthrough>',
        to: [alpha.clients[0].email],
        subject: 'Dev mailbox check',
        listUnsubscribe: '<https://app.example.test/notifications/unsubscribe?token=t>',
      });
      expect(messages[0].text.trim()).toBe('Hello from the sink.');
      // The sink is shared by every agency on the server: each reader sees only mail they may see.
      const subjects = (list: { subject: string }[]) => list.map((message) => message.subject);
      expect(subjects(messages)).not.toContain('Not for this agency');
      expect(subjects(messages)).not.toContain('From another agency');
      expect(subjects((await alpha.clients[0].client.ok(DEV_MAILBOX))['devMailbox'])).not.toContain(
        'From another agency',
      );
      expect(subjects((await alpha.clients[0].client.ok(DEV_MAILBOX))['devMailbox'])).toContain('Dev mailbox check');
      expect(subjects((await alpha.clients[1].client.ok(DEV_MAILBOX))['devMailbox'])).not.toContain(
        'Dev mailbox check',
      );
    });

    it('is refused in production', async () => {
      const production = await startTestApi([RemindersModule], {
        DATABASE_URL: database.url,
        NODE_ENV: 'production',
        JWT_SECRET: 'x'.repeat(40),
        DATA_DIR: dataDir,
      });
      try {
        const fixture = await createAgencyFixture(production.client, 'Production Check', 0, 0);
        const error = await fixture.admin.client.fails(DEV_MAILBOX);
        expect(error.extensions?.code).toBe('FORBIDDEN');
      } finally {
        await production.close();
      }
    });
  });

  it('keeps statuses as the shared enum', () => {
    expect(Object.values(ReminderStatus)).toEqual(['SCHEDULED', 'SENDING', 'IN_DIGEST', 'SENT', 'SKIPPED', 'FAILED']);
  });
});

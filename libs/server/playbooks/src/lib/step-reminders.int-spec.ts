import { INestApplicationContext } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { randomUUID } from 'node:crypto';
import { simpleParser } from 'mailparser';
import { Client } from 'pg';
import { CoreModule, runAsTenant } from '@followthrough/server-core';
import { IdentityModule } from '@followthrough/server-identity';
import { PipelineModule } from '@followthrough/server-pipeline';
import { RemindersModule, RemindersWorkerModule, ReminderService } from '@followthrough/server-reminders';
import {
  AgencyFixture,
  createAgencyFixture,
  createIsolatedDatabase,
  eventually,
  IsolatedDatabase,
  ReceivedMail,
  startTestApi,
  TEST_LINK_KEYS,
  TestApi,
  TestSmtpServer,
} from '@followthrough/server-testing';
import { PlaybooksWorkerModule } from './playbooks-worker.module';
import { PlaybooksModule } from './playbooks.module';
import { CASELOAD_SUMMARY_KIND, CaseloadSummaryPlanner } from './services/caseload-summary-planner.service';

const CREATE_APPLICATION = `mutation C($input: CreateApplicationInput!) { createApplication(input: $input) { id company { id } } }`;
const DUE_STEPS = `query D($filter: DueStepsFilter) { dueSteps(filter: $filter, first: 50) { edges { node { id stepKey status } } } }`;
const SET_PREFERENCE = `mutation P($input: NotificationPreferenceInput!) { setMyNotificationPreference(input: $input) { mode } }`;

async function startWorker(env: Record<string, string>): Promise<INestApplicationContext> {
  const saved = { ...process.env };
  Object.assign(process.env, { LINK_SIGNING_KEYS: TEST_LINK_KEYS }, env);
  try {
    const moduleRef = await Test.createTestingModule({
      imports: [CoreModule, RemindersWorkerModule, PlaybooksWorkerModule],
    }).compile();
    moduleRef.useLogger(['error', 'warn']);
    await moduleRef.init();
    return moduleRef;
  } finally {
    process.env = saved;
  }
}

// The promise of issue 4 end to end: a cadence step falls due, the worker e-mails the client over
// real SMTP, the client follows the "log it" link, and the cadence moves on; the coach's warning
// waits in their daily digest; coaches get a weekly caseload summary.
/** A zone where it is between 10:00 and 18:59 now. */
function zoneInDaytime(): string {
  const zones = [
    'Pacific/Honolulu',
    'America/Los_Angeles',
    'America/New_York',
    'America/Sao_Paulo',
    'UTC',
    'Europe/Paris',
    'Asia/Dubai',
    'Asia/Dhaka',
    'Asia/Shanghai',
    'Asia/Tokyo',
    'Pacific/Auckland',
    'Pacific/Kiritimati',
  ];
  const hourIn = (zone: string) =>
    Number(new Intl.DateTimeFormat('en-GB', { hour: '2-digit', hourCycle: 'h23', timeZone: zone }).format(new Date()));
  const zone = zones.find((candidate) => hourIn(candidate) >= 10 && hourIn(candidate) <= 18);
  if (!zone) throw new Error('no zone is in daytime now');
  return zone;
}

describe('step reminders, from cadence to inbox to logged follow-up', () => {
  let database: IsolatedDatabase;
  let smtp: TestSmtpServer;
  let api: TestApi;
  let worker: INestApplicationContext;
  let agency: AgencyFixture;
  let db: Client;

  beforeAll(async () => {
    database = await createIsolatedDatabase('playbook_mail');
    smtp = await new TestSmtpServer().start();
    api = await startTestApi([IdentityModule, PipelineModule, PlaybooksModule, RemindersModule], {
      DATABASE_URL: database.url,
    });
    agency = await createAgencyFixture(api.client, 'Inbox Coaching', 1, 1);
    worker = await startWorker({
      DATABASE_URL: database.url,
      SMTP_URL: smtp.url,
      REDIS_URL: '',
      REMINDER_QUEUE_PREFIX: `ft-playbooks-${randomUUID().slice(0, 8)}`,
      REMINDER_SCAN_EVERY_MS: '300',
      REMINDER_BACKOFF_MS: '20',
    });
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

  const mailTo = (email: string, subject: RegExp) =>
    eventually(
      `an e-mail to ${email} matching ${subject}`,
      () => smtp.received,
      (all) => all.some((m) => m.to.includes(email) && subject.test(m.subject ?? '')),
      30_000,
    ).then((all) => all.find((m) => m.to.includes(email) && subject.test(m.subject ?? '')) as ReceivedMail);

  it('e-mails the client what to do, and the one-click link logs it and moves the cadence on', async () => {
    const client = agency.clients[0];
    // Sending is checked against business hours at the moment of sending: put the client where it is
    // daytime now, on an agency that works every day, so the test does not depend on when it runs.
    await db.query(`UPDATE agencies SET working_weekdays = '{1,2,3,4,5,6,7}' WHERE id = $1`, [agency.agencyId]);
    await db.query('UPDATE users SET timezone = $2 WHERE id = $1', [client.userId, zoneInDaytime()]);
    // Applied two weeks ago with no number to call: the find-contact step is long overdue, so it
    // arrives in one catch-up e-mail that says since when.
    const appliedAt = new Date(Date.now() - 14 * 86_400_000).toISOString();
    const application = (
      await client.client.ok(CREATE_APPLICATION, {
        input: {
          companyName: 'Quiet Harbor Systems',
          title: 'Support Engineer',
          recruiterEmail: 'jobs@quietharbor.example',
          appliedAt,
        },
      })
    )['createApplication'];

    const mail = await mailTo(client.email, /^Your follow-ups for .+: \d steps?$/);
    const parsed = await simpleParser(mail.raw);
    expect(parsed.text).toMatch(
      /Overdue since \w{3} \d{1,2} \w{3}: ring the main or sales line of Quiet Harbor Systems/i,
    );
    expect(parsed.text).toMatch(/has been due since/);
    expect(parsed.text).toContain('Website: https://quietharbor.example');
    expect(parsed.text).toContain('ask who handles hiring for this role');
    const link = parsed.text?.match(/http:\/\/\S+\/log-follow-up\?token=\S+/)?.[0];
    expect(link).toBeDefined();

    const local = new URL(link as string);
    const page = await fetch(`${api.url}${local.pathname}${local.search}`);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('How did it go with Quiet Harbor Systems?');
    expect(html).toContain('value="GOT_CONTACT_NAME"');

    // A mail scanner and a double click post at once: exactly one touch is logged.
    const post = () =>
      fetch(`${api.url}${local.pathname}${local.search}`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: 'outcome=GOT_CONTACT_NAME',
      }).then(async (response) => ({ status: response.status, text: await response.text() }));
    const answers = await Promise.all([post(), post(), post(), post()]);
    expect(answers.map((answer) => answer.status)).toEqual([200, 200, 200, 200]);
    expect(answers.filter((answer) => answer.text.includes('Logged, thank you'))).toHaveLength(1);
    expect(answers.filter((answer) => answer.text.includes('Already settled'))).toHaveLength(3);

    const steps = (await client.client.ok(DUE_STEPS, { filter: { applicationId: application.id } }))[
      'dueSteps'
    ].edges.map((edge: { node: { stepKey: string } }) => edge.node.stepKey);
    expect(steps.sort()).toEqual(['call-found-contact', 'visit-or-call']);
    const done = (await client.client.ok(DUE_STEPS, { filter: { applicationId: application.id, status: 'DONE' } }))[
      'dueSteps'
    ].edges;
    expect(done.map((edge: { node: { stepKey: string } }) => edge.node.stepKey)).toEqual(['find-contact']);

    // The same link again changes nothing; a forged one is refused.
    const again = await fetch(`${api.url}${local.pathname}${local.search}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'outcome=GOT_CONTACT_NAME',
    });
    expect(await again.text()).toContain('Already settled');
    const forged = await fetch(`${api.url}${local.pathname}?token=${local.searchParams.get('token')?.slice(0, -2)}xx`);
    expect(forged.status).toBe(404);
    const followUps = await db.query(`SELECT count(*)::int AS n FROM follow_ups WHERE application_id = $1`, [
      application.id,
    ]);
    expect(followUps.rows[0].n).toBe(1);

    // The coach's warning about the ignored step waits in their daily digest instead of arriving alone.
    const escalations = () =>
      db
        .query(
          `SELECT status, digest_id FROM reminders WHERE agency_id = $1 AND recipient_user_id = $2 AND kind = 'playbook.step-overdue'
              AND refs->>'applicationId' = $3 AND due_at <= now()`,
          [agency.agencyId, agency.coaches[0].userId, application.id],
        )
        .then((result) => result.rows as { status: string; digest_id: string | null }[]);
    await eventually(
      'the escalations to join the coach digest',
      escalations,
      (rows) => rows.length > 0 && rows.every((row) => row.digest_id !== null),
    );
    expect(
      smtp.received.filter(
        (m) => m.to.includes(agency.coaches[0].email) && /has not followed up/.test(m.subject ?? ''),
      ),
    ).toEqual([]);
  });

  it('books a weekly caseload summary for every coach and writes it from their clients’ week', async () => {
    const planner = worker.get(CaseloadSummaryPlanner, { strict: false });
    await planner.planAll();
    const booked = await db.query(
      `SELECT due_at, idempotency_key FROM reminders WHERE agency_id = $1 AND kind = $2 AND recipient_user_id = $3`,
      [agency.agencyId, CASELOAD_SUMMARY_KIND, agency.coaches[0].userId],
    );
    expect(booked.rows).toHaveLength(1);
    // Monday, 09:00 in the agency's zone (Europe/Paris): 07:00 or 08:00 UTC.
    const dueAt = new Date(booked.rows[0].due_at);
    expect(dueAt.getUTCDay()).toBe(1);
    expect([7, 8]).toContain(dueAt.getUTCHours());
    expect(await planner.planAll()).toBe(0);

    // Write this week's summary now, as the Monday run would.
    await agency.coaches[0].client.ok(SET_PREFERENCE, { input: { mode: 'IMMEDIATE' } });
    const reminders = worker.get(ReminderService, { strict: false });
    // As the Monday run would: bound to the coach's agency.
    await runAsTenant(agency.agencyId, () =>
      reminders.schedule(undefined, {
        agencyId: agency.agencyId,
        kind: CASELOAD_SUMMARY_KIND,
        recipientUserId: agency.coaches[0].userId,
        dueAt: new Date(Date.now() - 1000),
        idempotencyKey: `caseload:${agency.coaches[0].userId}:now`,
        refs: { coachUserId: agency.coaches[0].userId },
        timing: 'exact',
      }),
    );
    const summary = await simpleParser((await mailTo(agency.coaches[0].email, /Your week ahead/)).raw);
    expect(summary.subject).toBe('Your week ahead: 0 of 1 client(s) need a word');
    expect(summary.text).toContain('logged 1 follow-up touch(es), 100% of them beyond e-mail');
    expect(summary.text).toContain(
      'Inbox Coaching Client 1: 1 touch(es), 1 by phone or in person, 1 step(s) done, 0 overdue',
    );
  });
});

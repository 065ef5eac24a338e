import { INestApplicationContext } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { randomUUID } from 'node:crypto';
import { simpleParser } from 'mailparser';
import { Client } from 'pg';
import { CoreModule } from '@followthrough/server-core';
import { IdentityModule } from '@followthrough/server-identity';
import { PipelineModule } from '@followthrough/server-pipeline';
import { RemindersModule, RemindersWorkerModule } from '@followthrough/server-reminders';
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

const CREATE_APPLICATION = `mutation C($input: CreateApplicationInput!) { createApplication(input: $input) { id } }`;

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

// Reminders are sent only in the recipient's daytime: pick a zone where it is daytime now.
function zoneInDaytime(): string {
  const zones = ['Pacific/Honolulu', 'America/Los_Angeles', 'America/New_York', 'UTC', 'Europe/Paris'];
  const more = ['Asia/Dubai', 'Asia/Dhaka', 'Asia/Shanghai', 'Asia/Tokyo', 'Pacific/Auckland', 'Pacific/Kiritimati'];
  const hourIn = (zone: string) =>
    Number(new Intl.DateTimeFormat('en-GB', { hour: '2-digit', hourCycle: 'h23', timeZone: zone }).format(new Date()));
  const zone = [...zones, ...more].find((candidate) => hourIn(candidate) >= 10 && hourIn(candidate) <= 18);
  if (!zone) throw new Error('no zone is in daytime now');
  return zone;
}

describe("step reminder e-mails show a client's own company details, never another client's", () => {
  let database: IsolatedDatabase;
  let smtp: TestSmtpServer;
  let api: TestApi;
  let worker: INestApplicationContext;
  let agency: AgencyFixture;
  let db: Client;

  beforeAll(async () => {
    database = await createIsolatedDatabase('company_mail');
    smtp = await new TestSmtpServer().start();
    api = await startTestApi([IdentityModule, PipelineModule, PlaybooksModule, RemindersModule], {
      DATABASE_URL: database.url,
    });
    agency = await createAgencyFixture(api.client, 'Poison Proof Coaching', 1, 2);
    db = new Client({ connectionString: database.ownerUrl });
    await db.connect();
    await db.query(`UPDATE agencies SET working_weekdays = '{1,2,3,4,5,6,7}' WHERE id = $1`, [agency.agencyId]);
    for (const client of agency.clients)
      await db.query('UPDATE users SET timezone = $2 WHERE id = $1', [client.userId, zoneInDaytime()]);
    worker = await startWorker({
      DATABASE_URL: database.url,
      SMTP_URL: smtp.url,
      REDIS_URL: '',
      REMINDER_QUEUE_PREFIX: `ft-company-${randomUUID().slice(0, 8)}`,
      REMINDER_SCAN_EVERY_MS: '300',
      REMINDER_BACKOFF_MS: '20',
    });
  });

  afterAll(async () => {
    await worker?.close();
    await api?.close();
    await db?.end();
    await smtp?.stop();
    await database?.dispose();
  });

  const mailTo = (email: string) =>
    eventually(
      `a follow-up e-mail to ${email}`,
      () => smtp.received,
      (all) => all.some((m) => m.to.includes(email) && /follow-up/i.test(m.subject ?? '')),
      30_000,
    ).then((all) => all.find((m) => m.to.includes(email) && /follow-up/i.test(m.subject ?? '')) as ReceivedMail);

  it("the victim's reminder carries the numbers the victim gave, not the attacker's", async () => {
    const [attacker, victim] = agency.clients;
    // Applied two weeks ago: the first step is long overdue, so a reminder goes out at once.
    const appliedAt = new Date(Date.now() - 14 * 86_400_000).toISOString();
    await attacker.client.ok(CREATE_APPLICATION, {
      input: {
        companyName: 'Acme',
        title: 'Decoy',
        appliedAt,
        companyDomain: 'acme-careers.example',
        companyMainPhone: '+1 900 555 0199',
        companySalesPhone: '+1 900 555 0198',
      },
    });
    await victim.client.ok(CREATE_APPLICATION, {
      input: {
        companyName: 'Acme Inc.',
        title: 'Engineer',
        appliedAt,
        companyDomain: 'acme.example',
        companyMainPhone: '+1 212 555 0100',
        companySalesPhone: '+1 212 555 0111',
      },
    });

    const text = (await simpleParser((await mailTo(victim.email)).raw)).text ?? '';
    expect(text).toContain('Main line: +1 212 555 0100');
    expect(text).toContain('Sales line: +1 212 555 0111');
    expect(text).toContain('Website: https://acme.example');
    expect(text).not.toContain('900 555');
    expect(text).not.toContain('acme-careers');
  });
});

import { Client } from 'pg';
import { IdentityModule } from '@followthrough/server-identity';
import { PipelineModule } from '@followthrough/server-pipeline';
import { AgencyFixture, createAgencyFixture, startTestApi, TestApi } from '@followthrough/server-testing';
import { PlaybooksModule } from './playbooks.module';
import { STEP_DUE_KIND } from './services/step-reminder-scheduler.service';

const CREATE_APPLICATION = `mutation C($input: CreateApplicationInput!) { createApplication(input: $input) { id } }`;
const LOG = `mutation L($input: LogFollowUpInput!) { logFollowUp(input: $input) { id } }`;

interface PendingStep {
  id: string;
  step_key: string;
  due_at: Date;
  live: number;
}

/**
 * Every pending step keeps exactly one live (SCHEDULED) reminder to the client, whatever the
 * touches of the day did to its due time — including when they left it where it was.
 */
describe('step reminders follow their steps', () => {
  let api: TestApi;
  let agency: AgencyFixture;
  let db: Client;

  beforeAll(async () => {
    api = await startTestApi([IdentityModule, PipelineModule, PlaybooksModule]);
    agency = await createAgencyFixture(api.client, 'Same Day Coaching', 1, 2);
    db = new Client({ connectionString: process.env['DATABASE_OWNER_URL'] });
    await db.connect();
  });

  afterAll(async () => {
    await db?.end();
    await api?.close();
  });

  const pendingSteps = async (applicationId: string): Promise<PendingStep[]> =>
    (
      await db.query(
        `SELECT s.id, s.step_key, s.due_at,
                (SELECT count(*)::int FROM reminders r
                  WHERE r.agency_id = s.agency_id AND r.kind = $2 AND r.status = 'SCHEDULED'
                    AND r.refs @> jsonb_build_object('stepInstanceId', s.id::text)) AS live
           FROM step_instances s WHERE s.application_id = $1 AND s.status = 'PENDING' ORDER BY s.step_key`,
        [applicationId, STEP_DUE_KIND],
      )
    ).rows;

  async function apply(clientIndex: number, title: string, appliedAt: string): Promise<string> {
    const data = await agency.clients[clientIndex].client.ok(CREATE_APPLICATION, {
      input: { companyName: `${title} Ltd`, title, appliedAt },
    });
    return data['createApplication'].id;
  }

  const email = (clientIndex: number, applicationId: string, occurredAt: string) =>
    agency.clients[clientIndex].client.ok(LOG, {
      input: { applicationId, channel: 'EMAIL', purpose: 'STATUS_CHECK', occurredAt },
    });

  it('keeps a live reminder for every pending step after an e-mail on the day of applying', async () => {
    // Wednesday 4 March 2026, 10:00 and 16:00 in Paris.
    const applicationId = await apply(0, 'Same Day', '2026-03-04T09:00:00.000Z');
    await email(0, applicationId, '2026-03-04T15:00:00.000Z');
    const pending = await pendingSteps(applicationId);
    expect(pending.map((step) => step.step_key)).toEqual(['find-contact', 'visit-or-call']);
    expect(pending.map((step) => [step.step_key, step.live])).toEqual([
      ['find-contact', 1],
      ['visit-or-call', 1],
    ]);
  });

  it('keeps one live reminder per pending step after two touches in one business day', async () => {
    const applicationId = await apply(1, 'Twice A Day', '2026-03-02T09:00:00.000Z');
    await email(1, applicationId, '2026-03-03T09:00:00.000Z');
    await email(1, applicationId, '2026-03-03T14:00:00.000Z');
    const pending = await pendingSteps(applicationId);
    expect(pending.length).toBeGreaterThan(0);
    for (const step of pending) expect([step.step_key, step.live]).toEqual([step.step_key, 1]);
  });
});

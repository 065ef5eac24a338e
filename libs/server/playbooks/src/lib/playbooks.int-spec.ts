import { Client } from 'pg';
import { IdentityModule } from '@followthrough/server-identity';
import { PipelineModule } from '@followthrough/server-pipeline';
import {
  AgencyFixture,
  createAgencyFixture,
  GraphqlClient,
  startTestApi,
  TestApi,
} from '@followthrough/server-testing';
import { PlaybooksModule } from './playbooks.module';

const CREATE_APPLICATION = `mutation C($input: CreateApplicationInput!) { createApplication(input: $input) { id company { id } } }`;
const LOG = `mutation L($input: LogFollowUpInput!) { logFollowUp(input: $input) { id } }`;
const STAGE = `mutation S($input: UpdateApplicationStageInput!) { updateApplicationStage(input: $input) { id stage } }`;
const ADD_CONTACT = `mutation A($input: AddContactInput!) { addContact(input: $input) { id } }`;
const NO_CONTACT = `mutation N($input: MarkNoReachableContactInput!) { markNoReachableContact(input: $input) { id } }`;
const DUE_STEPS = `query D($filter: DueStepsFilter, $first: Int, $after: String) {
  dueSteps(filter: $filter, first: $first, after: $after) {
    edges { cursor node { id applicationId stepKey channel purpose dueAt status followUpId playbookVersion companyName instructions } }
    pageInfo { endCursor hasNextPage }
  }
}`;
const PLAYBOOKS = `{ playbooks { id name isDefault version steps { key trigger condition offsetBusinessDays channel purpose instructions } } }`;
const SAVE_PLAYBOOK = `mutation P($input: SavePlaybookInput!) { savePlaybook(input: $input) { id name version isDefault steps { key offsetBusinessDays } } }`;
const ASSIGN_PLAYBOOK = `mutation A($input: AssignPlaybookInput!) { assignPlaybook(input: $input) { id name } }`;

interface StepNode {
  id: string;
  applicationId: string;
  stepKey: string;
  channel: string;
  purpose: string;
  dueAt: string;
  status: string;
  followUpId: string | null;
  playbookVersion: number;
  companyName: string;
}

async function steps(client: GraphqlClient, filter: Record<string, unknown>): Promise<StepNode[]> {
  const data = await client.ok(DUE_STEPS, { filter, first: 50 });
  return data['dueSteps'].edges.map((edge: { node: StepNode }) => edge.node);
}

function keys(nodes: StepNode[]): string[] {
  return nodes.map((node) => node.stepKey).sort();
}

async function sql<T>(text: string, params: unknown[] = []): Promise<T[]> {
  const db = new Client({ connectionString: process.env['DATABASE_OWNER_URL'] });
  await db.connect();
  try {
    return (await db.query(text, params)).rows as T[];
  } finally {
    await db.end();
  }
}

// Friday 6 March 2026, 16:00 in Paris (the fixture agency's zone).
const FRIDAY_AFTERNOON = '2026-03-06T15:00:00.000Z';

describe('playbooks and cadences over HTTP', () => {
  let api: TestApi;
  let agency: AgencyFixture;
  let other: AgencyFixture;

  beforeAll(async () => {
    api = await startTestApi([IdentityModule, PipelineModule, PlaybooksModule]);
    agency = await createAgencyFixture(api.client, 'Cadence Coaching', 2, 3);
    other = await createAgencyFixture(api.client, 'Elsewhere Careers', 1, 1);
  });

  afterAll(() => api.close());

  const client = () => agency.clients[0];
  async function apply(title: string, extra: Record<string, unknown> = {}) {
    const data = await client().client.ok(CREATE_APPLICATION, {
      input: { companyName: `${title} Ltd`, title, appliedAt: FRIDAY_AFTERNOON, ...extra },
    });
    return data['createApplication'] as { id: string; company: { id: string } };
  }

  it('gives every agency the default "Pick up the phone" playbook', async () => {
    const playbooks = (await agency.admin.client.ok(PLAYBOOKS))['playbooks'];
    expect(playbooks).toHaveLength(1);
    expect(playbooks[0]).toMatchObject({ name: 'Pick up the phone', isDefault: true, version: 1 });
    expect(playbooks[0].steps.map((s: { key: string }) => s.key)).toEqual(
      expect.arrayContaining(['status-call', 'find-contact', 'retry-call', 'visit-or-call', 'feedback-call']),
    );
  });

  it('starts by itself on APPLIED: a status call 2 business days later at 09:00, skipping the weekend', async () => {
    const application = await apply('Harbor Analytics', { companyMainPhone: '+33 1 23 45 67 89' });
    await client().client.ok(ADD_CONTACT, {
      input: {
        companyId: application.company.id,
        name: 'Hana Manager',
        role: 'HIRING_MANAGER',
        phone: '+33 6 11 22 33 44',
        howFound: 'JOB_POST',
      },
    });
    // The contact arrived after the cadence started (no phone then): the first step is finding someone.
    const first = await steps(client().client, { applicationId: application.id });
    expect(keys(first)).toEqual(['find-contact', 'visit-or-call']);
    const findContact = first.find((s) => s.stepKey === 'find-contact') as StepNode;
    // Friday + 2 business days = Tuesday 10 March, 09:00 Paris = 08:00 UTC.
    expect(findContact.dueAt).toBe('2026-03-10T08:00:00.000Z');
    expect(findContact.channel).toBe('SALES_LINE');
    // Five business days of silence: Friday 13 March, 09:00 Paris.
    expect(first.find((s) => s.stepKey === 'visit-or-call')?.dueAt).toBe('2026-03-13T08:00:00.000Z');
  });

  it('starts with the phone call when a number is known, and branches on outcomes', async () => {
    const application = await apply('Northwind');
    await client().client.ok(ADD_CONTACT, {
      input: {
        companyId: application.company.id,
        name: 'Nia Lead',
        role: 'HIRING_MANAGER',
        phone: '+1 212 555 0100',
        howFound: 'SALES_LINE',
      },
    });
    // Restart the cadence with the contact known: withdraw then re-apply via a fresh application.
    const withPhone = await apply('Northwind', { title: 'Data Engineer II' });
    let pending = await steps(client().client, { applicationId: withPhone.id });
    expect(keys(pending)).toEqual(['status-call', 'visit-or-call']);

    const statusCall = pending.find((s) => s.stepKey === 'status-call') as StepNode;
    const touch = (
      await client().client.ok(LOG, {
        input: { applicationId: withPhone.id, channel: 'PHONE', purpose: 'STATUS_CHECK', outcome: 'VOICEMAIL' },
      })
    )['logFollowUp'];
    const done = await steps(client().client, { applicationId: withPhone.id, status: 'DONE' });
    expect(done.map((s) => [s.id, s.followUpId])).toEqual([[statusCall.id, touch.id]]);
    pending = await steps(client().client, { applicationId: withPhone.id });
    expect(keys(pending)).toEqual(['retry-call', 'visit-or-call']);

    // An e-mail does not count as the call, but the employer writing back stops everything.
    await client().client.ok(LOG, {
      input: { applicationId: withPhone.id, channel: 'EMAIL', purpose: 'STATUS_CHECK' },
    });
    expect(keys(await steps(client().client, { applicationId: withPhone.id }))).toEqual([
      'retry-call',
      'visit-or-call',
    ]);
    await client().client.ok(LOG, {
      input: { applicationId: withPhone.id, channel: 'EMAIL', purpose: 'STATUS_CHECK', direction: 'INBOUND' },
    });
    expect(await steps(client().client, { applicationId: withPhone.id })).toEqual([]);
    expect(keys(await steps(client().client, { applicationId: withPhone.id, status: 'CANCELLED' }))).toEqual([
      'retry-call',
      'visit-or-call',
    ]);
  });

  it('turns a name from the Sales line into a call to that person', async () => {
    const application = await apply('Globex');
    await client().client.ok(LOG, {
      input: {
        applicationId: application.id,
        channel: 'SALES_LINE',
        purpose: 'FIND_CONTACT',
        outcome: 'GOT_CONTACT_NAME',
      },
    });
    expect(keys(await steps(client().client, { applicationId: application.id }))).toEqual([
      'call-found-contact',
      'visit-or-call',
    ]);
  });

  it.each([
    [
      'a move to SCREENING',
      (id: string) => client().client.ok(STAGE, { input: { applicationId: id, stage: 'SCREENING' } }),
    ],
    ['WITHDRAWN', (id: string) => client().client.ok(STAGE, { input: { applicationId: id, stage: 'WITHDRAWN' } })],
    [
      'a no-reachable-contact mark',
      (id: string) => client().client.ok(NO_CONTACT, { input: { applicationId: id, reason: 'No site, no number' } }),
    ],
  ])('stops by itself on %s', async (_label, act) => {
    const application = await apply(`Stopper ${Math.random().toString(36).slice(2, 7)}`);
    expect(await steps(client().client, { applicationId: application.id })).toHaveLength(2);
    await act(application.id);
    expect(await steps(client().client, { applicationId: application.id })).toEqual([]);
  });

  it('asks for feedback the next business day after a rejection', async () => {
    const application = await apply('Initech');
    await client().client.ok(STAGE, { input: { applicationId: application.id, stage: 'REJECTED' } });
    const pending = await steps(client().client, { applicationId: application.id });
    expect(pending.map((s) => [s.stepKey, s.purpose, s.channel])).toEqual([
      ['feedback-call', 'FEEDBACK_REQUEST', 'PHONE'],
    ]);
    const [row] = await sql<{ changed_at: Date }>(
      `SELECT changed_at FROM application_stage_changes WHERE application_id = $1 ORDER BY changed_at DESC LIMIT 1`,
      [application.id],
    );
    const due = new Date(pending[0].dueAt);
    expect(due.getTime()).toBeGreaterThan(new Date(row.changed_at).getTime());
    expect(due.getTime() - new Date(row.changed_at).getTime()).toBeLessThan(4 * 86_400_000);
  });

  it('schedules a reminder to the client and an escalation to the coach for each step', async () => {
    const application = await apply('Umbrella');
    const pending = await steps(client().client, { applicationId: application.id });
    const reminders = await sql<{ kind: string; recipient_user_id: string; refs: { stepInstanceId: string } }>(
      `SELECT kind, recipient_user_id, refs FROM reminders WHERE agency_id = $1 AND refs->>'applicationId' = $2 ORDER BY kind`,
      [agency.agencyId, application.id],
    );
    const forStep = (id: string) => reminders.filter((r) => r.refs.stepInstanceId === id);
    for (const step of pending) {
      expect(forStep(step.id).map((r) => [r.kind, r.recipient_user_id])).toEqual([
        ['playbook.step-due', client().userId],
        ['playbook.step-overdue', agency.coaches[0].userId],
      ]);
    }
  });

  it('keeps running cadences on their version when an admin edits the playbook', async () => {
    const before = await apply('Soylent');
    const [defaultPlaybook] = (await agency.admin.client.ok(PLAYBOOKS))['playbooks'];
    const edited = defaultPlaybook.steps.map((step: Record<string, unknown>) =>
      step['key'] === 'find-contact' ? { ...step, offsetBusinessDays: 1 } : step,
    );
    const saved = (
      await agency.admin.client.ok(SAVE_PLAYBOOK, {
        input: { playbookId: defaultPlaybook.id, name: defaultPlaybook.name, steps: edited },
      })
    )['savePlaybook'];
    expect(saved.version).toBe(2);

    const after = await apply('Stark Industries');
    const oldSteps = await steps(client().client, { applicationId: before.id });
    const newSteps = await steps(client().client, { applicationId: after.id });
    expect(oldSteps.every((s) => s.playbookVersion === 1)).toBe(true);
    expect(newSteps.every((s) => s.playbookVersion === 2)).toBe(true);
    // Version 2 finds the contact after one business day: Monday 9 March.
    expect(newSteps.find((s) => s.stepKey === 'find-contact')?.dueAt).toBe('2026-03-09T08:00:00.000Z');
  });

  it("uses a client's own playbook once assigned", async () => {
    const custom = (
      await agency.admin.client.ok(SAVE_PLAYBOOK, {
        input: {
          name: 'Visit first',
          steps: [
            {
              key: 'drop-by',
              trigger: 'APPLIED',
              offsetBusinessDays: 3,
              channel: 'IN_PERSON',
              purpose: 'STATUS_CHECK',
              instructions: 'Go to their office.',
            },
          ],
        },
      })
    )['savePlaybook'];
    await agency.admin.client.ok(ASSIGN_PLAYBOOK, {
      input: { playbookId: custom.id, clientUserId: agency.clients[1].userId },
    });
    const application = (
      await agency.clients[1].client.ok(CREATE_APPLICATION, {
        input: { companyName: 'Wayne Enterprises', title: 'Analyst', appliedAt: FRIDAY_AFTERNOON },
      })
    )['createApplication'];
    expect(keys(await steps(agency.clients[1].client, { applicationId: application.id }))).toEqual(['drop-by']);
  });

  describe('access', () => {
    it("lets the assigned coach and the admin see a client's steps, but not another coach or agency", async () => {
      const filter = { clientUserId: client().userId };
      const own = await steps(client().client, filter);
      expect(own.length).toBeGreaterThan(0);
      expect((await steps(agency.coaches[0].client, filter)).map((s) => s.id).sort()).toEqual(
        own.map((s) => s.id).sort(),
      );
      expect((await steps(agency.admin.client, filter)).length).toBe(own.length);
      expect(await steps(agency.coaches[1].client, filter)).toEqual([]);
      expect(await steps(other.admin.client, filter)).toEqual([]);
      expect(await steps(agency.clients[2].client, filter)).toEqual([]);
    });

    it.each([
      ['a client', () => client().client],
      ['a coach', () => agency.coaches[0].client],
    ])('refuses playbook editing to %s', async (_label, who) => {
      expect((await who().fails(PLAYBOOKS)).extensions?.code).toBe('FORBIDDEN');
      const error = await who().fails(SAVE_PLAYBOOK, { input: { name: 'Mine', steps: [] } });
      expect(error.extensions?.code).toBe('FORBIDDEN');
    });

    it("answers NOT_FOUND for another agency's playbook or client", async () => {
      const [theirs] = (await other.admin.client.ok(PLAYBOOKS))['playbooks'];
      const error = await agency.admin.client.fails(ASSIGN_PLAYBOOK, {
        input: { playbookId: theirs.id, clientUserId: client().userId },
      });
      expect(error.extensions?.code).toBe('NOT_FOUND');
      const [mine] = (await agency.admin.client.ok(PLAYBOOKS))['playbooks'];
      const crossClient = await agency.admin.client.fails(ASSIGN_PLAYBOOK, {
        input: { playbookId: mine.id, clientUserId: other.clients[0].userId },
      });
      expect(crossClient.extensions?.code).toBe('NOT_FOUND');
    });

    it('refuses a bad playbook with the field named, and saves nothing', async () => {
      const [mine] = (await agency.admin.client.ok(PLAYBOOKS))['playbooks'];
      const bad = [
        [{ name: 'X', steps: [] }, 'input.steps'],
        [
          {
            name: 'X',
            steps: [
              {
                key: 'Bad Key',
                trigger: 'APPLIED',
                offsetBusinessDays: 1,
                channel: 'PHONE',
                purpose: 'STATUS_CHECK',
                instructions: 'x',
              },
            ],
          },
          'input.steps.0.key',
        ],
        [
          {
            name: 'X',
            steps: [
              {
                key: 'late',
                trigger: 'APPLIED',
                offsetBusinessDays: 99,
                channel: 'PHONE',
                purpose: 'STATUS_CHECK',
                instructions: 'x',
              },
            ],
          },
          'input.steps.0.offsetBusinessDays',
        ],
      ] as const;
      for (const [input, field] of bad) {
        const error = await agency.admin.client.fails(SAVE_PLAYBOOK, { input: { ...input, playbookId: mine.id } });
        expect(error.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
      }
      const [after] = (await agency.admin.client.ok(PLAYBOOKS))['playbooks'];
      expect(after.version).toBe(mine.version);
    });
  });

  describe('calendar feed', () => {
    it("serves the client's pending steps as iCalendar behind a signed URL", async () => {
      const url = (await client().client.ok('{ calendarFeedUrl }'))['calendarFeedUrl'] as string;
      const local = new URL(url);
      const response = await fetch(`${api.url}${local.pathname}${local.search}`);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toContain('text/calendar');
      const body = await response.text();
      const pending = await steps(client().client, { clientUserId: client().userId });
      expect(body.match(/BEGIN:VEVENT/g)).toHaveLength(pending.length);
      expect(body).toContain('Harbor Analytics Ltd');

      const tampered = new URL(local.toString());
      tampered.searchParams.set('token', `${local.searchParams.get('token')}x`);
      expect((await fetch(`${api.url}${tampered.pathname}${tampered.search}`)).status).toBe(404);
    });

    it("stops serving a coach's feed once the coach is unassigned", async () => {
      const url = (await agency.coaches[0].client.ok(`{ calendarFeedUrl(clientUserId: "${client().userId}") }`))[
        'calendarFeedUrl'
      ] as string;
      const local = new URL(url);
      expect((await fetch(`${api.url}${local.pathname}${local.search}`)).status).toBe(200);
      const assignment = { coachUserId: agency.coaches[0].userId, clientUserId: client().userId };
      await agency.admin.client.ok('mutation U($input: AssignClientInput!) { unassignClient(input: $input) }', {
        input: assignment,
      });
      try {
        expect((await fetch(`${api.url}${local.pathname}${local.search}`)).status).toBe(404);
      } finally {
        await agency.admin.client.ok(
          'mutation A($input: AssignClientInput!) { assignClient(input: $input) { coach { userId } } }',
          { input: assignment },
        );
      }
      expect((await fetch(`${api.url}${local.pathname}${local.search}`)).status).toBe(200);
    });

    it("regenerates a feed URL, which ends the old one; another person's feed is untouched", async () => {
      const fetchFeed = (url: string) => fetch(`${api.url}${new URL(url).pathname}${new URL(url).search}`);
      const old = (await client().client.ok('{ calendarFeedUrl }'))['calendarFeedUrl'] as string;
      const coachFeed = (await agency.coaches[0].client.ok(`{ calendarFeedUrl(clientUserId: "${client().userId}") }`))[
        'calendarFeedUrl'
      ] as string;
      expect((await fetchFeed(old)).status).toBe(200);
      const fresh = (await client().client.ok('mutation { regenerateCalendarFeedUrl }'))[
        'regenerateCalendarFeedUrl'
      ] as string;
      expect(fresh).not.toBe(old);
      expect((await fetchFeed(old)).status).toBe(404);
      expect((await fetchFeed(fresh)).status).toBe(200);
      // Asking again for the URL gives the current one, not a revived old one.
      expect((await fetchFeed((await client().client.ok('{ calendarFeedUrl }'))['calendarFeedUrl'])).status).toBe(200);
      expect((await fetchFeed(coachFeed)).status).toBe(200);
    });

    it('gives a coach the feed of an assigned client only', async () => {
      await agency.coaches[0].client.ok(`{ calendarFeedUrl(clientUserId: "${client().userId}") }`);
      const error = await agency.coaches[1].client.fails(`{ calendarFeedUrl(clientUserId: "${client().userId}") }`);
      expect(error.extensions?.code).toBe('NOT_FOUND');
    });
  });
});

import { businessDaysBetween, BusinessCalendar } from '@followthrough/shared-domain';
import { IdentityModule } from '@followthrough/server-identity';
import { PipelineModule } from '@followthrough/server-pipeline';
import { VentsModule } from '@followthrough/server-vents';
import {
  AgencyFixture,
  createAgencyFixture,
  SignedIn,
  sql,
  startTestApi,
  TestApi,
} from '@followthrough/server-testing';
import { InsightsModule } from './insights.module';
import { ClientRollups } from './services/client-rollups.service';

const CREATE_APPLICATION = `mutation C($input: CreateApplicationInput!) { createApplication(input: $input) { id } }`;
const STAGE = `mutation S($input: UpdateApplicationStageInput!) { updateApplicationStage(input: $input) { id } }`;
const LOG = `mutation L($input: LogFollowUpInput!) { logFollowUp(input: $input) { id } }`;
const CREATE_VENT = `mutation V($input: CreateVentInput!) { createVent(input: $input) { id } }`;
const SHARE = `mutation S($input: SetVentSharingInput!) { setVentSharing(input: $input) { id } }`;
const CONVERT = `mutation C($input: ConvertVentToActionsInput!) { convertVentToActions(input: $input) { id state } }`;
const CREATE_ACTION = `mutation A($input: CreateActionInput!) { createAction(input: $input) { id } }`;
const COMPLETE = `mutation D($id: ID!) { completeAction(id: $id) { id } }`;
const DROP = `mutation D($id: ID!) { dropAction(id: $id) { id } }`;
const ACTIONS = `query A($filter: ActionFilter) { actions(filter: $filter, first: 50) { edges { node { id ventId } } } }`;

const SCORECARD = `query S($id: ID!, $period: InsightsPeriodInput) {
  clientScorecard(clientUserId: $id, period: $period) {
    clientUserId clientName period { from to } asOf applications applicationsByStage { stage count }
    appliedApplications coveredApplications followUpCoverage outboundTouches beyondEmailTouches beyondEmailShare
    medianBusinessDaysToFirstTouch overdueSteps answeredTouches responseRate
    responseRateByChannel { channel touches answered rate }
    vents { total open actioned resolved medianHoursToFirstAction }
    actions { total open done dropped doneShare }
    remindersSent remindersIgnored
  } }`;
const RADAR = `query R($filter: RadarFilter, $first: Int, $after: String) {
  followUpRadar(filter: $filter, first: $first, after: $after) {
    edges { cursor node { clientUserId clientName score reasons { code text weight }
      headline { openApplications overdueSteps silentApplications lastTouchAt businessDaysSinceLastTouch followUpCoverage
                 beyondEmailShare unactionedSharedVents ignoredReminders } } }
    pageInfo { endCursor hasNextPage } asOf } }`;
const DASHBOARD = `query D($period: InsightsPeriodInput) {
  agencyDashboard(period: $period) {
    period { from to } asOf
    coaches { coachUserId coachName clients stepsDue stepsDoneOnTime followUpCompliance medianBusinessDaysToFirstTouch
              outboundTouches beyondEmailTouches beyondEmailShare sharedVents actionedSharedVents ventToActionConversion }
    responseRateByChannel { channel touches answered rate }
    responseRateByStep { stepKey channel stepsDone answered rate }
    funnel { stage count }
    weeklyTrend { weekStart outboundTouches beyondEmailTouches answeredTouches responseRate applicationsApplied stepsDue stepsDoneOnTime followUpCompliance }
  } }`;

// The fixture agency works Monday to Friday in Paris; Monday 9 March 2026 is a holiday.
const CALENDAR: BusinessCalendar = {
  timezone: 'Europe/Paris',
  workingWeekdays: [1, 2, 3, 4, 5],
  holidays: ['2026-03-09'],
};
const DAY = 86_400_000;

interface Fixture {
  apps: Record<'harbor' | 'northwind' | 'globex' | 'initech' | 'umbrella' | 'hooli', string>;
  touches: Record<string, string>;
  vents: Record<'shared' | 'sharedOpen' | 'private' | 'privateActioned', string>;
  bApplication: string;
}

/**
 * Client A's history, hand-computed in the expectations below. Applications, touches, vents and actions go
 * through GraphQL; dates in the past, steps and reminders (other contexts' workers) are set with SQL.
 */
async function buildFixture(
  agency: AgencyFixture,
  clientA: SignedIn,
  clientB: SignedIn,
  coach: SignedIn,
): Promise<Fixture> {
  await sql(`UPDATE agencies SET holidays = '{2026-03-09}' WHERE id = $1`, [agency.agencyId]);
  const apply = async (who: SignedIn, input: Record<string, unknown>) =>
    (await who.client.ok(CREATE_APPLICATION, { input }))['createApplication'].id as string;
  const apps = {
    harbor: await apply(clientA, { companyName: 'Harbor', title: 'Analyst', appliedAt: '2026-03-02T08:00:00.000Z' }),
    northwind: await apply(clientA, {
      companyName: 'Northwind, Inc.',
      title: 'Engineer',
      appliedAt: '2026-03-06T08:00:00.000Z',
    }),
    globex: await apply(clientA, { companyName: 'Globex', title: 'Designer', appliedAt: '2026-03-04T08:00:00.000Z' }),
    initech: await apply(clientA, {
      companyName: 'Initech',
      title: '=HYPERLINK("http://evil.example","click")',
      stage: 'SAVED',
    }),
    umbrella: await apply(clientA, { companyName: 'Umbrella', title: 'Lead', appliedAt: '2026-03-03T08:00:00.000Z' }),
    hooli: await apply(clientA, { companyName: 'Hooli', title: 'Manager', appliedAt: '2026-03-02T08:00:00.000Z' }),
  };
  await clientA.client.ok(STAGE, { input: { applicationId: apps.umbrella, stage: 'INTERVIEWING' } });
  await clientA.client.ok(STAGE, { input: { applicationId: apps.hooli, stage: 'SCREENING' } });
  await clientA.client.ok(STAGE, { input: { applicationId: apps.hooli, stage: 'REJECTED' } });
  // Created when they were applied for (Initech saved on Thursday 5 March).
  await sql(
    `UPDATE applications SET created_at = COALESCE(applied_at, '2026-03-05T08:00:00Z') WHERE agency_id = $1 AND client_user_id = $2`,
    [agency.agencyId, clientA.userId],
  );

  const log = async (
    applicationId: string,
    channel: string,
    outcome: string | null,
    occurredAt: string,
    direction = 'OUTBOUND',
  ) =>
    (
      await clientA.client.ok(LOG, {
        input: { applicationId, channel, purpose: 'STATUS_CHECK', outcome, occurredAt, direction },
      })
    )['logFollowUp'].id as string;
  const touches = {
    harborEmail: await log(apps.harbor, 'EMAIL', 'NO_ANSWER', '2026-03-03T10:00:00.000Z'),
    harborPhone: await log(apps.harbor, 'PHONE', 'GOT_STATUS', '2026-03-05T10:00:00.000Z'),
    northwindPhone: await log(apps.northwind, 'PHONE', 'VOICEMAIL', '2026-03-10T10:00:00.000Z'),
    northwindSales: await log(apps.northwind, 'SALES_LINE', 'GOT_CONTACT_NAME', '2026-03-11T10:00:00.000Z'),
    globexInbound: await log(apps.globex, 'EMAIL', 'GOT_STATUS', '2026-03-05T10:00:00.000Z', 'INBOUND'),
    globexBefore: await log(apps.globex, 'LINKEDIN', null, '2026-03-01T10:00:00.000Z'),
    umbrellaVisit: await log(apps.umbrella, 'IN_PERSON', 'SPOKE_TO_DECISION_MAKER', '2026-03-12T10:00:00.000Z'),
  };

  // Steps of a playbook cadence, and the step-due reminders the client was sent.
  const [playbook] = await sql<{ id: string }>(
    `INSERT INTO playbooks (agency_id, name, current_version) VALUES ($1, 'Insights test', 1) RETURNING id`,
    [agency.agencyId],
  );
  const [version] = await sql<{ id: string }>(
    `INSERT INTO playbook_versions (agency_id, playbook_id, version, steps) VALUES ($1, $2, 1, '[]') RETURNING id`,
    [agency.agencyId, playbook.id],
  );
  const now = Date.now();
  const cadences = new Map<string, { id: string }>();
  const step = async (
    app: string,
    key: string,
    dueAt: Date,
    status: string,
    completedAt: Date | null,
    followUpId: string | null,
    reminder: string | null,
  ) => {
    const cadence =
      cadences.get(app) ??
      (
        await sql<{ id: string }>(
          `INSERT INTO cadences (agency_id, application_id, client_user_id, playbook_version_id) VALUES ($1, $2, $3, $4) RETURNING id`,
          [agency.agencyId, app, clientA.userId, version.id],
        )
      )[0];
    cadences.set(app, cadence);
    const [row] = await sql<{ id: string }>(
      `INSERT INTO step_instances (agency_id, cadence_id, application_id, client_user_id, step_key, trigger, channel, purpose, instructions, due_at, status, completed_at, follow_up_id)
       VALUES ($1, $2, $3, $4, $5, 'APPLIED', 'PHONE', 'STATUS_CHECK', 'Call them', $6, $7, $8, $9) RETURNING id`,
      [agency.agencyId, cadence.id, app, clientA.userId, key, dueAt, status, completedAt, followUpId],
    );
    if (reminder) {
      await sql(
        `INSERT INTO reminders (agency_id, kind, recipient_user_id, due_at, status, idempotency_key, refs)
         VALUES ($1, 'playbook.step-due', $2, $3, $4, $5, $6)`,
        [
          agency.agencyId,
          clientA.userId,
          dueAt,
          reminder,
          `step:${row.id}:due`,
          { stepInstanceId: row.id, applicationId: app },
        ],
      );
      // The coach's escalation is another kind of reminder: not the client's, never counted.
      await sql(
        `INSERT INTO reminders (agency_id, kind, recipient_user_id, due_at, status, idempotency_key, refs)
         VALUES ($1, 'playbook.step-overdue', $2, $3, 'SENT', $4, $5)`,
        [
          agency.agencyId,
          coach.userId,
          dueAt,
          `step:${row.id}:overdue`,
          { stepInstanceId: row.id, applicationId: app },
        ],
      );
    }
  };
  // Pending for ten days: overdue, its reminder ignored (and within the radar's four weeks).
  await step(apps.harbor, 'status-call', new Date(now - 10 * DAY), 'PENDING', null, null, 'SENT');
  // Due in three days: neither overdue nor sent.
  await step(apps.northwind, 'retry-call', new Date(now + 3 * DAY), 'PENDING', null, null, 'SCHEDULED');
  // Due Monday 2 March, done Thursday: three business days late, ignored.
  await step(
    apps.globex,
    'find-contact',
    new Date('2026-03-02T08:00:00Z'),
    'DONE',
    new Date('2026-03-05T10:00:00Z'),
    null,
    'SENT',
  );
  // Due Friday 6 March, done Tuesday 10 March: one business day (Monday was a holiday), not ignored, not on time.
  await step(
    apps.northwind,
    'status-call',
    new Date('2026-03-06T08:00:00Z'),
    'DONE',
    new Date('2026-03-10T10:00:00Z'),
    touches.northwindPhone,
    'SENT',
  );
  // Cancelled: the plan changed, never ignored, never due.
  await step(
    apps.umbrella,
    'visit-or-call',
    new Date('2026-03-03T08:00:00Z'),
    'CANCELLED',
    new Date('2026-03-04T08:00:00Z'),
    null,
    'SENT',
  );
  // Due an hour ago: overdue, but its reminder is not ignored yet.
  await step(apps.harbor, 'retry-call', new Date(now - 3_600_000), 'PENDING', null, null, 'SENT');
  // Due Friday 13 March, done on the Saturday: on time (no business day passed).
  await step(
    apps.umbrella,
    'feedback-call',
    new Date('2026-03-13T08:00:00Z'),
    'DONE',
    new Date('2026-03-14T10:00:00Z'),
    touches.umbrellaVisit,
    null,
  );

  // Vents: two shared (one turned into two actions, both done; one waiting), two private (one with the client's own action).
  const vent = async (text: string, shared: boolean) => {
    const id = (await clientA.client.ok(CREATE_VENT, { input: { text, mood: 2 } }))['createVent'].id as string;
    if (shared) await clientA.client.ok(SHARE, { input: { ventId: id, shared: true } });
    return id;
  };
  const vents = {
    shared: await vent('Nobody calls back, I am tired of waiting.', true),
    sharedOpen: await vent('The recruiter ghosted me again.', true),
    private: await vent('I do not want my coach to see this one.', false),
    privateActioned: await vent('I keep avoiding the phone.', false),
  };
  await coach.client.ok(CONVERT, {
    input: { ventId: vents.shared, actions: [{ title: 'Call Harbor' }, { title: 'Visit Umbrella' }] },
  });
  await clientA.client.ok(CONVERT, {
    input: { ventId: vents.privateActioned, actions: [{ title: 'Practise the call script' }] },
  });
  const actions: { id: string; ventId: string | null }[] = (await clientA.client.ok(ACTIONS, {}))['actions'].edges.map(
    (e: { node: unknown }) => e.node,
  );
  const ofShared = actions.filter((a) => a.ventId === vents.shared);
  for (const action of ofShared) await clientA.client.ok(COMPLETE, { id: action.id });
  const dropped = (
    await coach.client.ok(CREATE_ACTION, { input: { title: 'Update the CV', clientUserId: clientA.userId } })
  )['createAction'].id;
  await coach.client.ok(DROP, { id: dropped });
  // Vent and action times: the shared vent got its first action after 6 hours, the private one after 24.
  await sql(`UPDATE vents SET created_at = $2 WHERE id = $1`, [vents.shared, '2026-03-02T10:00:00Z']);
  await sql(`UPDATE vents SET created_at = $2 WHERE id = $1`, [vents.sharedOpen, '2026-03-03T10:00:00Z']);
  await sql(`UPDATE vents SET created_at = $2 WHERE id = $1`, [vents.privateActioned, '2026-03-04T10:00:00Z']);
  await sql(`UPDATE actions SET created_at = $2 WHERE id = $1`, [ofShared[0].id, '2026-03-02T16:00:00Z']);
  await sql(`UPDATE actions SET created_at = $2 WHERE id = $1`, [ofShared[1].id, '2026-03-03T10:00:00Z']);
  await sql(`UPDATE actions SET created_at = $2 WHERE vent_id = $1`, [vents.privateActioned, '2026-03-05T10:00:00Z']);

  // Client B: applied a minute ago, called today, and shared one vent nobody has acted on.
  const bApplication = await apply(clientB, {
    companyName: 'Contoso',
    title: 'Planner',
    appliedAt: new Date(now - 60_000).toISOString(),
  });
  await clientB.client.ok(LOG, {
    input: { applicationId: bApplication, channel: 'PHONE', purpose: 'FEEDBACK_REQUEST', outcome: 'GOT_FEEDBACK' },
  });
  const bVent = (await clientB.client.ok(CREATE_VENT, { input: { text: 'Another rejection today.', mood: 1 } }))[
    'createVent'
  ].id;
  await clientB.client.ok(SHARE, { input: { ventId: bVent, shared: true } });
  return { apps, touches, vents, bApplication };
}

describe('insights over HTTP', () => {
  let api: TestApi;
  let agency: AgencyFixture;
  let other: AgencyFixture;
  let clientA: SignedIn;
  let clientB: SignedIn;
  let clientC: SignedIn;
  let coach0: SignedIn;
  let coach1: SignedIn;
  let fixture: Fixture;

  beforeAll(async () => {
    api = await startTestApi([IdentityModule, PipelineModule, VentsModule, InsightsModule]);
    // Clients 1 and 3 are coach 1's, client 2 is coach 2's.
    agency = await createAgencyFixture(api.client, 'Insight Coaching', 2, 3);
    other = await createAgencyFixture(api.client, 'Other Insights', 1, 1);
    [clientA, clientC, clientB] = agency.clients;
    [coach0, coach1] = agency.coaches;
    fixture = await buildFixture(agency, clientA, clientB, coach0);
    // Steps, reminders and back-dated rows were written with SQL, behind the writers' backs: rebuild the rollups, as an operator would.
    await api.app.get(ClientRollups).rebuild(agency.agencyId);
  });

  afterAll(() => api.close());

  describe('clientScorecard', () => {
    it('computes every figure of the hand-built history (all time, as the client)', async () => {
      const card = (await clientA.client.ok(SCORECARD, { id: clientA.userId }))['clientScorecard'];
      expect(card).toMatchObject({
        clientUserId: clientA.userId,
        clientName: 'Insight Coaching Client 1',
        period: { from: null, to: null },
        applications: 6,
        appliedApplications: 5, // all but the saved one
        coveredApplications: 3, // Harbor, Northwind, Umbrella; Globex only before applying, Hooli never
        followUpCoverage: 0.6,
        outboundTouches: 6, // the inbound e-mail is not follow-up
        beyondEmailTouches: 4, // 2 phone, 1 Sales line, 1 visit
        medianBusinessDaysToFirstTouch: 1, // Harbor 1, Northwind 1 (holiday Monday), Umbrella 6
        overdueSteps: 2,
        answeredTouches: 3, // status, contact name, decision maker
        responseRate: 0.5,
        vents: { total: 4, open: 2, actioned: 1, resolved: 1, medianHoursToFirstAction: 15 },
        actions: { total: 4, open: 1, done: 2, dropped: 1, doneShare: 0.5 },
        remindersSent: 5,
        remindersIgnored: 2, // the ten-day pending step and the Globex step done three business days late
      });
      expect(card.beyondEmailShare).toBeCloseTo(4 / 6, 10);
      expect(card.applicationsByStage).toEqual([
        { stage: 'SAVED', count: 1 },
        { stage: 'APPLIED', count: 3 },
        { stage: 'SCREENING', count: 0 },
        { stage: 'INTERVIEWING', count: 1 },
        { stage: 'OFFER', count: 0 },
        { stage: 'HIRED', count: 0 },
        { stage: 'REJECTED', count: 1 },
        { stage: 'WITHDRAWN', count: 0 },
      ]);
      expect(card.responseRateByChannel).toEqual([
        { channel: 'PHONE', touches: 2, answered: 1, rate: 0.5 },
        { channel: 'IN_PERSON', touches: 1, answered: 1, rate: 1 },
        { channel: 'SALES_LINE', touches: 1, answered: 1, rate: 1 },
        { channel: 'EMAIL', touches: 1, answered: 0, rate: 0 },
        { channel: 'LINKEDIN', touches: 1, answered: 0, rate: 0 },
      ]);
    });

    it('narrows to a period', async () => {
      const period = { from: '2026-03-04T00:00:00.000Z', to: '2026-03-11T00:00:00.000Z' };
      const card = (await clientA.client.ok(SCORECARD, { id: clientA.userId, period }))['clientScorecard'];
      expect(card).toMatchObject({
        period,
        applications: 3, // Northwind, Globex, Initech
        appliedApplications: 2,
        coveredApplications: 1,
        followUpCoverage: 0.5,
        outboundTouches: 2, // Harbor's call on the 5th, Northwind's on the 10th
        beyondEmailTouches: 2,
        beyondEmailShare: 1,
        medianBusinessDaysToFirstTouch: 1,
        answeredTouches: 1,
        overdueSteps: 2, // always as of now
        remindersSent: 1, // Northwind's Friday step
        remindersIgnored: 0,
        vents: { total: 1, open: 0, actioned: 1, resolved: 0, medianHoursToFirstAction: 24 },
      });
    });

    it("counts only shared vents for the client's coach and the admin", async () => {
      for (const reader of [coach0, agency.admin]) {
        const card = (await reader.client.ok(SCORECARD, { id: clientA.userId }))['clientScorecard'];
        expect(card.vents).toEqual({ total: 2, open: 1, actioned: 0, resolved: 1, medianHoursToFirstAction: 6 });
        expect(card.overdueSteps).toBe(2);
      }
    });

    it('refuses a period that ends before it starts', async () => {
      const error = await clientA.client.fails(SCORECARD, {
        id: clientA.userId,
        period: { from: '2026-03-05T00:00:00Z', to: '2026-03-01T00:00:00Z' },
      });
      expect(error.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'period.to' });
    });
  });

  describe('followUpRadar', () => {
    it("ranks a coach's caseload with the reasons behind each score", async () => {
      const radar = (await coach0.client.ok(RADAR, { first: 10 }))['followUpRadar'];
      const rows = radar.edges.map((edge: { node: unknown }) => edge.node);
      expect(rows.map((row: { clientUserId: string }) => row.clientUserId)).toEqual([clientA.userId, clientB.userId]);
      const [a, b] = rows;
      const days = businessDaysBetween(new Date('2026-03-12T10:00:00Z'), new Date(radar.asOf), CALENDAR);
      expect(a.headline).toEqual({
        openApplications: 4,
        overdueSteps: 2,
        silentApplications: 4,
        lastTouchAt: '2026-03-12T10:00:00.000Z',
        businessDaysSinceLastTouch: days,
        followUpCoverage: 0.6,
        beyondEmailShare: 4 / 6,
        unactionedSharedVents: 1,
        ignoredReminders: 1,
      });
      expect(a.reasons).toEqual([
        { code: 'NO_RECENT_TOUCH', text: `No follow-up logged for ${days} business days`, weight: 10 },
        { code: 'SILENT_APPLICATIONS', text: '4 open applications have had no touch for 10+ business days', weight: 8 },
        { code: 'OVERDUE_STEPS', text: '2 follow-up steps are overdue', weight: 6 },
        { code: 'UNACTIONED_VENTS', text: '1 shared vent has no action yet', weight: 4 },
        { code: 'IGNORED_REMINDERS', text: '1 step reminder was ignored in the last 28 days', weight: 2 },
      ]);
      expect(a.score).toBe(30);
      expect(b).toMatchObject({
        score: 4,
        reasons: [{ code: 'UNACTIONED_VENTS', weight: 4 }],
        headline: {
          openApplications: 1,
          overdueSteps: 0,
          silentApplications: 0,
          businessDaysSinceLastTouch: 0,
          followUpCoverage: 1,
          beyondEmailShare: 1,
        },
      });
      expect(radar.pageInfo.hasNextPage).toBe(false);
    });

    it("pages an admin's whole agency by keyset, and filters by coach", async () => {
      const seen: string[] = [];
      let after: string | null = null;
      for (;;) {
        const page: {
          edges: { node: { clientUserId: string; score: number } }[];
          pageInfo: { endCursor: string; hasNextPage: boolean };
        } = (await agency.admin.client.ok(RADAR, { first: 1, after }))['followUpRadar'];
        expect(page.edges).toHaveLength(1);
        seen.push(page.edges[0].node.clientUserId);
        if (!page.pageInfo.hasNextPage) break;
        after = page.pageInfo.endCursor;
      }
      expect(seen).toEqual([clientA.userId, clientB.userId, clientC.userId]);
      const forCoach1 = (await agency.admin.client.ok(RADAR, { filter: { coachUserId: coach1.userId } }))[
        'followUpRadar'
      ];
      expect(
        forCoach1.edges.map((edge: { node: { clientUserId: string; score: number; reasons: unknown[] } }) => edge.node),
      ).toEqual([expect.objectContaining({ clientUserId: clientC.userId, score: 0, reasons: [] })]);
      expect(forCoach1.edges[0].node.headline).toMatchObject({
        openApplications: 0,
        businessDaysSinceLastTouch: null,
        followUpCoverage: null,
      });
    });

    it('refuses a cursor it did not make and a page size out of range', async () => {
      expect((await coach0.client.fails(RADAR, { after: 'bogus' })).extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        field: 'after',
      });
      expect((await coach0.client.fails(RADAR, { first: 0 })).extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        field: 'first',
      });
    });
  });

  describe('agencyDashboard', () => {
    const march = { from: '2026-03-01T00:00:00.000Z', to: '2026-03-16T00:00:00.000Z' };

    it('gives each coach their figures and the agency its rates, funnel and trend', async () => {
      const board = (await agency.admin.client.ok(DASHBOARD, { period: march }))['agencyDashboard'];
      expect(board.period).toEqual(march);
      const byCoach = Object.fromEntries(board.coaches.map((row: { coachUserId: string }) => [row.coachUserId, row]));
      expect(byCoach[coach0.userId]).toEqual({
        coachUserId: coach0.userId,
        coachName: 'Insight Coaching Coach 1',
        clients: 2,
        stepsDue: 3, // Globex (late), Northwind (a day late), Umbrella's feedback call (on time); the cancelled one is not due
        stepsDoneOnTime: 1,
        followUpCompliance: 1 / 3,
        medianBusinessDaysToFirstTouch: 1,
        outboundTouches: 6,
        beyondEmailTouches: 4,
        beyondEmailShare: 4 / 6,
        sharedVents: 2,
        actionedSharedVents: 1,
        ventToActionConversion: 0.5,
      });
      expect(byCoach[coach1.userId]).toMatchObject({
        clients: 1,
        stepsDue: 0,
        followUpCompliance: null,
        medianBusinessDaysToFirstTouch: null,
        beyondEmailShare: null,
        ventToActionConversion: null,
      });
      expect(board.responseRateByChannel).toEqual([
        { channel: 'PHONE', touches: 2, answered: 1, rate: 0.5 },
        { channel: 'IN_PERSON', touches: 1, answered: 1, rate: 1 },
        { channel: 'SALES_LINE', touches: 1, answered: 1, rate: 1 },
        { channel: 'EMAIL', touches: 1, answered: 0, rate: 0 },
        { channel: 'LINKEDIN', touches: 1, answered: 0, rate: 0 },
      ]);
      expect(board.responseRateByStep).toEqual([
        { stepKey: 'feedback-call', channel: 'PHONE', stepsDone: 1, answered: 1, rate: 1 },
        { stepKey: 'status-call', channel: 'PHONE', stepsDone: 1, answered: 0, rate: 0 },
      ]);
      expect(board.funnel).toEqual([
        { stage: 'SAVED', count: 6 },
        { stage: 'APPLIED', count: 5 },
        { stage: 'SCREENING', count: 2 }, // Umbrella skipped it on the way to interviewing; Hooli passed it before the rejection
        { stage: 'INTERVIEWING', count: 1 },
        { stage: 'OFFER', count: 0 },
        { stage: 'HIRED', count: 0 },
        { stage: 'REJECTED', count: 1 },
        { stage: 'WITHDRAWN', count: 0 },
      ]);
    });

    it('trends the last twelve weeks, Monday to Sunday, whatever the period', async () => {
      const board = (await agency.admin.client.ok(DASHBOARD, {}))['agencyDashboard'];
      const weeks: {
        weekStart: string;
        outboundTouches: number;
        applicationsApplied: number;
        answeredTouches: number;
      }[] = board.weeklyTrend;
      expect(weeks).toHaveLength(12);
      for (const [i, week] of weeks.entries()) {
        expect(new Date(`${week.weekStart}T12:00:00Z`).getUTCDay()).toBe(1);
        if (i > 0) expect(Date.parse(week.weekStart) - Date.parse(weeks[i - 1].weekStart)).toBe(7 * DAY);
      }
      // Only client B acted in the last twelve weeks: one application, one answered call (this week or, past midnight on a Monday, the last).
      expect(weeks.reduce((sum, week) => sum + week.outboundTouches, 0)).toBe(1);
      expect(weeks.reduce((sum, week) => sum + week.applicationsApplied, 0)).toBe(1);
      expect(weeks.reduce((sum, week) => sum + week.answeredTouches, 0)).toBe(1);
      expect(weeks.slice(-2).reduce((sum, week) => sum + week.outboundTouches, 0)).toBe(1);
      // The default period is the trend's window.
      expect(board.period).toEqual({ from: expect.any(String), to: null });
      expect(board.coaches.find((row: { coachUserId: string }) => row.coachUserId === coach0.userId)).toMatchObject({
        outboundTouches: 1,
        sharedVents: 1,
      });
    });

    it('shows a coach only their own row and caseload', async () => {
      const board = (await coach1.client.ok(DASHBOARD, { period: march }))['agencyDashboard'];
      expect(board.coaches.map((row: { coachUserId: string }) => row.coachUserId)).toEqual([coach1.userId]);
      expect(board.responseRateByChannel.every((row: { touches: number }) => row.touches === 0)).toBe(true);
      expect(board.funnel[0]).toEqual({ stage: 'SAVED', count: 0 });
    });
  });

  describe('access', () => {
    it.each([
      ['the client themself', () => clientA, true],
      ['their coach', () => coach0, true],
      ['the agency admin', () => agency.admin, true],
      ['another client', () => clientB, false],
      ['another coach of the agency', () => coach1, false],
      ['the admin of another agency', () => other.admin, false],
      ['a coach of another agency', () => other.coaches[0], false],
    ])('answers a scorecard to %s, else NOT_FOUND', async (_label, who, allowed) => {
      const result = await who().client.request(SCORECARD, { id: clientA.userId });
      if (allowed) expect(result.data?.['clientScorecard'].clientUserId).toBe(clientA.userId);
      else expect(result.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    });

    it('answers FORBIDDEN to a client asking for the radar or the dashboard', async () => {
      expect((await clientA.client.fails(RADAR, {})).extensions?.code).toBe('FORBIDDEN');
      expect((await clientA.client.fails(DASHBOARD, {})).extensions?.code).toBe('FORBIDDEN');
    });

    it('keeps a coach to their own caseload and agencies apart', async () => {
      expect((await coach1.client.fails(RADAR, { filter: { coachUserId: coach0.userId } })).extensions?.code).toBe(
        'NOT_FOUND',
      );
      const ownOnly = (await coach1.client.ok(RADAR, {}))['followUpRadar'];
      expect(ownOnly.edges.map((edge: { node: { clientUserId: string } }) => edge.node.clientUserId)).toEqual([
        clientC.userId,
      ]);
      // Another agency's admin asking for this agency's coach gets an empty radar, not its clients.
      const foreign = (await other.admin.client.ok(RADAR, { filter: { coachUserId: coach0.userId } }))['followUpRadar'];
      expect(foreign.edges).toEqual([]);
      const board = (await other.admin.client.ok(DASHBOARD, {}))['agencyDashboard'];
      expect(board.coaches.map((row: { coachUserId: string }) => row.coachUserId)).toEqual([other.coaches[0].userId]);
    });

    it('never exposes a vent text: the schema has counts only', async () => {
      const response = await coach0.client.request(
        `{ clientScorecard(clientUserId: "${clientA.userId}") { vents { text } } }`,
      );
      expect(response.errors?.[0].message).toMatch(/Cannot query field "text"/);
    });
  });

  describe('CSV export', () => {
    const get = (path: string, who?: SignedIn) =>
      fetch(`${api.url}${path}`, { headers: who ? { authorization: `Bearer ${who.token}` } : {} });

    it("exports the coach's radar, ranked, with reasons", async () => {
      const response = await get('/export/radar.csv', coach0);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
      expect(response.headers.get('content-disposition')).toBe('attachment; filename="radar.csv"');
      const lines = (await response.text()).split('\r\n');
      expect(lines[0]).toBe(
        'rank,client_user_id,client_name,score,reasons,open_applications,overdue_steps,silent_applications,last_touch_at,' +
          'business_days_since_last_touch,follow_up_coverage,beyond_email_share,unactioned_shared_vents,ignored_reminders',
      );
      expect(lines).toHaveLength(4); // header, two clients, and the final line break
      expect(lines[1]).toMatch(
        new RegExp(
          `^1,${clientA.userId},Insight Coaching Client 1,30,No follow-up logged for \\d+ business days \\(\\+10\\); `,
        ),
      );
      expect(lines[2]).toMatch(
        new RegExp(
          `^2,${clientB.userId},Insight Coaching Client 3,4,1 shared vent has no action yet \\(\\+4\\),1,0,0,`,
        ),
      );
      expect(lines[3]).toBe('');
    });

    it("exports a client's pipeline with quoting and no formula injection", async () => {
      const response = await get(`/export/clients/${clientA.userId}/pipeline.csv`, coach0);
      expect(response.status).toBe(200);
      const text = await response.text();
      const lines = text.split('\r\n');
      expect(lines[0]).toBe(
        'application_id,company,title,stage,created_at,applied_at,last_touch_at,touches,outbound_touches,beyond_email_touches,' +
          'answered_touches,first_touch_at,business_days_to_first_touch,overdue_steps,next_step_due_at',
      );
      expect(lines).toHaveLength(8);
      const row = (id: string) => lines.find((line) => line.startsWith(id)) as string;
      expect(row(fixture.apps.harbor)).toMatch(
        new RegExp(
          `^${fixture.apps.harbor},Harbor,Analyst,APPLIED,2026-03-02T08:00:00.000Z,2026-03-02T08:00:00.000Z,2026-03-05T10:00:00.000Z,2,2,1,1,2026-03-03T10:00:00.000Z,1,2,$`,
        ),
      );
      expect(row(fixture.apps.northwind)).toMatch(
        /,"Northwind, Inc\.",Engineer,APPLIED,.*,2,2,2,1,2026-03-10T10:00:00\.000Z,1,0,\d{4}-/,
      );
      expect(row(fixture.apps.initech)).toContain(`,Initech,"'=HYPERLINK(""http://evil.example"",""click"")",SAVED,`);
      expect(text).not.toMatch(/(^|,)=HYPERLINK/m);
    });

    it('applies the same access rules: 401 without a token, 404 for a client out of reach, 403 for a client asking for the radar', async () => {
      expect((await get('/export/radar.csv')).status).toBe(401);
      expect((await get('/export/radar.csv', clientA)).status).toBe(403);
      expect((await get(`/export/clients/${clientA.userId}/pipeline.csv`, clientA)).status).toBe(200);
      for (const who of [clientB, coach1, other.admin]) {
        expect((await get(`/export/clients/${clientA.userId}/pipeline.csv`, who)).status).toBe(404);
      }
      expect((await get('/export/clients/not-a-uuid/pipeline.csv', agency.admin)).status).toBe(404);
    });

    it("audits a coach's export of someone's pipeline", async () => {
      const [row] = await sql<{ count: string }>(
        `SELECT count(*) FROM audit_events WHERE agency_id = $1 AND actor_user_id = $2 AND subject_user_id = $3 AND action = 'insights.pipelineExported'`,
        [agency.agencyId, coach0.userId, clientA.userId],
      );
      expect(Number(row.count)).toBeGreaterThanOrEqual(1);
    });
  });
});

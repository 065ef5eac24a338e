import { DataSource } from 'typeorm';
import { Actor, runAsTenant, SqlStatementCounter } from '@followthrough/server-core';
import { IdentityDirectory, IdentityModule } from '@followthrough/server-identity';
import { PipelineModule } from '@followthrough/server-pipeline';
import { PlaybooksModule } from '@followthrough/server-playbooks';
import { VentsModule } from '@followthrough/server-vents';
import {
  AgencyFixture,
  ASSIGN_CLIENT,
  createAgencyFixture,
  startTestApi,
  TestApi,
} from '@followthrough/server-testing';
import { Role } from '@followthrough/shared-domain';
import { InsightsModule } from './insights.module';
import { ClientRollups } from './services/client-rollups.service';
import { DashboardService } from './services/dashboard.service';
import { trendWeeks } from './sql/dashboard.query';

const CREATE_APPLICATION = `mutation C($input: CreateApplicationInput!) { createApplication(input: $input) { id } }`;
const STAGE = `mutation S($input: UpdateApplicationStageInput!) { updateApplicationStage(input: $input) { id } }`;
const LOG = `mutation L($input: LogFollowUpInput!) { logFollowUp(input: $input) { id } }`;
const CREATE_VENT = `mutation V($input: CreateVentInput!) { createVent(input: $input) { id } }`;
const SHARE = `mutation S($input: SetVentSharingInput!) { setVentSharing(input: $input) { id } }`;
const CONVERT = `mutation C($input: ConvertVentToActionsInput!) { convertVentToActions(input: $input) { id } }`;
const UNASSIGN = `mutation U($input: AssignClientInput!) { unassignClient(input: $input) }`;
const DASHBOARD = `query D($period: InsightsPeriodInput) { agencyDashboard(period: $period) { coaches { coachUserId } } }`;

const DAY = 86_400_000;
const CHANNELS = ['PHONE', 'EMAIL', 'LINKEDIN', 'SALES_LINE', 'IN_PERSON'];
const OUTCOMES = ['NO_ANSWER', 'GOT_STATUS', 'VOICEMAIL', 'GOT_CONTACT_NAME', 'GATEKEEPER', 'REJECTED'];

/**
 * The dashboard's coach-week aggregates: after a mix of writes (applications, stage changes, follow-ups
 * across channels and weeks, shared vents turned into actions, a client given a second coach and a client
 * taken from their coach), every figure of the dashboard equals the live computation over the source tables,
 * for an admin and a coach, whether or not the worker folded the writers' deltas; and a dashboard request
 * reads the aggregates only, never the history.
 */
describe('dashboard coach-week aggregates', () => {
  let api: TestApi;
  let agency: AgencyFixture;
  let db: DataSource;

  beforeAll(async () => {
    api = await startTestApi([IdentityModule, PipelineModule, PlaybooksModule, VentsModule, InsightsModule]);
    // Clients 1, 3 and 5 are coach 1's; 2 and 4 coach 2's.
    agency = await createAgencyFixture(api.client, 'Aggregate Coaching', 2, 5);
    db = api.app.get(DataSource);

    const now = Date.now();
    for (const [c, client] of agency.clients.entries()) {
      for (let a = 0; a < 3; a += 1) {
        // Sent 2 to 80 days ago: spread over the trend's weeks, some before them.
        const sent = new Date(now - (2 + (((c * 3 + a) * 11) % 80)) * DAY);
        const applicationId = (
          await client.client.ok(CREATE_APPLICATION, {
            input: { companyName: `Aggregate ${c}.${a}`, title: 'Analyst', appliedAt: sent.toISOString() },
          })
        )['createApplication'].id;
        for (let t = 0; t < 3; t += 1) {
          const occurredAt = new Date(Math.min(now - 60_000, sent.getTime() + (t * 4 + a + c) * DAY));
          await client.client.ok(LOG, {
            input: {
              applicationId,
              channel: CHANNELS[(c + a + t) % CHANNELS.length],
              purpose: 'STATUS_CHECK',
              outcome: OUTCOMES[(c * 2 + a + t) % OUTCOMES.length],
              direction: t === 2 && a === 1 ? 'INBOUND' : 'OUTBOUND',
              occurredAt: occurredAt.toISOString(),
            },
          });
        }
        if (a === 1) await client.client.ok(STAGE, { input: { applicationId, stage: 'INTERVIEWING' } });
        if (a === 2 && c % 2 === 0) await client.client.ok(STAGE, { input: { applicationId, stage: 'REJECTED' } });
      }
      const ventId = (await client.client.ok(CREATE_VENT, { input: { text: `Vent ${c}`, mood: 2 } }))['createVent'].id;
      if (c !== 1) await client.client.ok(SHARE, { input: { ventId, shared: true } });
      if (c % 2 === 0) {
        const coach = agency.coaches[c % 2].client;
        await coach.ok(CONVERT, { input: { ventId, actions: [{ title: 'Call the recruiter back' }] } });
      }
    }
    // Client 1 gets coach 2 as well; client 2 leaves coach 2 (both moves carry the clients' history along).
    await agency.admin.client.ok(ASSIGN_CLIENT, {
      input: { coachUserId: agency.coaches[1].userId, clientUserId: agency.clients[0].userId },
    });
    await agency.admin.client.ok(UNASSIGN, {
      input: { coachUserId: agency.coaches[1].userId, clientUserId: agency.clients[1].userId },
    });
  }, 300_000);

  afterAll(() => api?.close());

  function actor(userId: string, role: Role): Actor {
    return { userId, agencyId: agency.agencyId, membershipId: 'n/a', role };
  }
  const admin = () => actor(agency.admin.userId, Role.AGENCY_ADMIN);
  const inAgency = <T>(work: () => Promise<T>) => runAsTenant(agency.agencyId, work);
  const coach = (i: number) => actor(agency.coaches[i].userId, Role.COACH);

  /** Week-aligned periods: the default (the trend's twelve weeks), four whole weeks, all time. */
  async function periods() {
    const calendar = await api.app.get(IdentityDirectory).calendarOf(agency.agencyId);
    const weeks = trendWeeks(new Date(), calendar);
    return [
      undefined,
      { from: weeks.boundaries[6], to: weeks.boundaries[10] },
      { to: weeks.boundaries[12] },
      { from: weeks.boundaries[3] },
    ];
  }

  async function expectSameAsLive(who: Actor): Promise<void> {
    const dashboard = api.app.get(DashboardService);
    // Steps that fell due since the last write are counted at their due time by the worker's pass: run it.
    await api.app.get(ClientRollups).refreshDue();
    for (const period of await periods()) {
      const [stored, live] = [await dashboard.dashboard(who, period), await dashboard.liveDashboard(who, period)];
      const { asOf: _storedAt, ...storedFigures } = stored;
      const { asOf: _liveAt, ...liveFigures } = live;
      expect(storedFigures).toEqual(liveFigures);
    }
  }

  it('has something to compare: the mix reaches every section', () =>
    // Services called directly, as a request of the agency would: bound to it.
    inAgency(async () => {
      const live = await api.app.get(DashboardService).liveDashboard(admin());
      expect(live.coaches.every((row) => row.outboundTouches > 0 && row.clients > 0)).toBe(true);
      expect(live.coaches.some((row) => row.sharedVents > 0 && row.actionedSharedVents > 0)).toBe(true);
      expect(live.coaches.some((row) => row.medianBusinessDaysToFirstTouch !== null)).toBe(true);
      expect(live.weeklyTrend.filter((week) => week.outboundTouches > 0).length).toBeGreaterThan(3);
      expect(live.funnel.find((stage) => stage.stage === 'REJECTED')?.count).toBeGreaterThan(0);
    }));

  it('equals the live computation for the admin and each coach, before and after the worker folds the deltas', () =>
    // Services called directly, as a request of the agency would: bound to it.
    inAgency(async () => {
      for (const who of [admin(), coach(0), coach(1)]) await expectSameAsLive(who);
      await api.app.get(ClientRollups).foldDeltas();
      const rows: { n: number }[] = await db.query(
        `SELECT count(*)::int AS n FROM insights_fact_deltas WHERE agency_id = $1`,
        [agency.agencyId],
      );
      expect(rows[0].n).toBe(0);
      for (const who of [admin(), coach(0), coach(1)]) await expectSameAsLive(who);
    }));

  it('is re-derived by a rebuild, even from aggregates gone wrong', () =>
    // Services called directly, as a request of the agency would: bound to it.
    inAgency(async () => {
      await db.query(`UPDATE insights_scope_weeks SET value = value + 7 WHERE agency_id = $1`, [agency.agencyId]);
      await api.app.get(ClientRollups).rebuild(agency.agencyId);
      for (const who of [admin(), coach(0), coach(1)]) await expectSameAsLive(who);
    }));

  it('reads the aggregates only: no history table in any statement of a dashboard request', async () => {
    for (const client of [agency.admin.client, agency.coaches[0].client]) {
      const statements = await SqlStatementCounter.record(() => client.ok(DASHBOARD, {}));
      const texts = statements.map((statement) => statement.text);
      expect(texts.some((text) => /insights_scope_weeks/.test(text))).toBe(true);
      for (const text of texts)
        expect(text).not.toMatch(/\b(follow_ups|step_instances|applications|application_stage_changes|vents)\b/);
    }
  });
});

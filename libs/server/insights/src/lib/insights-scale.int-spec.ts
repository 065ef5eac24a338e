import { Client } from 'pg';
import { Role } from '@followthrough/shared-domain';
import { Actor, runAsTenant, SqlStatementCounter } from '@followthrough/server-core';
import { IdentityModule } from '@followthrough/server-identity';
import { PipelineModule } from '@followthrough/server-pipeline';
import {
  AgencyFixture,
  createAgencyFixture,
  inviteAndAccept,
  seedBulkAgencyBasics,
  seedBulkCaseload,
  SignedIn,
  startTestApi,
  TestApi,
} from '@followthrough/server-testing';
import { InsightsModule } from './insights.module';
import { ClientRollups } from './services/client-rollups.service';
import { DashboardService } from './services/dashboard.service';
import { RadarService } from './services/radar.service';
import { ScorecardService } from './services/scorecard.service';
import { SqlStatement } from './sql/sql-statement';

const RADAR = `query R($first: Int) { followUpRadar(first: $first) {
  edges { node { clientUserId score reasons { code weight } headline { openApplications followUpCoverage beyondEmailShare } } } pageInfo { hasNextPage } } }`;
const SCORECARD = `query S($id: ID!) { clientScorecard(clientUserId: $id) { appliedApplications outboundTouches vents { total } remindersIgnored } }`;
const DASHBOARD = `{ agencyDashboard { coaches { clients stepsDue } funnel { count } weeklyTrend { outboundTouches } } }`;

async function statementsFor(run: () => Promise<unknown>): Promise<number> {
  const before = SqlStatementCounter.total;
  await run();
  return SqlStatementCounter.total - before;
}

interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Index Name'?: string;
  Plans?: PlanNode[];
}

function scansOf(node: PlanNode, found: { type: string; relation: string; index?: string }[] = []) {
  if (node['Relation Name'])
    found.push({ type: node['Node Type'], relation: node['Relation Name'], index: node['Index Name'] });
  for (const child of node.Plans ?? []) scansOf(child, found);
  return found;
}

const LARGE_TABLES = [
  'applications',
  'follow_ups',
  'step_instances',
  'vents',
  'actions',
  'reminders',
  'application_stage_changes',
];

/**
 * Two agencies, one with a 10-client caseload and one with 300 (about 6,000 applications, 18,000 follow-ups
 * and 16,000 steps, written with set-based SQL): the statements per request must be the same, and the radar
 * and scorecard plans must read the big tables through their indexes.
 */
describe('insights at scale', () => {
  let api: TestApi;
  let small: AgencyFixture;
  let large: AgencyFixture;
  let smallClients: string[];
  let largeClients: string[];
  let focusedCoach: SignedIn;
  let db: Client;

  beforeAll(async () => {
    // Snapshots stay fresh for the whole run: a second radar request must be served from the first one's.
    api = await startTestApi([IdentityModule, PipelineModule, InsightsModule]);
    small = await createAgencyFixture(api.client, 'Small Caseload', 1, 0);
    large = await createAgencyFixture(api.client, 'Large Caseload', 1, 0);
    focusedCoach = await inviteAndAccept(api.client, large.admin, 'COACH', 'Focused Coach');
    db = new Client({ connectionString: process.env['DATABASE_OWNER_URL'] });
    await db.connect();
    const smallBasics = await seedBulkAgencyBasics(db, small.agencyId, 50);
    const largeBasics = await seedBulkAgencyBasics(db, large.agencyId, 400);
    smallClients = await seedBulkCaseload(db, smallBasics, {
      agencyId: small.agencyId,
      coachUserId: small.coaches[0].userId,
      label: 'Small',
      clients: 10,
    });
    largeClients = await seedBulkCaseload(db, largeBasics, {
      agencyId: large.agencyId,
      coachUserId: large.coaches[0].userId,
      label: 'Large',
      clients: 300,
    });
    await seedBulkCaseload(db, largeBasics, {
      agencyId: large.agencyId,
      coachUserId: focusedCoach.userId,
      label: 'Focused',
      clients: 10,
    });
    // As autovacuum would after a load: planner statistics and the visibility map (for index-only scans).
    // Written with SQL: the rollups are rebuilt as an operator would after a bulk load.
    const rollups = api.app.get(ClientRollups);
    await rollups.rebuild(small.agencyId);
    await rollups.rebuild(large.agencyId);
    for (const table of [
      ...LARGE_TABLES,
      'memberships',
      'coach_assignments',
      'users',
      'insights_client_rollups',
      'insights_scope_weeks',
      'insights_fact_deltas',
    ])
      await db.query(`VACUUM ANALYZE ${table}`);
  }, 120_000);

  afterAll(async () => {
    await db.end();
    await api.close();
  });

  describe('SQL statements per request do not depend on the number of clients', () => {
    // Every request first checks its session (identity), then reads (the radar: one page of the rollups),
    // then writes one audit row naming the clients it showed.
    it.each([
      ['coach', (a: AgencyFixture) => a.coaches[0].client.ok(RADAR, { first: 50 })],
      ['admin', (a: AgencyFixture) => a.admin.client.ok(RADAR, { first: 50 })],
    ])('the radar (%s): 10 clients vs 300, one statement from the rollups', async (_label, run) => {
      const forSmall = await statementsFor(() => run(small));
      const forLarge = await statementsFor(() => run(large));
      expect({ forSmall, forLarge }).toEqual({ forSmall: 3, forLarge: 3 });
    });

    it.each([
      ['the dashboard (admin)', (a: AgencyFixture) => a.admin.client.ok(DASHBOARD), 3],
      ['the dashboard (coach)', (a: AgencyFixture) => a.coaches[0].client.ok(DASHBOARD), 3],
      [
        'the radar CSV (coach)',
        (a: AgencyFixture) =>
          fetch(`${api.url}/export/radar.csv`, { headers: { authorization: `Bearer ${a.coaches[0].token}` } }).then(
            (r) => r.text(),
          ),
        3,
      ],
    ])('%s: 10 clients vs 300', async (_label, run, expected) => {
      const forSmall = await statementsFor(() => run(small));
      const forLarge = await statementsFor(() => run(large));
      expect({ forSmall, forLarge }).toEqual({ forSmall: expected, forLarge: expected });
    });

    it('a scorecard: the same for a client in either agency, and the radar pages really hold 10 and 50 rows', async () => {
      const forSmall = await statementsFor(() => small.coaches[0].client.ok(SCORECARD, { id: smallClients[0] }));
      const forLarge = await statementsFor(() => large.coaches[0].client.ok(SCORECARD, { id: largeClients[0] }));
      expect({ forSmall, forLarge }).toEqual({ forSmall: 5, forLarge: 5 });
      const smallRadar = (await small.coaches[0].client.ok(RADAR, { first: 50 }))['followUpRadar'];
      const largeRadar = (await large.coaches[0].client.ok(RADAR, { first: 50 }))['followUpRadar'];
      expect(smallRadar.edges).toHaveLength(10);
      expect(largeRadar.edges).toHaveLength(50);
      expect(largeRadar.pageInfo.hasNextPage).toBe(true);
      const scores = largeRadar.edges.map((edge: { node: { score: number } }) => edge.node.score);
      expect(scores).toEqual([...scores].sort((a, b) => b - a));
      const card = (await large.coaches[0].client.ok(SCORECARD, { id: largeClients[0] }))['clientScorecard'];
      expect(card.appliedApplications).toBeGreaterThan(10);
      expect(card.outboundTouches).toBeGreaterThan(30);
    });
  });

  describe('query plans', () => {
    async function plan(statement: SqlStatement) {
      const [row] = (await db.query(`EXPLAIN (FORMAT JSON) ${statement.text}`, statement.values)).rows as {
        'QUERY PLAN': { Plan: PlanNode }[];
      }[];
      return scansOf(row['QUERY PLAN'][0].Plan);
    }

    /** The plan the API really gets: as the application's role, bound to the agency, policies applying. */
    async function planUnderRowSecurity(statement: SqlStatement, agencyId: string) {
      const appRole = new URL(process.env['DATABASE_URL'] as string).username;
      await db.query('BEGIN');
      try {
        await db.query(`SET LOCAL ROLE "${appRole}"`);
        await db.query(`SELECT set_config('app.agency_id', $1, true)`, [agencyId]);
        return await plan(statement);
      } finally {
        await db.query('ROLLBACK');
      }
    }

    function actorOf(agency: AgencyFixture, who: SignedIn, role: Role): Actor {
      return { userId: who.userId, agencyId: agency.agencyId, membershipId: 'n/a', role };
    }

    function expectIndexScansOnly(scans: { type: string; relation: string; index?: string }[], mustUse: string[]) {
      const onLargeTables = scans.filter((scan) => LARGE_TABLES.includes(scan.relation));
      expect(
        onLargeTables.filter((scan) => !scan.type.startsWith('Index') && scan.type !== 'Bitmap Heap Scan'),
      ).toEqual([]);
      for (const index of mustUse) expect(scans.map((scan) => scan.index)).toContain(index);
    }

    it("reads a coach's radar through the indexes, not by scanning the agency's tables", async () => {
      const radar = api.app.get(RadarService);
      // Called directly, as a request bound to the coach's agency would.
      const { statement } = await runAsTenant(large.agencyId, () =>
        radar.statement(actorOf(large, focusedCoach, Role.COACH), {}, null, 51),
      );
      expectIndexScansOnly(await plan(statement), [
        'applications_insights_client_idx',
        'step_instances_insights_pending_idx',
        'follow_ups_insights_client_idx',
      ]);
    });

    it('reads the default dashboard from the coach-week aggregates, never the history', async () => {
      const dashboards = api.app.get(DashboardService);
      for (const who of [actorOf(large, large.admin, Role.AGENCY_ADMIN), actorOf(large, focusedCoach, Role.COACH)]) {
        const { statements } = await runAsTenant(large.agencyId, () => dashboards.statements(who));
        expect(statements).toHaveLength(1);
        const scans = await plan(statements[0]);
        expect(scans.filter((scan) => LARGE_TABLES.includes(scan.relation))).toEqual([]);
        // The aggregates (a few hundred rows here, all inside the window: the planner may read them whole).
        expect(scans.map((scan) => scan.relation)).toContain('insights_scope_weeks');
      }
    });

    it('reads a scorecard through the indexes', async () => {
      const scorecards = api.app.get(ScorecardService);
      const { statement } = await runAsTenant(large.agencyId, () =>
        scorecards.statement(actorOf(large, large.admin, Role.AGENCY_ADMIN), largeClients[0]),
      );
      expectIndexScansOnly(await plan(statement), [
        'applications_insights_client_idx',
        'follow_ups_insights_client_idx',
      ]);
    });

    it("reads a scorecard through the indexes under row-level security too (the API's role and plan)", async () => {
      const scorecards = api.app.get(ScorecardService);
      const { statement } = await runAsTenant(large.agencyId, () =>
        scorecards.statement(actorOf(large, large.admin, Role.AGENCY_ADMIN), largeClients[0]),
      );
      expectIndexScansOnly(await planUnderRowSecurity(statement, large.agencyId), [
        'applications_insights_client_idx',
        'follow_ups_insights_client_idx',
      ]);
    });
  });
});

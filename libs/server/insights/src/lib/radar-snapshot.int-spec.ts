import { SqlStatementCounter } from '@followthrough/server-core';
import { IdentityModule } from '@followthrough/server-identity';
import { PipelineModule } from '@followthrough/server-pipeline';
import { AgencyFixture, createAgencyFixture, SignedIn, sql, startTestApi, TestApi } from '@followthrough/server-testing';
import { InsightsModule } from './insights.module';

const CREATE_APPLICATION = `mutation C($input: CreateApplicationInput!) { createApplication(input: $input) { id } }`;
const LOG = `mutation L($input: LogFollowUpInput!) { logFollowUp(input: $input) { id } }`;
const UNASSIGN = `mutation U($input: AssignClientInput!) { unassignClient(input: $input) }`;
const RADAR = `query R($filter: RadarFilter, $first: Int, $after: String) {
  followUpRadar(filter: $filter, first: $first, after: $after) {
    edges { cursor node { clientUserId score reasons { code weight } headline { openApplications lastTouchAt silentApplications } } }
    pageInfo { endCursor hasNextPage } asOf } }`;

interface RadarPage {
  edges: { cursor: string; node: { clientUserId: string; score: number; headline: { lastTouchAt: string | null; silentApplications: number } } }[];
  pageInfo: { endCursor: string | null; hasNextPage: boolean };
  asOf: string;
}

async function statementsFor<T>(run: () => Promise<T>): Promise<{ result: T; statements: number }> {
  const before = SqlStatementCounter.total;
  const result = await run();
  return { result, statements: SqlStatementCounter.total - before };
}

const radarOf = async (who: SignedIn, variables: Record<string, unknown> = {}): Promise<RadarPage> =>
  (await who.client.ok(RADAR, { first: 50, ...variables }))['followUpRadar'];

async function computedAt(agencyId: string, scopeKey: string): Promise<string | null> {
  const rows = await sql<{ computed_at: Date }>(`SELECT computed_at FROM insights_radar_snapshots WHERE agency_id = $1 AND scope_key = $2`, [agencyId, scopeKey]);
  return rows[0]?.computed_at.toISOString() ?? null;
}

/**
 * The radar's snapshots (README "Radar snapshots"), with a max age long enough that only a data version
 * change or a missing snapshot makes a request recompute: reuse within the max age, immediate visibility of a
 * pipeline change, keyset pages over one snapshot, and tenant and caseload scoping of what a snapshot serves.
 */
describe('radar snapshots', () => {
  let api: TestApi;
  let agency: AgencyFixture;
  let other: AgencyFixture;
  let coach: SignedIn;
  let clients: SignedIn[];
  let oldApplication: string;

  beforeAll(async () => {
    api = await startTestApi([IdentityModule, PipelineModule, InsightsModule], { INSIGHTS_RADAR_MAX_AGE_SECONDS: '3600' });
    // One coach with seven clients (one of them, the last, without any application: score 0).
    agency = await createAgencyFixture(api.client, 'Snapshot Coaching', 1, 7);
    other = await createAgencyFixture(api.client, 'Snapshot Elsewhere', 1, 1);
    [coach] = agency.coaches;
    clients = agency.clients;
    // Each client applied on a different day in January and never followed up: different scores, and some ties.
    const applied = ['2026-01-05', '2026-01-05', '2026-01-12', '2026-01-19', '2026-01-19', '2026-01-26'];
    for (const [i, day] of applied.entries()) {
      const id = (
        await clients[i].client.ok(CREATE_APPLICATION, { input: { companyName: `Company ${i}`, title: 'Analyst', appliedAt: `${day}T08:00:00.000Z` } })
      )['createApplication'].id as string;
      if (i === 0) oldApplication = id;
    }
    await other.clients[0].client.ok(CREATE_APPLICATION, { input: { companyName: 'Elsewhere', title: 'Clerk', appliedAt: '2026-01-05T08:00:00.000Z' } });
  });

  afterAll(() => api.close());

  it('serves a second request within the max age from the snapshot: one statement, the same computed_at', async () => {
    const first = await statementsFor(() => radarOf(coach));
    const stamped = await computedAt(agency.agencyId, `coach:${coach.userId}`);
    const second = await statementsFor(() => radarOf(coach));
    expect(first.statements).toBeGreaterThan(1);
    expect(second.statements).toBe(1);
    expect(second.result).toEqual(first.result);
    expect(stamped).toBe(first.result.asOf);
    expect(await computedAt(agency.agencyId, `coach:${coach.userId}`)).toBe(stamped);
    expect(first.result.edges).toHaveLength(7);
  });

  it('shows a follow-up logged through GraphQL in the very next request', async () => {
    const before = await radarOf(coach);
    const row = (page: RadarPage) => page.edges.find((edge) => edge.node.clientUserId === clients[0].userId)?.node;
    expect(row(before)).toMatchObject({ score: 12, headline: { lastTouchAt: null, silentApplications: 1 } });
    const occurredAt = new Date(Date.now() - 60_000).toISOString();
    await clients[0].client.ok(LOG, { input: { applicationId: oldApplication, channel: 'PHONE', purpose: 'STATUS_CHECK', outcome: 'GOT_STATUS', occurredAt } });
    const after = await statementsFor(() => radarOf(coach));
    expect(after.statements).toBeGreaterThan(1); // the data version moved: recomputed
    expect(row(after.result)).toMatchObject({ score: 0, headline: { lastTouchAt: occurredAt, silentApplications: 0 } });
    expect(after.result.asOf).not.toBe(before.asOf);
  });

  it('does not see a change that bypasses the pipeline until the data version moves (the max-age bound)', async () => {
    const before = await radarOf(coach);
    const target = clients[5];
    await sql(`UPDATE applications SET stage = 'WITHDRAWN' WHERE agency_id = $1 AND client_user_id = $2`, [agency.agencyId, target.userId]);
    try {
      const stale = await radarOf(coach);
      expect(stale).toEqual(before);
      await sql(`UPDATE insights_radar_versions SET version = version + 1 WHERE agency_id = $1`, [agency.agencyId]);
      const fresh = await radarOf(coach);
      expect(fresh.edges.find((edge) => edge.node.clientUserId === target.userId)?.node.headline).toMatchObject({ openApplications: 0 });
    } finally {
      await sql(`UPDATE applications SET stage = 'APPLIED' WHERE agency_id = $1 AND client_user_id = $2`, [agency.agencyId, target.userId]);
      await sql(`UPDATE insights_radar_versions SET version = version + 1 WHERE agency_id = $1`, [agency.agencyId]);
    }
  });

  it('pages one snapshot by keyset with no gap and no repeat', async () => {
    const whole = await radarOf(agency.admin);
    const ranked = whole.edges.map((edge) => edge.node.clientUserId);
    expect([...ranked].sort()).toEqual(clients.map((client) => client.userId).sort());
    const seen: string[] = [];
    let after: string | null = null;
    for (;;) {
      const { result: page, statements }: { result: RadarPage; statements: number } = await statementsFor(() => radarOf(agency.admin, { first: 2, after }));
      expect(statements).toBe(1);
      expect(page.asOf).toBe(whole.asOf);
      seen.push(...page.edges.map((edge) => edge.node.clientUserId));
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(seen).toEqual(ranked);
    const scores = whole.edges.map((edge) => edge.node.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
  });

  it("never serves a snapshot to another agency: its admin filtering on this coach and its coach see none of it", async () => {
    await radarOf(agency.admin, { filter: { coachUserId: coach.userId } });
    const foreignFiltered = await radarOf(other.admin, { filter: { coachUserId: coach.userId } });
    expect(foreignFiltered.edges).toEqual([]);
    const foreignCoach = await radarOf(other.coaches[0]);
    expect(foreignCoach.edges.map((edge) => edge.node.clientUserId)).toEqual([other.clients[0].userId]);
    const foreignAdmin = await radarOf(other.admin);
    expect(foreignAdmin.edges.map((edge) => edge.node.clientUserId)).toEqual([other.clients[0].userId]);
    const [foreignRows] = await sql<{ count: string }>(`SELECT count(*) FROM insights_radar_rows WHERE agency_id = $1 AND scope_key = $2`, [
      other.agencyId,
      `coach:${coach.userId}`,
    ]);
    expect(Number(foreignRows.count)).toBe(0);
  });

  it('drops a client the coach no longer has at once, from the same snapshot', async () => {
    const before = await radarOf(coach);
    const leaving = clients[6];
    expect(before.edges.map((edge) => edge.node.clientUserId)).toContain(leaving.userId);
    await agency.admin.client.ok(UNASSIGN, { input: { coachUserId: coach.userId, clientUserId: leaving.userId } });
    const after = await statementsFor(() => radarOf(coach));
    expect(after.statements).toBe(1);
    expect(after.result.asOf).toBe(before.asOf);
    expect(after.result.edges.map((edge) => edge.node.clientUserId)).toEqual(before.edges.map((edge) => edge.node.clientUserId).filter((id) => id !== leaving.userId));
  });
});

import { INestApplicationContext } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { Client } from 'pg';
import { CoreModule, runAsTenant } from '@followthrough/server-core';
import { IdentityModule } from '@followthrough/server-identity';
import { PipelineModule } from '@followthrough/server-pipeline';
import { PlaybooksModule } from '@followthrough/server-playbooks';
import { VentsModule } from '@followthrough/server-vents';
import {
  AgencyFixture,
  createAgencyFixture,
  createIsolatedDatabase,
  eventually,
  IsolatedDatabase,
  startTestApi,
  TestApi,
} from '@followthrough/server-testing';
import { InsightsRefreshSchedule, InsightsWorkerModule } from './insights-worker.module';
import { InsightsModule } from './insights.module';
import { ClientRollups } from './services/client-rollups.service';
import { RadarService } from './services/radar.service';

const CREATE_APPLICATION = `mutation C($input: CreateApplicationInput!) { createApplication(input: $input) { id } }`;
const LOG = `mutation L($input: LogFollowUpInput!) { logFollowUp(input: $input) { id } }`;
const CREATE_VENT = `mutation V($input: CreateVentInput!) { createVent(input: $input) { id } }`;
const SHARE_VENT = `mutation S($input: SetVentSharingInput!) { setVentSharing(input: $input) { id } }`;
const CONVERT = `mutation C($input: ConvertVentToActionsInput!) { convertVentToActions(input: $input) { id } }`;
const DASHBOARD = `{ agencyDashboard { coaches { stepsDue stepsDoneOnTime } } }`;
const RADAR = `query R { followUpRadar(first: 50) { edges { node { clientUserId score reasons { code weight }
  headline { openApplications overdueSteps lastTouchAt unactionedSharedVents followUpCoverage beyondEmailShare } } } } }`;

interface RadarNode {
  clientUserId: string;
  score: number;
  reasons: { code: string; weight: number }[];
  headline: {
    openApplications: number;
    overdueSteps: number;
    lastTouchAt: string | null;
    unactionedSharedVents: number;
    followUpCoverage: number | null;
  };
}

/**
 * The read model as writers and time change it: a write shows in the radar in the same transaction that made
 * it, one client's row at a time (no per-agency row), and what time alone changes is advanced by the worker's
 * scheduled pass. Its own database, since the worker's pass covers every agency of its database.
 */
describe('insights client rollups', () => {
  let database: IsolatedDatabase;
  let api: TestApi;
  let agency: AgencyFixture;
  let db: Client;

  beforeAll(async () => {
    database = await createIsolatedDatabase('rollups');
    api = await startTestApi([IdentityModule, PipelineModule, PlaybooksModule, VentsModule, InsightsModule], {
      DATABASE_URL: database.url,
    });
    agency = await createAgencyFixture(api.client, 'Rollup Coaching', 1, 2);
    db = new Client({ connectionString: database.ownerUrl });
    await db.connect();
  }, 120_000);

  afterAll(async () => {
    await db?.end();
    await api?.close();
    await database?.dispose();
  });

  const coach = () => agency.coaches[0].client;
  async function radarRow(clientUserId: string): Promise<RadarNode> {
    const edges: { node: RadarNode }[] = (await coach().ok(RADAR))['followUpRadar'].edges;
    const row = edges.find((edge) => edge.node.clientUserId === clientUserId)?.node;
    if (!row) throw new Error(`client ${clientUserId} is not on the radar`);
    return row;
  }
  /** What the ranking statement says for every client of the agency right now, computed live. */
  async function liveScores(): Promise<Record<string, number>> {
    const actor = {
      userId: agency.admin.userId,
      agencyId: agency.agencyId,
      membershipId: 'n/a',
      role: 'AGENCY_ADMIN' as never,
    };
    // Called directly, as a request bound to the admin's agency would.
    const { statement } = await runAsTenant(agency.agencyId, () =>
      api.app.get(RadarService).statement(actor, {}, null, null),
    );
    const rows = (await db.query(statement.text, statement.values)).rows as { client_user_id: string; score: number }[];
    return Object.fromEntries(rows.map((row) => [row.client_user_id, row.score]));
  }
  async function storedScores(): Promise<Record<string, number>> {
    const rows = (
      await db.query(`SELECT client_user_id, score FROM insights_client_rollups WHERE agency_id = $1`, [
        agency.agencyId,
      ])
    ).rows as {
      client_user_id: string;
      score: number;
    }[];
    return Object.fromEntries(rows.map((row) => [row.client_user_id, row.score]));
  }

  it('shows a pipeline write at once, as the live ranking computes it, with no worker running', async () => {
    const [first] = agency.clients;
    const before = await radarRow(first.userId);
    expect(before.headline).toMatchObject({ openApplications: 0, lastTouchAt: null });

    const applicationId = (
      await first.client.ok(CREATE_APPLICATION, {
        input: { companyName: 'Rollup Ltd', title: 'Analyst', appliedAt: '2026-01-05T09:00:00.000Z' },
      })
    )['createApplication'].id;
    await first.client.ok(LOG, {
      input: {
        applicationId,
        channel: 'PHONE',
        purpose: 'STATUS_CHECK',
        outcome: 'NO_ANSWER',
        occurredAt: '2026-01-07T09:00:00.000Z',
      },
    });

    const after = await radarRow(first.userId);
    expect(after.headline).toMatchObject({
      openApplications: 1,
      lastTouchAt: '2026-01-07T09:00:00.000Z',
      followUpCoverage: 1,
    });
    // The steps planned for January are long overdue: counted in the same transaction as the writes.
    expect(after.headline.overdueSteps).toBeGreaterThan(0);
    expect(after.score).toBe(after.reasons.reduce((sum, reason) => sum + reason.weight, 0));
    expect(await storedScores()).toEqual(
      expect.objectContaining({ [first.userId]: (await liveScores())[first.userId] }),
    );
  });

  it('shows a shared vent, then its conversion to actions, at once', async () => {
    const [, second] = agency.clients;
    const ventId = (await second.client.ok(CREATE_VENT, { input: { text: 'Nobody calls me back', mood: 2 } }))[
      'createVent'
    ].id;
    expect((await radarRow(second.userId)).headline.unactionedSharedVents).toBe(0);
    await second.client.ok(SHARE_VENT, { input: { ventId, shared: true } });
    expect((await radarRow(second.userId)).headline.unactionedSharedVents).toBe(1);
    await coach().ok(CONVERT, { input: { ventId, actions: [{ title: 'Call the recruiter' }] } });
    expect((await radarRow(second.userId)).headline.unactionedSharedVents).toBe(0);
  });

  it("has no per-agency row: a writer holding one client's row does not hold up another client's writer", async () => {
    const [first, second] = agency.clients;
    const secondApp = (
      await second.client.ok(CREATE_APPLICATION, { input: { companyName: 'Parallel Ltd', title: 'Clerk' } })
    )['createApplication'].id;
    const firstApp = (
      await first.client.ok(CREATE_APPLICATION, { input: { companyName: 'Blocked Ltd', title: 'Clerk' } })
    )['createApplication'].id;
    const holder = new Client({ connectionString: database.ownerUrl });
    await holder.connect();
    try {
      await holder.query('BEGIN');
      await holder.query(
        `SELECT 1 FROM insights_client_rollups WHERE agency_id = $1 AND client_user_id = $2 FOR UPDATE`,
        [agency.agencyId, first.userId],
      );
      const started = Date.now();
      await second.client.ok(LOG, { input: { applicationId: secondApp, channel: 'EMAIL', purpose: 'STATUS_CHECK' } });
      expect(Date.now() - started).toBeLessThan(2_000);
      // The first client's writer does wait for its own row.
      let done = false;
      const blocked = first.client
        .ok(LOG, { input: { applicationId: firstApp, channel: 'EMAIL', purpose: 'STATUS_CHECK' } })
        .then(() => (done = true));
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(done).toBe(false);
      await holder.query('COMMIT');
      await blocked;
      expect(done).toBe(true);
    } finally {
      await holder.end();
    }
  });

  it("keeps no agency-wide version row: writers rewrite their clients' rows and only append dashboard deltas", async () => {
    const tables = (
      await db.query(`SELECT tablename FROM pg_tables WHERE tablename LIKE 'insights_%' ORDER BY tablename`)
    ).rows.map((row) => row.tablename);
    expect(tables).toEqual(['insights_client_rollups', 'insights_fact_deltas', 'insights_scope_weeks']);
    // The coach-week rows are the worker's alone (it folds the deltas); no worker has run yet.
    const counts = (
      await db.query(
        `SELECT (SELECT count(*) FROM insights_fact_deltas WHERE agency_id = $1)::int AS deltas,
                (SELECT count(*) FROM insights_scope_weeks WHERE agency_id = $1)::int AS weeks`,
        [agency.agencyId],
      )
    ).rows[0];
    expect(counts.deltas).toBeGreaterThan(0);
    expect(counts.weeks).toBe(0);
  });

  describe('time passing, advanced by the worker', () => {
    let worker: INestApplicationContext;

    beforeAll(async () => {
      const saved = { ...process.env };
      Object.assign(process.env, { DATABASE_URL: database.url, REDIS_URL: '', INSIGHTS_REFRESH_EVERY_MS: '200' });
      try {
        const moduleRef = await Test.createTestingModule({ imports: [CoreModule, InsightsWorkerModule] }).compile();
        moduleRef.useLogger(['error', 'warn']);
        await moduleRef.init();
        worker = moduleRef;
      } finally {
        process.env = saved;
      }
    });

    afterAll(async () => {
      await worker?.close();
    });

    it('counts a step as overdue once its due time passes, by the scheduled pass alone', async () => {
      const [, second] = agency.clients;
      const applicationId = (
        await second.client.ok(CREATE_APPLICATION, { input: { companyName: 'Soon Ltd', title: 'Buyer' } })
      )['createApplication'].id;
      const overdueBefore = (await radarRow(second.userId)).headline.overdueSteps;
      // Its first step falls due in two seconds (moved with SQL: the planner puts it days ahead); the rollup learns when.
      const dueAt = new Date(Date.now() + 2_000);
      await db.query(
        `UPDATE step_instances SET due_at = $3 WHERE id = (SELECT id FROM step_instances WHERE agency_id = $1 AND application_id = $2 AND status = 'PENDING' ORDER BY due_at LIMIT 1)`,
        [agency.agencyId, applicationId, dueAt],
      );
      await worker.get(ClientRollups).rebuild(agency.agencyId);
      const [row] = (
        await db.query(`SELECT refresh_at FROM insights_client_rollups WHERE agency_id = $1 AND client_user_id = $2`, [
          agency.agencyId,
          second.userId,
        ])
      ).rows as { refresh_at: Date }[];
      expect(row.refresh_at.getTime()).toBe(dueAt.getTime());
      expect((await radarRow(second.userId)).headline.overdueSteps).toBe(overdueBefore);

      const after = await eventually(
        'the step to count as overdue',
        () => radarRow(second.userId),
        (node) => node.headline.overdueSteps === overdueBefore + 1,
        15_000,
      );
      expect(after.reasons.map((reason) => reason.code)).toContain('OVERDUE_STEPS');
      expect(await storedScores()).toEqual(await liveScores());
    });

    it("counts a step done ahead of time as due on the dashboard at its due time, and folds the writers' deltas", async () => {
      const [first] = agency.clients;
      const applicationId = (
        await first.client.ok(CREATE_APPLICATION, { input: { companyName: 'Early Ltd', title: 'Planner' } })
      )['createApplication'].id;
      const stepsDue = async () => {
        const board = (await coach().ok(DASHBOARD))['agencyDashboard'];
        return board.coaches[0] as { stepsDue: number; stepsDoneOnTime: number };
      };
      const before = await stepsDue();
      // Its first step is done already and falls due in two seconds (set with SQL, then rebuilt as an operator would).
      const dueAt = new Date(Date.now() + 2_000);
      await db.query(
        `UPDATE step_instances SET due_at = $3, status = 'DONE', completed_at = now()
          WHERE id = (SELECT id FROM step_instances WHERE agency_id = $1 AND application_id = $2 AND status = 'PENDING' ORDER BY due_at LIMIT 1)`,
        [agency.agencyId, applicationId, dueAt],
      );
      await worker.get(ClientRollups).rebuild(agency.agencyId);
      const [row] = (
        await db.query(`SELECT refresh_at FROM insights_client_rollups WHERE agency_id = $1 AND client_user_id = $2`, [
          agency.agencyId,
          first.userId,
        ])
      ).rows as { refresh_at: Date }[];
      expect(row.refresh_at.getTime()).toBe(dueAt.getTime());
      expect(await stepsDue()).toEqual(before);

      await eventually(
        'the step to count as due and done on time',
        () => stepsDue(),
        (now) => now.stepsDue === before.stepsDue + 1 && now.stepsDoneOnTime === before.stepsDoneOnTime + 1,
        15_000,
      );
      const pending = await eventually(
        'the deltas to be folded',
        async () =>
          (
            await db.query(`SELECT count(*)::int AS n FROM insights_fact_deltas WHERE agency_id = $1`, [
              agency.agencyId,
            ])
          ).rows[0].n as number,
        (n) => n === 0,
        15_000,
      );
      expect(pending).toBe(0);
    });

    it('runs its pass on one BullMQ job scheduler', async () => {
      const queue = worker.get(InsightsRefreshSchedule, { strict: false }).passes;
      const schedulers = (await queue?.getJobSchedulers()) ?? [];
      expect(schedulers.map((scheduler) => ({ key: scheduler.key, every: Number(scheduler.every) }))).toEqual([
        { key: 'insights-rollups-refresh', every: 200 },
      ]);
    });
  });
});

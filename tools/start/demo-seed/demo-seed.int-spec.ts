import { countOf, sql, startTestApi, TestApi } from '@followthrough/server-testing';
import { AppModule } from '../../../apps/api/src/app.module';
import { DEMO_CLIENTS } from './demo-people';
import { seedDemo } from './seed-demo';

// The demo data of `npm start`, seeded through the public API twice: a living agency, and no duplicates.
describe('demo seed', () => {
  let api: TestApi;
  let agencyId: string;

  beforeAll(async () => {
    api = await startTestApi([AppModule]);
    agencyId = (await seedDemo(api.url)).agencyId;
  }, 120_000);

  afterAll(() => api.close());

  it('gives every demo client applications at several stages, with contacts', async () => {
    const perClient = await sql<{ client_user_id: string; count: string }>(
      'SELECT client_user_id, count(*) FROM applications WHERE agency_id = $1 GROUP BY client_user_id',
      [agencyId],
    );
    expect(perClient).toHaveLength(DEMO_CLIENTS.length);
    const stages = await sql<{ stage: string }>('SELECT DISTINCT stage FROM applications WHERE agency_id = $1', [
      agencyId,
    ]);
    expect(stages.map((row) => row.stage).sort()).toEqual([
      'APPLIED',
      'HIRED',
      'INTERVIEWING',
      'OFFER',
      'REJECTED',
      'SAVED',
      'SCREENING',
      'WITHDRAWN',
    ]);
    expect(await countOf('SELECT count(*) FROM contacts WHERE agency_id = $1', [agencyId])).toBeGreaterThan(5);
    expect(
      await countOf('SELECT count(*) FROM applications WHERE agency_id = $1 AND no_reachable_contact', [agencyId]),
    ).toBe(1);
  });

  it('logs follow-ups of every channel, all in the past, some by a coach on the client’s behalf', async () => {
    const channels = await sql<{ channel: string }>('SELECT DISTINCT channel FROM follow_ups WHERE agency_id = $1', [
      agencyId,
    ]);
    expect(channels.map((row) => row.channel).sort()).toEqual([
      'EMAIL',
      'IN_PERSON',
      'LINKEDIN',
      'PHONE',
      'SALES_LINE',
    ]);
    expect(
      await countOf('SELECT count(*) FROM follow_ups WHERE agency_id = $1 AND occurred_at > now()', [agencyId]),
    ).toBe(0);
    expect(
      await countOf('SELECT count(*) FROM follow_ups WHERE agency_id = $1 AND on_behalf', [agencyId]),
    ).toBeGreaterThan(0);
  });

  it('has shared and private vents in every state, and actions open, done and dropped', async () => {
    const vents = await sql<{ shared_with_coach: boolean; state: string }>(
      'SELECT DISTINCT shared_with_coach, state FROM vents WHERE agency_id = $1',
      [agencyId],
    );
    expect(new Set(vents.map((row) => row.shared_with_coach))).toEqual(new Set([true, false]));
    expect(new Set(vents.map((row) => row.state))).toEqual(new Set(['OPEN', 'ACTIONED', 'RESOLVED']));
    const statuses = await sql<{ status: string }>('SELECT DISTINCT status FROM actions WHERE agency_id = $1', [
      agencyId,
    ]);
    expect(statuses.map((row) => row.status).sort()).toEqual(['DONE', 'DROPPED', 'OPEN']);
    const sources = await sql<{ source: string }>('SELECT DISTINCT source FROM actions WHERE agency_id = $1', [
      agencyId,
    ]);
    expect(sources.map((row) => row.source).sort()).toEqual(['CLIENT', 'COACH', 'VENT']);
  });

  it('adds nothing when it runs again', async () => {
    const tables = ['applications', 'follow_ups', 'contacts', 'vents', 'actions'];
    const before = await Promise.all(
      tables.map((table) => countOf(`SELECT count(*) FROM ${table} WHERE agency_id = $1`, [agencyId])),
    );
    await seedDemo(api.url);
    const after = await Promise.all(
      tables.map((table) => countOf(`SELECT count(*) FROM ${table} WHERE agency_id = $1`, [agencyId])),
    );
    expect(after).toEqual(before);
  }, 60_000);
});

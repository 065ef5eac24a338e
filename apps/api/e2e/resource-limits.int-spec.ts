import { SqlStatementCounter } from '@followthrough/server-core';
import { createAgencyFixture, AgencyFixture, sql, startTestApi, TestApi } from '@followthrough/server-testing';
import { API_MODULES } from './all-modules';

const DEEP_APPLICATIONS = `applications(first: 200) { edges { node { id
  followUps { id contact { name } } contacts { name } stageHistory { toStage } company { name } } } }`;

async function statementsDuring(run: () => Promise<unknown>): Promise<number> {
  const before = SqlStatementCounter.total;
  await run();
  return SqlStatementCounter.total - before;
}

describe('GraphQL resource limits', () => {
  let api: TestApi;
  let agency: AgencyFixture;

  beforeAll(async () => {
    api = await startTestApi(API_MODULES, { GRAPHQL_RATE_LIMIT: '5', GRAPHQL_RATE_LIMIT_WINDOW_SECONDS: '60' });
    // Signed-out calls are counted per address, in the database every suite shares: the fixture's
    // sign-ups come from an address of their own so other suites' sign-ups do not use up its 5.
    agency = await createAgencyFixture(api.client.from('192.0.2.55'), 'Limits Agency', 1, 1);
  });

  afterAll(() => api.close());

  it('refuses a hundred aliases before any resolver runs', async () => {
    const query = `{ ${Array.from({ length: 100 }, (_, i) => `a${i}: me { user { id } }`).join(' ')} }`;
    let result: Awaited<ReturnType<typeof api.client.request>> | undefined;
    const statements = await statementsDuring(async () => {
      result = await agency.admin.client.request(query);
    });
    expect(result?.status).toBe(400);
    expect(result?.data).toBeNull();
    expect(result?.errors?.[0].extensions?.code).toBe('QUERY_TOO_COMPLEX');
    expect(result?.errors?.[0].message).toMatch(/aliases/i);
    expect(statements).toBe(0);
  });

  it('refuses a query whose cost is over the maximum, naming the cost', async () => {
    const query = `{ ${Array.from({ length: 7 }, (_, i) => `a${i}: ${DEEP_APPLICATIONS}`).join(' ')} }`;
    const error = await agency.admin.client.fails(query);
    expect(error.extensions?.code).toBe('QUERY_TOO_COMPLEX');
    expect(error.message).toMatch(/cost \d+, over the limit of 20000/);
  });

  it('accepts the same list once', async () => {
    await agency.admin.client.ok(`{ ${DEEP_APPLICATIONS} }`);
  });

  it('refuses a document over the token limit', async () => {
    const query = `{ me { ${'user { id } '.repeat(1500)} } }`;
    const error = await agency.admin.client.fails(query);
    expect(error.extensions?.code).toBe('QUERY_TOO_COMPLEX');
    expect(error.message).toMatch(/tokens/);
  });

  it('bounds nested lists: follow-ups come 50 by default, at most 100, whatever an application holds', async () => {
    const client = agency.clients[0];
    const created = await client.client.ok(
      `mutation { createApplication(input: { companyName: "Busy Corp", title: "Analyst" }) { id } }`,
    );
    const applicationId = created['createApplication'].id as string;
    await sql(
      `INSERT INTO follow_ups (agency_id, application_id, client_user_id, channel, direction, purpose, occurred_at, logged_by_user_id)
       SELECT $1, $2, $3, 'PHONE', 'OUTBOUND', 'STATUS_CHECK', now() - g * interval '1 minute', $3 FROM generate_series(1, 130) g`,
      [agency.agencyId, applicationId, client.userId],
    );
    const read = (first?: number) =>
      agency.admin.client.request(
        `query ($id: ID!) { application(id: $id) { followUps${first ? `(first: ${first})` : ''} { id } } }`,
        { id: applicationId },
      );
    expect((await read()).data?.['application'].followUps).toHaveLength(50);
    expect((await read(100)).data?.['application'].followUps).toHaveLength(100);
    const tooMany = await read(101);
    expect(tooMany.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first' });
  });

  it('counts each operation per user, across requests, and answers RATE_LIMITED with a retry delay', async () => {
    const client = agency.clients[0].client;
    for (let i = 0; i < 5; i += 1) await client.ok('{ me { user { id } } }');
    const result = await client.request('{ me { user { id } } }');
    expect(result.status).toBe(429);
    expect(result.errors?.[0].extensions?.code).toBe('RATE_LIMITED');
    expect(Number(result.errors?.[0].extensions?.['retryAfterSeconds'])).toBeGreaterThan(0);
    // Another operation of the same user, and the same operation of another user, still run.
    await client.ok('{ myNotificationPreference { mode } }');
    await agency.coaches[0].client.ok('{ me { user { id } } }');
  });

  it('does not let a fragment dodge the per-operation count', async () => {
    const client = agency.clients[0].client;
    const error = await client.fails('query { ...Mine } fragment Mine on Query { me { user { id } } }');
    expect(error.extensions?.code).toBe('RATE_LIMITED');
  });
  // Last: passport keeps one 'jwt' strategy per process, and the second API's replaces the first's.
  it('stops fields that start after the deadline with TIMEOUT', async () => {
    const hurried = await startTestApi(API_MODULES, { GRAPHQL_TIMEOUT_MS: '1' });
    try {
      const slow = `{ ${Array.from({ length: 15 }, (_, i) => `d${i}: agencyDashboard { coaches { coachUserId } }`).join(' ')} }`;
      const result = await hurried.client.as(agency.admin.token).request(slow);
      expect(result.errors?.length).toBeGreaterThan(0);
      expect(result.errors?.every((error) => error.extensions?.code === 'TIMEOUT')).toBe(true);
    } finally {
      await hurried.close();
    }
  });
});

describe('GraphQL production errors', () => {
  it('gives no "Did you mean" suggestions in production', async () => {
    const api = await startTestApi(API_MODULES, {
      NODE_ENV: 'production',
      JWT_SECRET: 'a-production-secret-of-at-least-32-characters',
    });
    try {
      const error = await api.client.fails('{ applicatons { edges { node { id } } } }');
      expect(error.extensions?.code).toBe('BAD_USER_INPUT');
      expect(error.message).not.toMatch(/Did you mean/);
      expect(error.message).not.toMatch(/applications/);
    } finally {
      await api.close();
    }
  });
});

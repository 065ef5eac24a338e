import { Client } from 'pg';
import { SqlStatementCounter } from '@followthrough/server-core';
import { AgencyFixture, createAgencyFixture, startTestApi, TestApi } from '@followthrough/server-testing';
import { IdentityModule } from './identity.module';

const MEMBER_PAGE = `query M($role: Role, $first: Int, $after: String) {
  memberPage(role: $role, first: $first, after: $after) { edges { cursor node { userId role } } pageInfo { endCursor hasNextPage } }
}`;
const CLIENT_PAGE = `query C($first: Int, $after: String) {
  myClientPage(first: $first, after: $after) { edges { cursor node { userId } } pageInfo { endCursor hasNextPage } }
}`;

describe('member lists are bounded and paged', () => {
  let api: TestApi;
  let agency: AgencyFixture;

  beforeAll(async () => {
    api = await startTestApi([IdentityModule]);
    // One coach with all five clients, so both lists have more than one page of two.
    agency = await createAgencyFixture(api.client, 'Paged Members', 1, 5);
  });

  afterAll(() => api.close());

  async function walk(
    client: TestApi['client'],
    query: string,
    field: string,
    variables: Record<string, unknown>,
  ): Promise<{ ids: string[]; pages: number }> {
    const ids: string[] = [];
    let after: string | null = null;
    let pages = 0;
    for (;;) {
      const page: {
        edges: { cursor: string; node: { userId: string } }[];
        pageInfo: { endCursor: string | null; hasNextPage: boolean };
      } = (await client.ok(query, { ...variables, after }))[field];
      pages += 1;
      ids.push(...page.edges.map((edge) => edge.node.userId));
      expect(page.pageInfo.endCursor).toBe(page.edges.at(-1)?.cursor ?? null);
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    return { ids, pages };
  }

  it('walks every member once, page by page, in the order they joined', async () => {
    const { ids, pages } = await walk(agency.admin.client, MEMBER_PAGE, 'memberPage', { first: 2 });
    const everyone = [agency.admin, ...agency.coaches, ...agency.clients].map((person) => person.userId);
    expect(ids).toEqual(everyone);
    expect(pages).toBe(4);
    const clients = await walk(agency.admin.client, MEMBER_PAGE, 'memberPage', { first: 2, role: 'CLIENT' });
    expect(clients.ids).toEqual(agency.clients.map((person) => person.userId));
  });

  it("walks a coach's clients page by page", async () => {
    const { ids, pages } = await walk(agency.coaches[0].client, CLIENT_PAGE, 'myClientPage', { first: 2 });
    expect(ids).toEqual(agency.clients.map((person) => person.userId));
    expect(pages).toBe(3);
  });

  it('refuses a page too large and a cursor it did not make', async () => {
    const large = await agency.admin.client.fails(MEMBER_PAGE, { first: 201 });
    expect(large.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first' });
    const cursor = await agency.coaches[0].client.fails(CLIENT_PAGE, { after: 'not-a-cursor' });
    expect(cursor.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
  });

  it('serves each page from an index: no sequential scan of memberships or coach assignments', async () => {
    const first = (await agency.admin.client.ok(MEMBER_PAGE, { first: 2 }))['memberPage'];
    const firstClients = (await agency.coaches[0].client.ok(CLIENT_PAGE, { first: 2 }))['myClientPage'];
    const statements = await SqlStatementCounter.record(async () => {
      await agency.admin.client.ok(MEMBER_PAGE, { first: 2, after: first.pageInfo.endCursor });
      await agency.admin.client.ok(MEMBER_PAGE, { first: 2, role: 'CLIENT' });
      await agency.coaches[0].client.ok(CLIENT_PAGE, { first: 2, after: firstClients.pageInfo.endCursor });
    });
    const pages = statements.filter((s) => /coach_assignments|ORDER BY "membership"."created_at"/.test(s.text));
    expect(pages.length).toBeGreaterThanOrEqual(3);
    const db = new Client({ connectionString: process.env['DATABASE_URL'] });
    await db.connect();
    try {
      // A tiny table is cheaper to read whole; with sequential scans priced out, only a usable index avoids one.
      await db.query('SET enable_seqscan = off');
      for (const statement of pages) {
        const plan = JSON.stringify((await db.query(`EXPLAIN (FORMAT JSON) ${statement.text}`, statement.values)).rows);
        expect({ statement: statement.text.slice(0, 80), seqScan: /"Node Type":"Seq Scan"/.test(plan) }).toEqual({
          statement: statement.text.slice(0, 80),
          seqScan: false,
        });
      }
    } finally {
      await db.end();
    }
  });

  it('bounds the plain lists too: members and myClients take first, up to the same maximum', async () => {
    const two = (await agency.admin.client.ok('{ members(first: 2) { userId } }'))['members'];
    expect(two).toHaveLength(2);
    const tooMany = await agency.admin.client.fails('{ members(first: 1000) { userId } }');
    expect(tooMany.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first' });
    expect((await agency.coaches[0].client.ok('{ myClients(first: 3) { userId } }'))['myClients']).toHaveLength(3);
  });
});

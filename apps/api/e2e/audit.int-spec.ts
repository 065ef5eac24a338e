import { AuditService } from '@followthrough/server-core';
import {
  createAgencyFixture,
  AgencyFixture,
  sql,
  startTestApi,
  TEST_PASSWORD,
  TestApi,
} from '@followthrough/server-testing';
import { API_MODULES } from './all-modules';

interface ReadRow {
  subject_user_ids: string[];
  detail: string;
}

describe('audit trail', () => {
  let api: TestApi;
  let agency: AgencyFixture;
  let clientIds: string[];

  /** The read rows a request by this person added. */
  async function readsDuring(actorUserId: string, run: () => Promise<unknown>): Promise<ReadRow[]> {
    const [{ at }] = await sql<{ at: Date }>('SELECT clock_timestamp() AS at');
    await run();
    return sql<ReadRow>(
      `SELECT subject_user_ids, detail FROM audit_events WHERE actor_user_id = $1 AND action = 'client-data.read' AND occurred_at >= $2 ORDER BY occurred_at`,
      [actorUserId, at],
    );
  }

  beforeAll(async () => {
    api = await startTestApi(API_MODULES);
    agency = await createAgencyFixture(api.client, 'Audit Agency', 1, 2);
    clientIds = agency.clients.map((client) => client.userId).sort();
    for (const client of agency.clients) {
      await client.client.ok(
        `mutation { createApplication(input: { companyName: "Audited ${client.userId.slice(0, 6)}", title: "Analyst" }) { id } }`,
      );
    }
  });

  afterAll(() => api.close());

  it('writes one row per request naming every client an unfiltered list covered', async () => {
    const coach = agency.coaches[0];
    const rows = await readsDuring(coach.userId, () =>
      coach.client.ok('{ applications(first: 200) { edges { node { id followUps { id } contacts { phone } } } } }'),
    );
    expect(rows).toHaveLength(1);
    expect([...rows[0].subject_user_ids].sort()).toEqual(clientIds);
    expect(rows[0].detail).toBe('applications.listed');
  });

  it('folds several reads of one request into that one row: actions, due steps, the radar, a scorecard', async () => {
    const coach = agency.coaches[0];
    const rows = await readsDuring(coach.userId, () =>
      coach.client.ok(
        `query ($c: ID!) {
        actions(first: 50) { edges { node { id } } }
        dueSteps(first: 50) { edges { node { id } } }
        followUpRadar(first: 50) { edges { node { clientUserId } } }
        clientScorecard(clientUserId: $c) { clientUserId }
      }`,
        { c: clientIds[0] },
      ),
    );
    expect(rows).toHaveLength(1);
    expect(rows[0].detail).toContain('clientScorecard.read');
    expect(rows[0].detail).toContain('followUpRadar.read');
    expect(rows[0].subject_user_ids).toEqual(expect.arrayContaining([clientIds[0]]));
  });

  it('audits the radar CSV and a calendar feed fetched by a coach', async () => {
    const coach = agency.coaches[0];
    const csvRows = await readsDuring(coach.userId, async () => {
      const response = await fetch(`${api.url}/export/radar.csv`, {
        headers: { authorization: `Bearer ${coach.token}` },
      });
      expect(response.status).toBe(200);
    });
    expect(csvRows).toHaveLength(1);
    expect([...csvRows[0].subject_user_ids].sort()).toEqual(clientIds);
    const url = (await coach.client.ok('query ($c: ID) { calendarFeedUrl(clientUserId: $c) }', { c: clientIds[1] }))[
      'calendarFeedUrl'
    ] as string;
    const feedRows = await readsDuring(coach.userId, async () => {
      const response = await fetch(url.replace(/^https?:\/\/[^/]+/, api.url));
      expect(response.status).toBe(200);
    });
    expect(feedRows).toEqual([{ subject_user_ids: [clientIds[1]], detail: 'calendarFeed.read' }]);
  });

  it("does not audit a client's reads of their own data", async () => {
    const client = agency.clients[0];
    expect(
      await readsDuring(client.userId, () =>
        client.client.ok('{ applications { edges { node { id } } } actions { edges { node { id } } } }'),
      ),
    ).toEqual([]);
  });

  it('pages the trail as a Relay connection like every other list (edges with cursors, pageInfo)', async () => {
    const page = await agency.admin.client.ok(
      `{ auditEvents(first: 2) { edges { cursor node { id } } pageInfo { endCursor hasNextPage } } }`,
    );
    const connection = page['auditEvents'];
    expect(connection.edges).toHaveLength(2);
    expect(connection.pageInfo).toEqual({ endCursor: connection.edges[1].cursor, hasNextPage: true });
    const next = await agency.admin.client.ok(
      `query ($a: String) { auditEvents(first: 2, after: $a) { edges { node { id } } } }`,
      { a: connection.pageInfo.endCursor },
    );
    expect(next['auditEvents'].edges.map((edge: { node: { id: string } }) => edge.node.id)).not.toContain(
      connection.edges[0].node.id,
    );
    const tooMany = await agency.admin.client.fails('{ auditEvents(first: 201) { edges { cursor } } }');
    expect(tooMany.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('lets admins page and filter the trail, and download it as CSV; coaches cannot', async () => {
    const page = await agency.admin.client.ok(
      `query ($f: AuditEventFilter) { auditEvents(filter: $f, first: 2) { nodes { id action actorUserId subjectUserIds detail occurredAt } endCursor hasNextPage } }`,
      { f: { subjectUserId: clientIds[1], action: 'client-data.read' } },
    );
    const events = page['auditEvents'];
    expect(events.nodes).toHaveLength(2);
    expect(events.nodes.every((node: { subjectUserIds: string[] }) => node.subjectUserIds.includes(clientIds[1]))).toBe(
      true,
    );
    expect(events.hasNextPage).toBe(true);
    const next = await agency.admin.client.ok(
      `query ($a: String) { auditEvents(first: 2, after: $a, filter: { subjectUserId: "${clientIds[1]}" }) { nodes { id } } }`,
      { a: events.endCursor },
    );
    expect(next['auditEvents'].nodes.map((node: { id: string }) => node.id)).not.toContain(events.nodes[0].id);
    expect((await agency.coaches[0].client.fails('{ auditEvents { nodes { id } } }')).extensions?.code).toBe(
      'FORBIDDEN',
    );

    const csv = await fetch(`${api.url}/export/audit.csv`, {
      headers: { authorization: `Bearer ${agency.admin.token}` },
    });
    expect(csv.status).toBe(200);
    const text = await csv.text();
    expect(text.split('\r\n')[0]).toBe(
      'occurred_at,actor_user_id,action,entity_type,entity_id,client_user_ids,detail,on_behalf',
    );
    expect(text).toContain('client-data.read');
    const coachCsv = await fetch(`${api.url}/export/audit.csv`, {
      headers: { authorization: `Bearer ${agency.coaches[0].token}` },
    });
    expect(coachCsv.status).toBe(403);
  });

  it('deletes events past the retention period', async () => {
    const [old] = await sql<{ id: string }>(
      `INSERT INTO audit_events (agency_id, actor_user_id, action, entity_type, occurred_at) VALUES ($1, $2, 'old.event', 'Test', now() - interval '400 days') RETURNING id`,
      [agency.agencyId, agency.admin.userId],
    );
    expect(await api.app.get(AuditService).prune(365)).toBeGreaterThanOrEqual(1);
    expect(await sql('SELECT id FROM audit_events WHERE id = $1', [old.id])).toEqual([]);
  });
});

describe('audit trail of sign-ins', () => {
  it('files a failed and a successful sign-in of a known account under its agency, with the address', async () => {
    const api = await startTestApi(API_MODULES);
    try {
      const agency = await createAgencyFixture(api.client, 'Sign-in Audit Agency', 0, 1);
      const client = agency.clients[0];
      const LOGIN = 'mutation ($i: LoginInput!) { login(input: $i) { accessToken } }';
      expect(
        (
          await api.client
            .from('10.9.8.7')
            .fails(LOGIN, { i: { email: client.email, password: 'not the password at all' } })
        ).extensions?.code,
      ).toBe('UNAUTHENTICATED');
      await api.client.from('10.9.8.7').ok(LOGIN, { i: { email: client.email, password: TEST_PASSWORD } });
      // The failure is recorded without holding the answer back: give it a moment.
      let actions: string[] = [];
      for (let tries = 0; tries < 50 && !actions.includes('auth.login.failed'); tries += 1) {
        const page = await agency.admin.client.ok(
          `query ($f: AuditEventFilter) { auditEvents(filter: $f) { nodes { action actorUserId detail } } }`,
          {
            f: { actorUserId: client.userId },
          },
        );
        actions = page['auditEvents'].nodes
          .filter((node: { detail: string }) => node.detail === 'ip 10.9.8.7')
          .map((node: { action: string }) => node.action);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      expect(actions.sort()).toEqual(['auth.login.failed', 'auth.login.succeeded']);
    } finally {
      await api.close();
    }
  });
});

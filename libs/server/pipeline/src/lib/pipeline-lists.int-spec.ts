import { IdentityModule } from '@followthrough/server-identity';
import { SqlStatementCounter } from '@followthrough/server-core';
import {
  AgencyFixture,
  ASSIGN_CLIENT,
  createAgencyFixture,
  inviteAndAccept,
  SignedIn,
  sql,
  startTestApi,
  TestApi,
} from '@followthrough/server-testing';
import { PipelineModule } from './pipeline.module';

const DEEP_LIST = `query Deep($filter: ApplicationFilter, $first: Int, $after: String) {
  applications(filter: $filter, first: $first, after: $after) {
    edges { cursor node {
      id title stage lastTouchAt
      company { id name domain }
      contacts { id name phone }
      stageHistory { fromStage toStage }
      followUps { id channel occurredAt contact { id name } }
    } }
    pageInfo { endCursor hasNextPage }
  } }`;
const IDS = `query Ids($first: Int, $after: String, $filter: ApplicationFilter) {
  applications(first: $first, after: $after, filter: $filter) { edges { node { id } } pageInfo { endCursor hasNextPage } } }`;
const CREATE = `mutation Create($input: CreateApplicationInput!) { createApplication(input: $input) { id } }`;

/**
 * A client's pipeline written straight to the database: `count` applications, each at its own
 * company with a hiring manager (with a phone), a stage-history row and two follow-ups with that contact.
 */
async function seedPipeline(agencyId: string, clientUserId: string, count: number, label: string): Promise<void> {
  await sql(
    `WITH company AS (
       INSERT INTO companies (agency_id, name, normalized_name)
       SELECT $1, $3 || ' ' || g, lower($3) || ' ' || g FROM generate_series(1, $4::int) g
       RETURNING id, name
     ), application AS (
       INSERT INTO applications (agency_id, client_user_id, company_id, title, stage, applied_at, created_by_user_id, created_at)
       SELECT $1, $2, company.id, 'Engineer at ' || company.name, 'APPLIED', now() - interval '3 days', $2,
              now() - (row_number() OVER ()) * interval '1 millisecond'
         FROM company
       RETURNING id, company_id
     ), history AS (
       INSERT INTO application_stage_changes (agency_id, application_id, to_stage, changed_by_user_id)
       SELECT $1, application.id, 'APPLIED', $2 FROM application
     ), contact AS (
       INSERT INTO contacts (agency_id, client_user_id, company_id, name, role, phone, how_found, added_by_user_id)
       SELECT $1, $2, application.company_id, 'Hiring Manager', 'HIRING_MANAGER', '+1 555 010 0000', 'SALES_LINE', $2 FROM application
       RETURNING id, company_id
     )
     INSERT INTO follow_ups (agency_id, application_id, client_user_id, contact_id, channel, direction, purpose, occurred_at, logged_by_user_id)
     SELECT $1, application.id, $2, contact.id, channel, 'OUTBOUND', 'STATUS_CHECK', now() - interval '1 day', $2
       FROM application JOIN contact ON contact.company_id = application.company_id
       CROSS JOIN (VALUES ('PHONE'), ('EMAIL')) AS channels(channel)`,
    [agencyId, clientUserId, label, count],
  );
}

async function statementsFor(run: () => Promise<unknown>): Promise<number> {
  const before = SqlStatementCounter.total;
  await run();
  return SqlStatementCounter.total - before;
}

describe('pipeline lists over HTTP', () => {
  let api: TestApi;
  let agency: AgencyFixture;
  let coach: SignedIn;

  async function newClient(name: string): Promise<SignedIn> {
    const client = await inviteAndAccept(api.client, agency.admin, 'CLIENT', name);
    await agency.admin.client.ok(ASSIGN_CLIENT, { input: { coachUserId: coach.userId, clientUserId: client.userId } });
    return client;
  }

  beforeAll(async () => {
    api = await startTestApi([IdentityModule, PipelineModule]);
    agency = await createAgencyFixture(api.client, 'Lists Agency', 1, 0);
    coach = agency.coaches[0];
  });

  afterAll(() => api.close());

  describe('SQL statements per request', () => {
    let small: SignedIn;
    let large: SignedIn;

    beforeAll(async () => {
      small = await newClient('Ten Applications');
      large = await newClient('Two Hundred Applications');
      await seedPipeline(agency.agencyId, small.userId, 10, 'Small');
      await seedPipeline(agency.agencyId, large.userId, 200, 'Large');
    });

    it('issues as many statements for 200 applications with follow-ups and contacts as for 10', async () => {
      let smallPage: { edges: { node: { followUps: { contact: unknown }[]; contacts: unknown[] } }[] } | undefined;
      let largePage: typeof smallPage;
      const forSmall = await statementsFor(
        async () => (smallPage = (await small.client.ok(DEEP_LIST, { first: 200 }))['applications']),
      );
      const forLarge = await statementsFor(
        async () => (largePage = (await large.client.ok(DEEP_LIST, { first: 200 }))['applications']),
      );
      expect(smallPage?.edges).toHaveLength(10);
      expect(largePage?.edges).toHaveLength(200);
      // Every row really carries its nested data.
      for (const edge of largePage?.edges ?? []) {
        expect(edge.node.contacts).toHaveLength(1);
        expect(edge.node.followUps).toHaveLength(2);
        expect(edge.node.followUps[0].contact).not.toBeNull();
      }
      expect(forLarge).toBe(forSmall);
      // The request's session check, then one for the page, one each for companies, contacts, stage history, follow-ups and their contacts.
      expect(forSmall).toBeLessThanOrEqual(7);
    });

    it("stays constant for a coach reading one client's list (access check and audit included)", async () => {
      const forSmall = await statementsFor(() =>
        coach.client.ok(DEEP_LIST, { first: 200, filter: { clientUserId: small.userId } }),
      );
      const forLarge = await statementsFor(() =>
        coach.client.ok(DEEP_LIST, { first: 200, filter: { clientUserId: large.userId } }),
      );
      expect(forLarge).toBe(forSmall);
    });
  });

  describe('keyset pagination', () => {
    async function pageThrough(
      who: SignedIn,
      first: number,
      between: (page: number) => Promise<void>,
    ): Promise<string[]> {
      const seen: string[] = [];
      let after: string | null = null;
      for (let page = 0; page < 100; page += 1) {
        const data: {
          applications: {
            edges: { node: { id: string } }[];
            pageInfo: { endCursor: string | null; hasNextPage: boolean };
          };
        } = await who.client.ok(IDS, { first, after });
        seen.push(...data.applications.edges.map((edge) => edge.node.id));
        if (!data.applications.pageInfo.hasNextPage) return seen;
        after = data.applications.pageInfo.endCursor;
        await between(page);
      }
      throw new Error('pagination did not end');
    }

    it('returns every application once, newest first, while new ones arrive between pages', async () => {
      const client = await newClient('Busy Paginator');
      const original: string[] = [];
      for (let i = 0; i < 25; i += 1) {
        original.push(
          (await client.client.ok(CREATE, { input: { companyName: `Paged ${i % 4}`, title: `Role ${i}` } }))[
            'createApplication'
          ].id,
        );
      }
      const added: string[] = [];
      const seen = await pageThrough(client, 10, async (page) => {
        for (let i = 0; i < 2; i += 1) {
          added.push(
            (await client.client.ok(CREATE, { input: { companyName: 'Late Arrival', title: `Late ${page}-${i}` } }))[
              'createApplication'
            ].id,
          );
        }
      });
      expect(new Set(seen).size).toBe(seen.length);
      expect(seen).toEqual([...original].reverse());
      // The ones that arrived meanwhile are at the head of a fresh first page.
      const fresh = await client.client.ok(IDS, { first: added.length });
      expect(fresh['applications'].edges.map((edge: { node: { id: string } }) => edge.node.id)).toEqual(
        [...added].reverse(),
      );
    });

    it('breaks ties on the same timestamp by id, without gaps or repeats', async () => {
      const client = await newClient('Same Millisecond');
      await sql(
        `WITH company AS (INSERT INTO companies (agency_id, name, normalized_name) VALUES ($1, 'Tie Co', 'tie co') RETURNING id)
         INSERT INTO applications (agency_id, client_user_id, company_id, title, stage, created_by_user_id, created_at)
         SELECT $1, $2, company.id, 'Tie ' || g, 'SAVED', $2, '2026-01-01T00:00:00.000Z' FROM company, generate_series(1, 30) g`,
        [agency.agencyId, client.userId],
      );
      const stored = await sql<{ id: string }>(
        'SELECT id FROM applications WHERE client_user_id = $1 ORDER BY id DESC',
        [client.userId],
      );
      const seen = await pageThrough(client, 7, async () => undefined);
      expect(seen).toEqual(stored.map((row) => row.id));
    });

    it("pages a coach's whole caseload the same way", async () => {
      const seen = await pageThrough(coach, 50, async () => undefined);
      const stored = await sql<{ count: string }>(
        `SELECT count(*) FROM applications a JOIN coach_assignments c ON c.agency_id = a.agency_id AND c.client_user_id = a.client_user_id
          WHERE c.coach_user_id = $1`,
        [coach.userId],
      );
      expect(new Set(seen).size).toBe(seen.length);
      expect(seen.length).toBe(Number(stored[0].count));
    });
  });
});

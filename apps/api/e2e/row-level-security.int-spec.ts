import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { runAsTenant } from '@followthrough/server-core';
import { AgencyFixture, createAgencyFixture, sql, startTestApi, TestApi } from '@followthrough/server-testing';
import { API_MODULES } from './all-modules';

/** Tenant tables: every table with an agency_id column, and agencies itself (its id is the tenant). */
async function tenantTables(): Promise<{ table: string; column: string }[]> {
  const rows = await sql<{ table_name: string }>(
    `SELECT c.table_name FROM information_schema.columns c
       JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
      WHERE c.table_schema = 'public' AND c.column_name = 'agency_id' AND t.table_type = 'BASE TABLE'
      ORDER BY 1`,
  );
  return [{ table: 'agencies', column: 'id' }, ...rows.map((row) => ({ table: row.table_name, column: 'agency_id' }))];
}

/** Runs `work` on a connection of the application's role (DATABASE_URL), in one transaction bound to `agencyId`. */
async function asAppRole<T>(agencyId: string | null, work: (db: Client) => Promise<T>): Promise<T> {
  const db = new Client({ connectionString: process.env['DATABASE_URL'] });
  await db.connect();
  try {
    await db.query('BEGIN');
    if (agencyId) await db.query(`SELECT set_config('app.agency_id', $1, true)`, [agencyId]);
    const result = await work(db);
    await db.query('ROLLBACK');
    return result;
  } finally {
    await db.end();
  }
}

describe('tenancy enforced by PostgreSQL (row-level security)', () => {
  let api: TestApi;
  let a: AgencyFixture;
  let b: AgencyFixture;

  beforeAll(async () => {
    api = await startTestApi(API_MODULES);
    a = await createAgencyFixture(api.client, 'Row Security A', 1, 1);
    b = await createAgencyFixture(api.client, 'Row Security B', 1, 1);
    // Agency A gets a row in as many tables as its people can write through the API.
    const client = a.clients[0].client;
    const created = await client.ok(
      `mutation ($input: CreateApplicationInput!) { createApplication(input: $input) { id } }`,
      { input: { companyName: 'Leaky Corp', recruiterEmail: 'rita@leaky.example', title: 'Analyst' } },
    );
    const applicationId = created['createApplication'].id as string;
    await client.ok(`mutation ($input: LogFollowUpInput!) { logFollowUp(input: $input) { id } }`, {
      input: { applicationId, channel: 'PHONE', purpose: 'STATUS_CHECK', outcome: 'NO_ANSWER' },
    });
    await client.ok(
      `mutation ($input: UpdateApplicationStageInput!) { updateApplicationStage(input: $input) { id } }`,
      {
        input: { applicationId, stage: 'INTERVIEWING' },
      },
    );
    const vent = await client.ok(`mutation ($input: CreateVentInput!) { createVent(input: $input) { id } }`, {
      input: { text: 'Nobody calls back, I feel stuck', mood: 2, applicationId },
    });
    await client.ok(`mutation ($input: SetVentSharingInput!) { setVentSharing(input: $input) { id } }`, {
      input: { ventId: vent['createVent'].id, shared: true },
    });
    await client.ok(`mutation ($input: CreateActionInput!) { createAction(input: $input) { id } }`, {
      input: { title: 'Call Rita', applicationId },
    });
    await client.ok(
      `mutation ($input: NotificationPreferenceInput!) { setMyNotificationPreference(input: $input) { mode } }`,
      { input: { mode: 'DAILY_DIGEST' } },
    );
    await client.ok(`mutation { regenerateCalendarFeedUrl }`);
    await a.admin.client.ok(`mutation ($input: InviteMemberInput!) { inviteMember(input: $input) { id } }`, {
      input: { email: 'later.client@example.test', role: 'CLIENT' },
    });
  }, 120_000);

  afterAll(() => api?.close());

  it("shows the application's role, bound to agency B, no row of agency A in any tenant table, even unfiltered", async () => {
    const tables = await tenantTables();
    const seen: Record<string, number> = {};
    const ofA: Record<string, number> = {};
    await asAppRole(b.agencyId, async (db) => {
      for (const { table, column } of tables) {
        // No predicate on the agency at all: only the policy stands between B and A.
        const rows = await db.query(`SELECT ${column}::text AS agency FROM ${table}`);
        seen[table] = rows.rows.filter((row) => row.agency !== b.agencyId).length;
      }
    });
    for (const { table, column } of tables) {
      const [{ count }] = await sql<{ count: number }>(
        `SELECT count(*)::int AS count FROM ${table} WHERE ${column} = $1`,
        [a.agencyId],
      );
      ofA[table] = count;
    }
    expect(seen).toEqual(Object.fromEntries(tables.map(({ table }) => [table, 0])));
    // The check means something only where A has rows: most tables, as the setup wrote them.
    const withRowsOfA = Object.keys(ofA).filter((table) => ofA[table] > 0);
    expect(withRowsOfA).toEqual(
      expect.arrayContaining([
        'agencies',
        'memberships',
        'coach_assignments',
        'invitations',
        'auth_sessions',
        'audit_events',
        'companies',
        'contacts',
        'applications',
        'application_stage_changes',
        'follow_ups',
        'vents',
        'actions',
        'notification_preferences',
        'signed_link_generations',
        'insights_client_rollups',
      ]),
    );
  });

  it('shows no tenant row at all, and accepts none, when no agency is set', async () => {
    const tables = await tenantTables();
    const seen = await asAppRole(null, async (db) => {
      const counts: Record<string, number> = {};
      for (const { table } of tables) counts[table] = (await db.query(`SELECT 1 FROM ${table}`)).rowCount ?? 0;
      return counts;
    });
    expect(seen).toEqual(Object.fromEntries(tables.map(({ table }) => [table, 0])));
    await expect(
      asAppRole(b.agencyId, (db) =>
        db.query(`INSERT INTO coach_assignments (agency_id, coach_user_id, client_user_id) VALUES ($1, $2, $3)`, [
          a.agencyId,
          a.coaches[0].userId,
          a.clients[0].userId,
        ]),
      ),
    ).rejects.toThrow(/row-level security/);
  });

  it('never lets interleaved work of two agencies on one pool see the other agency setting', async () => {
    const dataSource = api.app.get(DataSource);
    const seenBy = async (agencyId: string) =>
      runAsTenant(agencyId, async () => {
        const seen: string[] = [];
        for (let round = 0; round < 5; round += 1) {
          // Alone, in a transaction, and through a repository-style query: each one bound to its own agency.
          const [alone] = await dataSource.query(`SELECT current_setting('app.agency_id', true) AS agency`);
          seen.push(alone.agency);
          await dataSource.transaction(async (manager) => {
            const [inside] = await manager.query(`SELECT current_setting('app.agency_id', true) AS agency`);
            seen.push(inside.agency);
            await new Promise((wait) => setTimeout(wait, Math.random() * 5));
            const rows = await manager.query(`SELECT id::text FROM agencies`);
            seen.push(...rows.map((row: { id: string }) => row.id));
          });
        }
        return seen;
      });
    const work = Array.from({ length: 40 }, (_, n) => (n % 2 ? a.agencyId : b.agencyId));
    const results = await Promise.all(work.map((agencyId) => seenBy(agencyId)));
    results.forEach((seen, n) => expect(new Set(seen)).toEqual(new Set([work[n]])));
    // And nothing stays on the pooled connections once the transactions are over.
    const after = await dataSource.query(`SELECT current_setting('app.agency_id', true) AS agency`);
    expect(after[0].agency ?? '').toBe('');
  });

  it('leaves no tenant table without row-level security enabled, forced, and a policy (catalog)', async () => {
    const tables = await tenantTables();
    const rows = await sql<{ relname: string; enabled: boolean; forced: boolean; policies: number }>(
      `SELECT c.relname, c.relrowsecurity AS enabled, c.relforcerowsecurity AS forced,
              (SELECT count(*)::int FROM pg_policy p WHERE p.polrelid = c.oid) AS policies
         FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = 'public' AND c.relname = ANY($1)`,
      [tables.map(({ table }) => table)],
    );
    const lacking = rows
      .filter((row) => !row.enabled || !row.forced || row.policies === 0)
      .map((row) => row.relname)
      .sort();
    expect(rows.length).toBe(tables.length);
    expect(lacking).toEqual([]);
    // The application's role owns nothing of the application's schema and cannot skip the policies (BullMQ's
    // backend creates its per-queue job-id sequences in its own schema).
    const [role] = await sql<{ rolsuper: boolean; rolbypassrls: boolean; owned: number }>(
      `SELECT r.rolsuper, r.rolbypassrls,
              (SELECT count(*)::int FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                WHERE c.relowner = r.oid AND n.nspname = 'public') AS owned
         FROM pg_roles r WHERE r.rolname = $1`,
      [decodeURIComponent(new URL(process.env['DATABASE_URL'] as string).username)],
    );
    expect(role).toEqual({ rolsuper: false, rolbypassrls: false, owned: 0 });
  });
});

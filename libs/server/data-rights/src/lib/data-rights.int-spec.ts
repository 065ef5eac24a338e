import { randomUUID } from 'node:crypto';
import { strFromU8, unzipSync } from 'fflate';
import { IdentityModule } from '@followthrough/server-identity';
import { InsightsModule } from '@followthrough/server-insights';
import { PipelineModule } from '@followthrough/server-pipeline';
import { PlaybooksModule } from '@followthrough/server-playbooks';
import { RemindersModule } from '@followthrough/server-reminders';
import {
  ACCEPT_INVITATION,
  AgencyFixture,
  ASSIGN_CLIENT,
  countOf,
  createAgencyFixture,
  inviteAndAccept,
  LOGIN,
  invite,
  registerAgency,
  SignedIn,
  sql,
  startTestApi,
  TEST_PASSWORD,
  TestApi,
} from '@followthrough/server-testing';
import { VentsModule } from '@followthrough/server-vents';
import { DataRightsModule } from './data-rights.module';

const CREATE_APPLICATION = `mutation C($input: CreateApplicationInput!) { createApplication(input: $input) { id company { id } } }`;
const LOG = `mutation L($input: LogFollowUpInput!) { logFollowUp(input: $input) { id } }`;
const ADD_CONTACT = `mutation A($input: AddContactInput!) { addContact(input: $input) { id } }`;
const STAGE = `mutation S($input: UpdateApplicationStageInput!) { updateApplicationStage(input: $input) { id } }`;
const VENT = `mutation V($input: CreateVentInput!) { createVent(input: $input) { id } }`;
const SHARE = `mutation S($input: SetVentSharingInput!) { setVentSharing(input: $input) { id } }`;
const ACTION = `mutation A($input: CreateActionInput!) { createAction(input: $input) { id } }`;
const PREFERENCE = `mutation P($input: NotificationPreferenceInput!) { setMyNotificationPreference(input: $input) { mode } }`;
const FEED = `mutation F { regenerateCalendarFeedUrl }`;
const COACH_READS = `query R($id: ID!) { applications(filter: { clientUserId: $id }, first: 10) { edges { node { id followUps { notes } } } }
  clientScorecard(clientUserId: $id) { clientUserId } }`;
const ERASE = `mutation E($input: EraseClientInput!) { eraseClient(input: $input) { mode erasedAt } }`;
const DELETE_AGENCY = `mutation D($input: DeleteAgencyInput!) { deleteAgency(input: $input) }`;
const ME = `{ me { user { id } } }`;

/** Quotes an SQL identifier (table names come from the catalog). */
function ident(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/**
 * Every table of the database (read from information_schema, so a table added later is covered
 * without touching this test) whose rows, as text, contain any of these strings.
 */
async function tablesMentioning(needles: string[]): Promise<string[]> {
  const tables = await sql<{ table_name: string }>(
    `SELECT table_name FROM information_schema.tables
      WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY table_name`,
  );
  expect(tables.length).toBeGreaterThan(20);
  const patterns = needles.map((needle) => `%${needle.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
  const found: string[] = [];
  for (const { table_name } of tables) {
    const [row] = await sql<{ n: number }>(
      `SELECT count(*)::int AS n FROM ${ident(table_name)} t WHERE t::text ILIKE ANY($1::text[])`,
      [patterns],
    );
    if (row.n > 0) found.push(table_name);
  }
  return found;
}

/** A person's traces: their id, address and name. */
function traces(person: SignedIn, name: string): string[] {
  return [person.userId, person.email, name];
}

function uniqueName(): string {
  // Letters only, unlike any fixture's name, so a match can only be this person.
  const letters = randomUUID()
    .replace(/[^a-f]/g, '')
    .slice(0, 6);
  return `Quintessa Marlowe ${letters}`;
}

describe('data rights: download, erase a client, delete an agency', () => {
  let api: TestApi;
  let agency: AgencyFixture;

  beforeAll(async () => {
    api = await startTestApi([
      IdentityModule,
      PipelineModule,
      VentsModule,
      RemindersModule,
      PlaybooksModule,
      InsightsModule,
      DataRightsModule,
    ]);
    agency = await createAgencyFixture(api.client, 'Rights Agency', 1, 1);
  });

  afterAll(() => api.close());

  /** A client of `admin`'s agency, assigned to `coach`, with rows in every context that holds client data. */
  async function busyClient(admin: SignedIn, coach: SignedIn, agencyId: string) {
    const name = uniqueName();
    const person = await inviteAndAccept(api.client, admin, 'CLIENT', name);
    await admin.client.ok(ASSIGN_CLIENT, { input: { coachUserId: coach.userId, clientUserId: person.userId } });
    const appliedAt = new Date(Date.now() - 10 * 86_400_000).toISOString();
    const application = (
      await person.client.ok(CREATE_APPLICATION, {
        input: {
          companyName: `Erasable Works ${name.split(' ').pop()}`,
          title: 'Analyst',
          appliedAt,
          source: `referral from ${name}`,
          companyMainPhone: '+1 212 555 0142',
          recruiterEmail: 'dana.lee@erasable-works.example',
        },
      })
    )['createApplication'];
    await person.client.ok(ADD_CONTACT, {
      input: {
        companyId: application.company.id,
        name: 'Hana Manager',
        role: 'HIRING_MANAGER',
        phone: '+1 212 555 0143',
        howFound: 'JOB_POST',
      },
    });
    await person.client.ok(LOG, {
      input: {
        applicationId: application.id,
        channel: 'PHONE',
        purpose: 'STATUS_CHECK',
        outcome: 'VOICEMAIL',
        notes: `${name} left a message`,
      },
    });
    await coach.client.ok(LOG, {
      input: { applicationId: application.id, channel: 'EMAIL', purpose: 'STATUS_CHECK', notes: `sent for ${name}` },
    });
    await person.client.ok(STAGE, {
      input: { applicationId: application.id, stage: 'SCREENING', note: `${name} got a call` },
    });
    const vent = (await person.client.ok(VENT, { input: { text: `${name} is exhausted`, mood: 2 } }))['createVent'];
    await person.client.ok(SHARE, { input: { ventId: vent.id, shared: true } });
    await person.client.ok(ACTION, { input: { title: `${name} calls back`, applicationId: application.id } });
    await person.client.ok(PREFERENCE, { input: { mode: 'DAILY_DIGEST' } });
    await person.client.ok(FEED);
    await coach.client.ok(COACH_READS, { id: person.userId });
    // A refused address, as a bouncing mail server leaves it.
    await sql(
      `INSERT INTO mail_refusals (agency_id, email, response_code, reason, refused_at) VALUES ($1, $2, 550, 'no such user', now())`,
      [agencyId, person.email],
    );
    // A failed sign-in is audited under the person.
    await api.client.request(LOGIN, { input: { email: person.email, password: 'not the password at all' } });
    return { person, name, applicationId: application.id, companyId: application.company.id as string };
  }

  it('a client downloads a zip of all their data, as JSON and CSV, and nobody else’s', async () => {
    const { person, name } = await busyClient(agency.admin, agency.coaches[0], agency.agencyId);
    await agency.clients[0].client.ok(VENT, { input: { text: 'someone else entirely', mood: 3 } });

    const response = await fetch(`${api.url}/export/my-data.zip`, {
      headers: { authorization: `Bearer ${person.token}` },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('application/zip');
    expect(response.headers.get('cache-control')).toContain('no-store');
    const files = unzipSync(new Uint8Array(await response.arrayBuffer()));
    expect(Object.keys(files)).toEqual(
      expect.arrayContaining([
        'data.json',
        'csv/pipeline/applications.csv',
        'csv/pipeline/follow_ups.csv',
        'csv/vents/vents.csv',
        'csv/identity/users.csv',
      ]),
    );
    const data = JSON.parse(strFromU8(files['data.json']));
    expect(data.userId).toBe(person.userId);
    expect(data.contexts.identity.users[0]).toMatchObject({ id: person.userId, email: person.email, name });
    expect(data.contexts.vents.vents.map((v: { text: string }) => v.text)).toEqual([`${name} is exhausted`]);
    expect(data.contexts.pipeline.follow_ups).toHaveLength(2);
    expect(data.contexts.pipeline.applications[0]).toMatchObject({ company_main_phone: '+1 212 555 0142' });
    const csv = strFromU8(files['csv/pipeline/follow_ups.csv']);
    expect(csv.split('\r\n')[0]).toContain('notes');
    expect(csv).toContain(`${name} left a message`);
    expect(strFromU8(files['data.json'])).not.toContain('someone else entirely');

    // The token is required, and only a client downloads their own data this way.
    expect((await fetch(`${api.url}/export/my-data.zip`)).status).toBe(401);
    const asCoach = await fetch(`${api.url}/export/my-data.zip`, {
      headers: { authorization: `Bearer ${agency.coaches[0].token}` },
    });
    expect(asCoach.status).toBe(403);
  });

  it('an admin deletes a client: nothing of them is left in any table, others keep theirs, the audit names nobody', async () => {
    const { person, name, companyId } = await busyClient(agency.admin, agency.coaches[0], agency.agencyId);
    const before = await tablesMentioning(traces(person, name));
    // The scan sees the person wherever they are (it can fail).
    expect(before).toEqual(
      expect.arrayContaining([
        'users',
        'memberships',
        'coach_assignments',
        'auth_sessions',
        'applications',
        'follow_ups',
        'application_stage_changes',
        'vents',
        'actions',
        'cadences',
        'step_instances',
        'notification_preferences',
        'signed_link_generations',
        'mail_refusals',
        'audit_events',
      ]),
    );
    const othersApplications = await countOf('SELECT count(*) FROM applications WHERE client_user_id = $1', [
      agency.clients[0].userId,
    ]);

    // A coach may not, the person's id must be a client of this agency.
    expect(
      (await agency.coaches[0].client.fails(ERASE, { input: { clientUserId: person.userId, mode: 'DELETE' } }))
        .extensions?.code,
    ).toBe('FORBIDDEN');
    expect(
      (await agency.admin.client.fails(ERASE, { input: { clientUserId: agency.coaches[0].userId, mode: 'DELETE' } }))
        .extensions?.code,
    ).toBe('NOT_FOUND');

    const erased = (await agency.admin.client.ok(ERASE, { input: { clientUserId: person.userId, mode: 'DELETE' } }))[
      'eraseClient'
    ];
    expect(erased.mode).toBe('DELETE');
    expect(await tablesMentioning(traces(person, name))).toEqual([]);
    // The company only they applied to, named by them alone, went with them.
    expect(await countOf('SELECT count(*) FROM companies WHERE id = $1', [companyId])).toBe(0);
    expect(
      await countOf('SELECT count(*) FROM applications WHERE client_user_id = $1', [agency.clients[0].userId]),
    ).toBe(othersApplications);
    const [audit] = await sql<{ action: string; subject_user_id: string | null; entity_id: string | null }>(
      `SELECT action, subject_user_id, entity_id FROM audit_events WHERE agency_id = $1 AND actor_user_id = $2
        ORDER BY occurred_at DESC LIMIT 1`,
      [agency.agencyId, agency.admin.userId],
    );
    expect(audit).toEqual({ action: 'client.deleted', subject_user_id: null, entity_id: null });
    // Their token no longer works; erasing again finds nobody.
    expect((await person.client.fails(ME)).extensions?.code).toBe('UNAUTHENTICATED');
    expect(
      (await agency.admin.client.fails(ERASE, { input: { clientUserId: person.userId, mode: 'DELETE' } })).extensions
        ?.code,
    ).toBe('NOT_FOUND');
  });

  it('an admin anonymises a client: the bare history stays for the agency’s figures, nothing of the person does', async () => {
    const { person, name, applicationId } = await busyClient(agency.admin, agency.coaches[0], agency.agencyId);
    const touches = await countOf('SELECT count(*) FROM follow_ups WHERE application_id = $1', [applicationId]);
    expect(touches).toBe(2);

    await agency.admin.client.ok(ERASE, { input: { clientUserId: person.userId, mode: 'ANONYMISE' } });
    expect(await tablesMentioning(traces(person, name))).toEqual([]);
    const [kept] = await sql<{ client_user_id: string; stage: string; source: string | null }>(
      'SELECT client_user_id, stage, source FROM applications WHERE id = $1',
      [applicationId],
    );
    expect(kept).toMatchObject({ stage: 'SCREENING', source: null });
    expect(kept.client_user_id).not.toBe(person.userId);
    expect(await countOf('SELECT count(*) FROM users WHERE id = $1', [kept.client_user_id])).toBe(0);
    expect(
      await countOf(
        'SELECT count(*) FROM follow_ups WHERE application_id = $1 AND notes IS NULL AND client_user_id = $2',
        [applicationId, kept.client_user_id],
      ),
    ).toBe(touches);
  });

  it('erasing a client who also belongs to another agency leaves their account and that agency untouched', async () => {
    const { person, name } = await busyClient(agency.admin, agency.coaches[0], agency.agencyId);
    const other = await registerAgency(api.client, `Second Home ${randomUUID().slice(0, 8)}`);
    const invitation = await invite(api.client, other.admin, person.email, 'CLIENT');
    await api.client.ok(ACCEPT_INVITATION, { input: { token: invitation.token, name, password: TEST_PASSWORD } });

    await agency.admin.client.ok(ERASE, { input: { clientUserId: person.userId, mode: 'DELETE' } });
    // Nothing of them is left in the first agency…
    expect(
      await countOf('SELECT count(*) FROM memberships WHERE agency_id = $1 AND user_id = $2', [
        agency.agencyId,
        person.userId,
      ]),
    ).toBe(0);
    expect(await countOf('SELECT count(*) FROM applications WHERE client_user_id = $1', [person.userId])).toBe(0);
    // …while their account and their membership of the other agency stay, and they can sign in there.
    expect(await countOf('SELECT count(*) FROM users WHERE id = $1', [person.userId])).toBe(1);
    expect(
      await countOf('SELECT count(*) FROM memberships WHERE agency_id = $1 AND user_id = $2', [
        other.agencyId,
        person.userId,
      ]),
    ).toBe(1);
    const signedIn = await api.client.ok(LOGIN, { input: { email: person.email, password: TEST_PASSWORD } });
    expect(signedIn['login'].membership.agency.id).toBe(other.agencyId);
  });

  it('an admin deletes the whole agency after typing its name: nothing of it or its people is left anywhere', async () => {
    const name = `Doomed Agency ${randomUUID().slice(0, 8)}`;
    const doomed = await registerAgency(api.client, name);
    const coachName = uniqueName();
    const coach = await inviteAndAccept(api.client, doomed.admin, 'COACH', coachName);
    const { person, name: personName } = await busyClient(doomed.admin, coach, doomed.agencyId);
    const adminName = `${name} Admin`;
    const everyone = [
      doomed.agencyId,
      name,
      ...traces(doomed.admin, adminName),
      ...traces(coach, coachName),
      ...traces(person, personName),
    ];
    expect((await tablesMentioning(everyone)).length).toBeGreaterThan(10);
    const othersTables = await tablesMentioning([agency.agencyId]);

    expect((await coach.client.fails(DELETE_AGENCY, { input: { agencyName: name } })).extensions?.code).toBe(
      'FORBIDDEN',
    );
    const wrong = await doomed.admin.client.fails(DELETE_AGENCY, { input: { agencyName: 'Rights Agency' } });
    expect(wrong.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.agencyName' });

    expect((await doomed.admin.client.ok(DELETE_AGENCY, { input: { agencyName: name } }))['deleteAgency']).toBe(true);
    expect(await tablesMentioning(everyone)).toEqual([]);
    // The other agency is untouched.
    expect(await tablesMentioning([agency.agencyId])).toEqual(othersTables);
    expect((await agency.admin.client.request(ME)).errors).toBeUndefined();
  });
});

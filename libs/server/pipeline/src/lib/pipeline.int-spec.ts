import { randomUUID } from 'node:crypto';
import { Logger } from '@nestjs/common';
import { ApplicationStage } from '@followthrough/shared-domain';
import { IdentityModule } from '@followthrough/server-identity';
import {
  AgencyFixture,
  countOf,
  createAgencyFixture,
  SignedIn,
  sql,
  startTestApi,
  TestApi,
} from '@followthrough/server-testing';
import { PipelineModule } from './pipeline.module';
import { FollowUpLoggedEvent, PipelineEvents, StageChangedEvent } from './services/pipeline-events.service';

const APPLICATION_FIELDS = `id clientUserId companyId title source stage appliedAt lastTouchAt noReachableContact noReachableContactReason
  createdByUserId onBehalf company { id name domain mainPhone salesPhone }`;
const DETAIL_FIELDS = `${APPLICATION_FIELDS}
  contacts { id name role phone email howFound onBehalf addedByUserId }
  stageHistory { fromStage toStage note changedByUserId onBehalf }
  followUps { id channel direction purpose outcome occurredAt notes loggedByUserId onBehalf contact { id name } }`;

const CREATE = `mutation Create($input: CreateApplicationInput!) { createApplication(input: $input) { ${DETAIL_FIELDS} } }`;
const GET = `query Get($id: ID!) { application(id: $id) { ${DETAIL_FIELDS} } }`;
const LIST = `query List($filter: ApplicationFilter, $first: Int, $after: String) {
  applications(filter: $filter, first: $first, after: $after) { edges { cursor node { id clientUserId title stage } } pageInfo { endCursor hasNextPage } } }`;
const UPDATE_STAGE = `mutation Stage($input: UpdateApplicationStageInput!) { updateApplicationStage(input: $input) { id stage appliedAt stageHistory { fromStage toStage note onBehalf } } }`;
const LOG = `mutation Log($input: LogFollowUpInput!) { logFollowUp(input: $input) { id applicationId channel direction purpose outcome occurredAt notes loggedByUserId onBehalf contact { id name } } }`;
const ADD_CONTACT = `mutation Add($input: AddContactInput!) { addContact(input: $input) { id companyId clientUserId name role phone email howFound onBehalf } }`;
const MARK = `mutation Mark($input: MarkNoReachableContactInput!) { markNoReachableContact(input: $input) { id noReachableContact noReachableContactReason } }`;

const CHANNELS = ['EMAIL', 'PHONE', 'IN_PERSON', 'LINKEDIN', 'SALES_LINE'];

function daysAgo(days: number): string {
  return new Date(Date.now() - days * 86_400_000).toISOString();
}

describe('pipeline over HTTP', () => {
  let api: TestApi;
  let a: AgencyFixture;
  let b: AgencyFixture;
  // Client 1 and 3 belong to coach 1; client 2 to coach 2, who is "the other coach" for client 1.
  let client: SignedIn;
  let otherClient: SignedIn;
  let coach: SignedIn;
  let unassignedCoach: SignedIn;

  async function createFor(person: SignedIn, input: Record<string, unknown>) {
    return (await person.client.ok(CREATE, { input: { companyName: 'Globex', title: 'Engineer', ...input } }))[
      'createApplication'
    ];
  }

  async function applicationCount(clientUserId: string): Promise<number> {
    return countOf('SELECT count(*) FROM applications WHERE client_user_id = $1', [clientUserId]);
  }

  beforeAll(async () => {
    api = await startTestApi([IdentityModule, PipelineModule]);
    a = await createAgencyFixture(api.client, 'Pipeline Alpha', 2, 3);
    b = await createAgencyFixture(api.client, 'Pipeline Beta', 1, 1);
    [client, otherClient] = a.clients;
    [coach, unassignedCoach] = a.coaches;
  });

  afterAll(() => api.close());

  describe('createApplication', () => {
    it('records a client’s own application, applied now, in a new company', async () => {
      const created = await createFor(client, {
        companyName: 'Acme Robotics',
        title: 'Firmware Engineer',
        source: 'Job board',
      });
      expect(created).toMatchObject({
        clientUserId: client.userId,
        title: 'Firmware Engineer',
        source: 'Job board',
        stage: 'APPLIED',
        createdByUserId: client.userId,
        onBehalf: false,
        noReachableContact: false,
        company: { name: 'Acme Robotics', domain: null },
        stageHistory: [{ fromStage: null, toStage: 'APPLIED', onBehalf: false }],
        followUps: [],
        contacts: [],
      });
      expect(Math.abs(Date.parse(created.appliedAt) - Date.now())).toBeLessThan(60_000);
    });

    it('merges a company spelled with other case, spacing or legal form into the same company', async () => {
      const first = await createFor(client, { companyName: 'Initech Systems', title: 'Analyst' });
      const second = await createFor(client, { companyName: '  INITECH   systems, Inc. ', title: 'Senior Analyst' });
      const third = await createFor(otherClient, { companyName: 'initech-systems LLC', title: 'Tester' });
      expect(second.company.id).toBe(first.company.id);
      expect(third.company.id).toBe(first.company.id);
      expect(second.company.name).toBe('Initech Systems');
      expect(
        await countOf('SELECT count(*) FROM companies WHERE agency_id = $1 AND normalized_name = $2', [
          a.agencyId,
          'initech systems',
        ]),
      ).toBe(1);
    });

    it('creates one company when several clients add it at the same moment', async () => {
      const spellings = [
        'Wayne Enterprises',
        'WAYNE ENTERPRISES',
        ' wayne  enterprises ',
        'Wayne Enterprises, Inc.',
        'wayne-enterprises',
      ];
      const people = [client, otherClient, a.clients[2], client, otherClient];
      const created = await Promise.all(
        spellings.map((companyName, i) => createFor(people[i], { companyName, title: `Role ${i}` })),
      );
      expect(new Set(created.map((application) => application.company.id)).size).toBe(1);
      expect(
        await countOf(`SELECT count(*) FROM companies WHERE agency_id = $1 AND normalized_name = 'wayne enterprises'`, [
          a.agencyId,
        ]),
      ).toBe(1);
    });

    it("keeps each agency's companies apart", async () => {
      const inA = await createFor(client, { companyName: 'Shared Name Corp', title: 'A' });
      const inB = await createFor(b.clients[0], { companyName: 'Shared Name Corp', title: 'B' });
      expect(inB.company.id).not.toBe(inA.company.id);
    });

    it("takes the company's domain and a RECRUITER contact from a recruiter's e-mail", async () => {
      const created = await createFor(client, {
        companyName: 'Hooli',
        title: 'SRE',
        recruiterEmail: 'Dana.Lee@Hooli.io',
      });
      expect(created.company.domain).toBe('hooli.io');
      expect(created.contacts).toEqual([
        expect.objectContaining({
          name: 'Dana Lee',
          role: 'RECRUITER',
          email: 'dana.lee@hooli.io',
          howFound: 'EMAIL_DOMAIN',
          phone: null,
        }),
      ]);
      // Once a coach confirms it, the domain identifies the company even under another name.
      await coach.client.ok(
        `mutation C($input: ConfirmCompanyDetailsInput!) { confirmCompanyDetails(input: $input) { id } }`,
        { input: { applicationId: created.id } },
      );
      const byDomain = await createFor(client, {
        companyName: 'Hooli Holdings',
        title: 'SRE II',
        companyDomain: 'https://www.hooli.io/jobs',
      });
      expect(byDomain.company.id).toBe(created.company.id);
      // The same recruiter is one contact, not two.
      const again = await createFor(client, {
        companyName: 'Hooli',
        title: 'SRE III',
        recruiterEmail: 'dana.lee@hooli.io',
      });
      expect(again.contacts).toHaveLength(1);
    });

    it('does not take a domain from a personal mailbox', async () => {
      const created = await createFor(client, {
        companyName: 'Vandelay Industries',
        title: 'Importer',
        recruiterEmail: 'art.vandelay@gmail.com',
      });
      expect(created.company.domain).toBeNull();
      expect(created.contacts[0]).toMatchObject({ role: 'RECRUITER', email: 'art.vandelay@gmail.com' });
    });

    it('keeps a SAVED job without an applied date and accepts a past applied date', async () => {
      const saved = await createFor(client, { title: 'Maybe later', stage: 'SAVED' });
      expect(saved.appliedAt).toBeNull();
      const past = await createFor(client, { title: 'Sent last week', appliedAt: daysAgo(7) });
      expect(Date.parse(past.appliedAt)).toBeLessThan(Date.now() - 6 * 86_400_000);
    });

    it('lets an assigned coach and the admin create for a client, recorded as on behalf', async () => {
      const byCoach = await createFor(coach, { clientUserId: client.userId, title: 'Added by coach' });
      expect(byCoach).toMatchObject({ clientUserId: client.userId, createdByUserId: coach.userId, onBehalf: true });
      expect(byCoach.stageHistory[0]).toMatchObject({ onBehalf: true, changedByUserId: coach.userId });
      const byAdmin = await createFor(a.admin, { clientUserId: otherClient.userId, title: 'Added by admin' });
      expect(byAdmin).toMatchObject({ clientUserId: otherClient.userId, onBehalf: true });
      const audit = await sql<{ on_behalf: boolean; actor_user_id: string }>(
        `SELECT on_behalf, actor_user_id FROM audit_events WHERE action = 'application.created' AND entity_id = $1`,
        [byCoach.id],
      );
      expect(audit).toEqual([{ on_behalf: true, actor_user_id: coach.userId }]);
    });

    it('asks a coach which client the application is for', async () => {
      const error = await coach.client.fails(CREATE, { input: { companyName: 'Globex', title: 'No client' } });
      expect(error.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.clientUserId' });
    });

    it.each([
      ['an unassigned coach of the same agency', () => unassignedCoach, () => client.userId],
      ["another agency's admin", () => b.admin, () => client.userId],
      ["another agency's coach", () => b.coaches[0], () => client.userId],
      ['a client naming another client', () => otherClient, () => client.userId],
      ['a coach naming a client id that does not exist', () => coach, () => randomUUID()],
    ])('answers NOT_FOUND to %s and writes nothing', async (_label, who, target) => {
      const before = await applicationCount(target());
      const error = await who().client.fails(CREATE, {
        input: { companyName: 'Nope Corp', title: 'Nope', clientUserId: target() },
      });
      expect(error.extensions?.code).toBe('NOT_FOUND');
      expect(await applicationCount(target())).toBe(before);
      expect(await countOf(`SELECT count(*) FROM companies WHERE normalized_name = 'nope'`)).toBe(0);
    });

    it.each([
      ['an unknown stage', { stage: 'LOST' }, 'stage'],
      [
        'an applied date in the future',
        { appliedAt: new Date(Date.now() + 86_400_000).toISOString() },
        'input.appliedAt',
      ],
      ['an over-long title', { title: 'x'.repeat(201) }, 'input.title'],
      ['an empty company name', { companyName: '   ' }, 'input.companyName'],
      ['a company domain that is not one', { companyDomain: 'not a domain' }, 'input.companyDomain'],
      ['a recruiter e-mail that is not one', { recruiterEmail: 'dana-at-hooli' }, 'input.recruiterEmail'],
      ['a phone number that is not one', { companyMainPhone: 'call me' }, 'input.companyMainPhone'],
      ['a malformed client id', { clientUserId: 'client-1' }, 'input.clientUserId'],
    ])('refuses %s, naming the field, and writes nothing', async (_label, override, field) => {
      const before = await applicationCount(client.userId);
      const companiesBefore = await countOf('SELECT count(*) FROM companies WHERE agency_id = $1', [a.agencyId]);
      const error = await client.client.fails(CREATE, {
        input: { companyName: 'Brand New Co', title: 'Engineer', ...override },
      });
      expect(error.extensions?.code).toBe('BAD_USER_INPUT');
      expect(error.message).toContain(field);
      expect(await applicationCount(client.userId)).toBe(before);
      expect(await countOf('SELECT count(*) FROM companies WHERE agency_id = $1', [a.agencyId])).toBe(companiesBefore);
    });
  });

  describe('reading applications', () => {
    let applicationId: string;

    beforeAll(async () => {
      applicationId = (await createFor(client, { companyName: 'Readable Ltd', title: 'Read me' }))['id'];
    });

    it.each([
      ['the client', () => client],
      ['the assigned coach', () => coach],
      ['the admin', () => a.admin],
    ])('shows the application to %s', async (_label, who) => {
      const application = (await who().client.ok(GET, { id: applicationId }))['application'];
      expect(application).toMatchObject({ id: applicationId, title: 'Read me', company: { name: 'Readable Ltd' } });
    });

    it.each([
      ['an unassigned coach of the same agency', () => unassignedCoach],
      ['another client', () => otherClient],
      ["another agency's admin", () => b.admin],
      ["another agency's client", () => b.clients[0]],
    ])('answers NOT_FOUND to %s', async (_label, who) => {
      const error = await who().client.fails(GET, { id: applicationId });
      expect(error.extensions?.code).toBe('NOT_FOUND');
      expect(error.message).toBe('Application was not found.');
    });

    it('answers NOT_FOUND for an id that does not exist, exactly as for a denied one', async () => {
      const error = await client.client.fails(GET, { id: randomUUID() });
      expect(error.message).toBe('Application was not found.');
    });

    it("audits a coach's and an admin's read of a client's application, not the client's own", async () => {
      const reads = () =>
        sql<{ actor_user_id: string; on_behalf: boolean }>(
          `SELECT actor_user_id, on_behalf FROM audit_events WHERE action = 'application.read' AND entity_id = $1 ORDER BY occurred_at`,
          [applicationId],
        );
      const before = (await reads()).length;
      await client.client.ok(GET, { id: applicationId });
      await coach.client.ok(GET, { id: applicationId });
      await a.admin.client.ok(GET, { id: applicationId });
      const after = await reads();
      expect(after.slice(before).map((row) => row.actor_user_id)).toEqual([coach.userId, a.admin.userId]);
      expect(after.slice(before).every((row) => row.on_behalf)).toBe(true);
    });

    it('lists only what each role may see', async () => {
      await createFor(otherClient, { title: 'Other client job' });
      await createFor(a.clients[2], { title: 'Third client job' });
      const list = async (who: SignedIn, filter?: Record<string, unknown>) => {
        const data = await who.client.ok(LIST, { first: 200, filter });
        return (data['applications'].edges as { node: { clientUserId: string } }[]).map(
          (edge) => edge.node.clientUserId,
        );
      };
      expect(new Set(await list(client))).toEqual(new Set([client.userId]));
      expect(new Set(await list(coach))).toEqual(new Set([client.userId, a.clients[2].userId]));
      expect(new Set(await list(unassignedCoach))).toEqual(new Set([otherClient.userId]));
      expect(new Set(await list(a.admin))).toEqual(new Set(a.clients.map((c) => c.userId)));
      const agencyAClients = [a.admin, ...a.coaches, ...a.clients].map((person) => person.userId);
      expect((await list(b.admin)).filter((id) => agencyAClients.includes(id))).toEqual([]);
      expect(new Set(await list(coach, { clientUserId: a.clients[2].userId }))).toEqual(new Set([a.clients[2].userId]));
    });

    it('filters by stage', async () => {
      const data = await client.client.ok(LIST, { first: 200, filter: { stage: 'SAVED' } });
      const stages = (data['applications'].edges as { node: { stage: string } }[]).map((edge) => edge.node.stage);
      expect(stages.length).toBeGreaterThan(0);
      expect(new Set(stages)).toEqual(new Set(['SAVED']));
    });

    it("answers NOT_FOUND when a coach filters by a client who is not theirs, or by another agency's client", async () => {
      expect(
        (await unassignedCoach.client.fails(LIST, { filter: { clientUserId: client.userId } })).extensions?.code,
      ).toBe('NOT_FOUND');
      expect((await b.admin.client.fails(LIST, { filter: { clientUserId: client.userId } })).extensions?.code).toBe(
        'NOT_FOUND',
      );
    });

    it('refuses a page size outside 1–200 and a forged cursor, naming the argument', async () => {
      for (const first of [0, -1, 201]) {
        const error = await client.client.fails(LIST, { first });
        expect(error.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first' });
      }
      const error = await client.client.fails(LIST, { after: 'bm90LWEtY3Vyc29y' });
      expect(error.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
    });
  });

  describe('updateApplicationStage', () => {
    it('moves the application and keeps the history, in order, with notes and who did it', async () => {
      const created = await createFor(client, { title: 'Stage walker', stage: 'SAVED' });
      await client.client.ok(UPDATE_STAGE, { input: { applicationId: created.id, stage: 'APPLIED' } });
      await coach.client.ok(UPDATE_STAGE, {
        input: { applicationId: created.id, stage: 'SCREENING', note: 'Phone screen booked' },
      });
      const moved = (
        await client.client.ok(UPDATE_STAGE, { input: { applicationId: created.id, stage: 'INTERVIEWING' } })
      )['updateApplicationStage'];
      expect(moved.stage).toBe('INTERVIEWING');
      expect(moved.appliedAt).not.toBeNull();
      expect(moved.stageHistory).toEqual([
        { fromStage: null, toStage: 'SAVED', note: null, onBehalf: false },
        { fromStage: 'SAVED', toStage: 'APPLIED', note: null, onBehalf: false },
        { fromStage: 'APPLIED', toStage: 'SCREENING', note: 'Phone screen booked', onBehalf: true },
        { fromStage: 'SCREENING', toStage: 'INTERVIEWING', note: null, onBehalf: false },
      ]);
    });

    it('refuses a move to the stage it is already at, and an unknown stage', async () => {
      const created = await createFor(client, { title: 'Standing still' });
      const same = await client.client.fails(UPDATE_STAGE, { input: { applicationId: created.id, stage: 'APPLIED' } });
      expect(same.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.stage' });
      const unknown = await client.client.fails(UPDATE_STAGE, {
        input: { applicationId: created.id, stage: 'GHOSTED' },
      });
      expect(unknown.extensions?.code).toBe('BAD_USER_INPUT');
      expect(unknown.message).toContain('stage');
      expect(
        await countOf('SELECT count(*) FROM application_stage_changes WHERE application_id = $1', [created.id]),
      ).toBe(1);
    });

    it.each([
      ['an unassigned coach', () => unassignedCoach],
      ['another client', () => otherClient],
      ["another agency's admin", () => b.admin],
    ])('answers NOT_FOUND to %s and leaves the stage alone', async (_label, who) => {
      const created = await createFor(client, { title: 'Not yours' });
      const error = await who().client.fails(UPDATE_STAGE, { input: { applicationId: created.id, stage: 'REJECTED' } });
      expect(error.extensions?.code).toBe('NOT_FOUND');
      const [row] = await sql<{ stage: string }>('SELECT stage FROM applications WHERE id = $1', [created.id]);
      expect(row.stage).toBe('APPLIED');
    });

    it('lets the admin move any client’s application', async () => {
      const created = await createFor(otherClient, { title: 'Admin moves me' });
      const moved = (
        await a.admin.client.ok(UPDATE_STAGE, { input: { applicationId: created.id, stage: 'WITHDRAWN' } })
      )['updateApplicationStage'];
      expect(moved.stage).toBe('WITHDRAWN');
    });
  });

  describe('logFollowUp', () => {
    let application: { id: string; companyId: string };

    beforeAll(async () => {
      application = await createFor(client, {
        companyName: 'Umbrella Corp',
        title: 'Biologist',
        appliedAt: daysAgo(10),
      });
    });

    it.each(CHANNELS)('logs a %s touch, now by default', async (channel) => {
      const logged = (
        await client.client.ok(LOG, { input: { applicationId: application.id, channel, purpose: 'STATUS_CHECK' } })
      )['logFollowUp'];
      expect(logged).toMatchObject({
        channel,
        direction: 'OUTBOUND',
        purpose: 'STATUS_CHECK',
        outcome: null,
        loggedByUserId: client.userId,
        onBehalf: false,
      });
      expect(Math.abs(Date.parse(logged.occurredAt) - Date.now())).toBeLessThan(60_000);
    });

    it('shows the follow-ups newest first with their contact, and the latest touch on the application', async () => {
      const contact = (
        await client.client.ok(ADD_CONTACT, {
          input: {
            companyId: application.companyId,
            name: 'Grace Hopper',
            role: 'HIRING_MANAGER',
            phone: '+1 555 010 2030',
            howFound: 'SALES_LINE',
          },
        })
      )['addContact'];
      const when = daysAgo(2);
      await client.client.ok(LOG, {
        input: {
          applicationId: application.id,
          channel: 'PHONE',
          purpose: 'PROCESS_INFO',
          outcome: 'GOT_PROCESS_INFO',
          direction: 'OUTBOUND',
          contactId: contact.id,
          occurredAt: when,
          notes: 'Two interview rounds, decision in three weeks.',
        },
      });
      const detail = (await client.client.ok(GET, { id: application.id }))['application'];
      const dated = detail.followUps.find((f: { notes: string | null }) => f.notes?.startsWith('Two interview'));
      expect(dated).toMatchObject({
        channel: 'PHONE',
        outcome: 'GOT_PROCESS_INFO',
        contact: { id: contact.id, name: 'Grace Hopper' },
      });
      expect(Date.parse(dated.occurredAt)).toBe(Date.parse(when));
      const times = detail.followUps.map((f: { occurredAt: string }) => Date.parse(f.occurredAt));
      expect(times).toEqual([...times].sort((x, y) => y - x));
      // An older touch does not move the latest touch back.
      expect(Date.parse(detail.lastTouchAt)).toBe(times[0]);
    });

    it('records a coach’s touch as logged on behalf of the client', async () => {
      const logged = (
        await coach.client.ok(LOG, {
          input: {
            applicationId: application.id,
            channel: 'IN_PERSON',
            purpose: 'FEEDBACK_REQUEST',
            outcome: 'GOT_FEEDBACK',
          },
        })
      )['logFollowUp'];
      expect(logged).toMatchObject({ loggedByUserId: coach.userId, onBehalf: true });
      const audit = await sql<{ on_behalf: boolean; subject_user_id: string }>(
        `SELECT on_behalf, subject_user_id FROM audit_events WHERE action = 'followUp.logged' AND entity_id = $1`,
        [logged.id],
      );
      expect(audit).toEqual([{ on_behalf: true, subject_user_id: client.userId }]);
    });

    it.each([
      ['a date in the future', { occurredAt: new Date(Date.now() + 3_600_000).toISOString() }, 'input.occurredAt'],
      ['an unknown channel', { channel: 'FAX' }, 'channel'],
      ['an unknown purpose', { purpose: 'SMALL_TALK' }, 'purpose'],
      ['an unknown outcome', { outcome: 'MAYBE' }, 'outcome'],
      ['over-long notes', { notes: 'n'.repeat(2001) }, 'input.notes'],
    ])('refuses %s, naming the field, and writes nothing', async (_label, override, field) => {
      const before = await countOf('SELECT count(*) FROM follow_ups WHERE application_id = $1', [application.id]);
      const error = await client.client.fails(LOG, {
        input: { applicationId: application.id, channel: 'PHONE', purpose: 'STATUS_CHECK', ...override },
      });
      expect(error.extensions?.code).toBe('BAD_USER_INPUT');
      expect(error.message).toContain(field);
      expect(await countOf('SELECT count(*) FROM follow_ups WHERE application_id = $1', [application.id])).toBe(before);
    });

    it("answers NOT_FOUND for another client's contact and writes nothing", async () => {
      const theirs = await createFor(otherClient, {
        companyName: 'Umbrella Corp',
        title: 'Chemist',
        recruiterEmail: 'ada.wong@umbrella.example',
      });
      const before = await countOf('SELECT count(*) FROM follow_ups WHERE application_id = $1', [application.id]);
      const error = await client.client.fails(LOG, {
        input: {
          applicationId: application.id,
          channel: 'EMAIL',
          purpose: 'STATUS_CHECK',
          contactId: theirs.contacts[0].id,
        },
      });
      expect(error.extensions?.code).toBe('NOT_FOUND');
      expect(await countOf('SELECT count(*) FROM follow_ups WHERE application_id = $1', [application.id])).toBe(before);
    });

    it.each([
      ['an unassigned coach', () => unassignedCoach],
      ['another client', () => otherClient],
      ["another agency's coach", () => b.coaches[0]],
    ])('answers NOT_FOUND to %s', async (_label, who) => {
      const error = await who().client.fails(LOG, {
        input: { applicationId: application.id, channel: 'PHONE', purpose: 'STATUS_CHECK' },
      });
      expect(error.extensions?.code).toBe('NOT_FOUND');
    });
  });

  describe('addContact and markNoReachableContact', () => {
    let application: { id: string; companyId: string };

    beforeAll(async () => {
      application = await createFor(client, { companyName: 'Soylent', title: 'Food Scientist' });
    });

    it('adds a contact at a company the client applied to, and shows it on the application', async () => {
      const contact = (
        await client.client.ok(ADD_CONTACT, {
          input: {
            companyId: application.companyId,
            name: 'Sam Sales',
            role: 'SALES',
            phone: '(555) 010-4455 ext. 12',
            howFound: 'JOB_POST',
          },
        })
      )['addContact'];
      expect(contact).toMatchObject({
        clientUserId: client.userId,
        role: 'SALES',
        phone: '(555) 010-4455 ext. 12',
        onBehalf: false,
      });
      const detail = (await client.client.ok(GET, { id: application.id }))['application'];
      expect(detail.contacts.map((c: { id: string }) => c.id)).toContain(contact.id);
    });

    it('merges a contact with the same e-mail at the same company, filling in the phone', async () => {
      const input = {
        companyId: application.companyId,
        name: 'Rita Recruiter',
        role: 'RECRUITER',
        email: 'Rita@Soylent.example',
        howFound: 'LINKEDIN',
      };
      const first = (await client.client.ok(ADD_CONTACT, { input }))['addContact'];
      const second = (
        await client.client.ok(ADD_CONTACT, {
          input: { ...input, email: 'rita@soylent.example ', phone: '555 010 9999' },
        })
      )['addContact'];
      expect(second.id).toBe(first.id);
      expect(second.phone).toBe('555 010 9999');
    });

    it('lets the assigned coach add a contact for the client, on behalf', async () => {
      const contact = (
        await coach.client.ok(ADD_CONTACT, {
          input: {
            companyId: application.companyId,
            clientUserId: client.userId,
            name: 'Rhonda Reception',
            role: 'RECEPTION',
            howFound: 'RECEPTION',
          },
        })
      )['addContact'];
      expect(contact).toMatchObject({ clientUserId: client.userId, onBehalf: true });
    });

    it('answers NOT_FOUND for a company the client has not applied to, and for the unassigned coach', async () => {
      const elsewhere = await createFor(otherClient, { companyName: 'Cyberdyne', title: 'Robotics' });
      const notApplied = await client.client.fails(ADD_CONTACT, {
        input: { companyId: elsewhere.companyId, name: 'Miles Dyson', role: 'HIRING_MANAGER', howFound: 'LINKEDIN' },
      });
      expect(notApplied.extensions?.code).toBe('NOT_FOUND');
      const unassigned = await unassignedCoach.client.fails(ADD_CONTACT, {
        input: {
          companyId: application.companyId,
          clientUserId: client.userId,
          name: 'X',
          role: 'OTHER',
          howFound: 'LINKEDIN',
        },
      });
      expect(unassigned.extensions?.code).toBe('NOT_FOUND');
      expect(await countOf(`SELECT count(*) FROM contacts WHERE name IN ('Miles Dyson', 'X')`)).toBe(0);
    });

    it('refuses an unknown role or source', async () => {
      const role = await client.client.fails(ADD_CONTACT, {
        input: { companyId: application.companyId, name: 'Y', role: 'CEO', howFound: 'LINKEDIN' },
      });
      expect(role.extensions?.code).toBe('BAD_USER_INPUT');
      expect(role.message).toContain('role');
      const source = await client.client.fails(ADD_CONTACT, {
        input: { companyId: application.companyId, name: 'Y', role: 'OTHER', howFound: 'PSYCHIC' },
      });
      expect(source.message).toContain('howFound');
    });

    it('marks that nobody could be reached, with the reason', async () => {
      const marked = (
        await client.client.ok(MARK, {
          input: { applicationId: application.id, reason: 'No number anywhere; Sales would not say' },
        })
      )['markNoReachableContact'];
      expect(marked).toEqual({
        id: application.id,
        noReachableContact: true,
        noReachableContactReason: 'No number anywhere; Sales would not say',
      });
      const empty = await client.client.fails(MARK, { input: { applicationId: application.id, reason: '  ' } });
      expect(empty.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.reason' });
      const denied = await unassignedCoach.client.fails(MARK, {
        input: { applicationId: application.id, reason: 'Not mine to say' },
      });
      expect(denied.extensions?.code).toBe('NOT_FOUND');
    });
  });

  describe('PipelineEvents', () => {
    it('tells listeners about new applications, stage moves, follow-ups and unreachable contacts, with ids only', async () => {
      const events = api.app.get(PipelineEvents);
      const seen: Array<{ kind: string; event: object }> = [];
      const stops = [
        events.onStageChanged((event) => void seen.push({ kind: 'stage', event })),
        events.onFollowUpLogged((event) => void seen.push({ kind: 'followUp', event })),
        events.onNoReachableContact((event) => void seen.push({ kind: 'unreachable', event })),
      ];
      try {
        const created = await createFor(coach, { clientUserId: client.userId, title: 'Observed' });
        await client.client.ok(UPDATE_STAGE, { input: { applicationId: created.id, stage: 'SCREENING' } });
        await client.client.ok(LOG, {
          input: {
            applicationId: created.id,
            channel: 'SALES_LINE',
            purpose: 'FIND_CONTACT',
            outcome: 'GOT_CONTACT_NAME',
          },
        });
        await client.client.ok(MARK, { input: { applicationId: created.id, reason: 'first' } });
        await client.client.ok(MARK, { input: { applicationId: created.id, reason: 'second' } });
        expect(seen.map((entry) => entry.kind)).toEqual(['stage', 'stage', 'followUp', 'unreachable']);
        const base = { agencyId: a.agencyId, clientUserId: client.userId, applicationId: created.id };
        expect(seen[0].event).toMatchObject({
          ...base,
          actorUserId: coach.userId,
          fromStage: null,
          toStage: ApplicationStage.APPLIED,
        });
        expect(seen[1].event).toMatchObject({ ...base, fromStage: 'APPLIED', toStage: 'SCREENING' });
        expect(seen[2].event).toMatchObject({
          ...base,
          channel: 'SALES_LINE',
          direction: 'OUTBOUND',
          purpose: 'FIND_CONTACT',
          outcome: 'GOT_CONTACT_NAME',
        });
        expect((seen[2].event as FollowUpLoggedEvent).followUpId).toEqual(expect.any(String));
        expect(JSON.stringify(seen)).not.toContain('Observed');
      } finally {
        stops.forEach((stop) => stop());
      }
    });

    it('runs listeners inside the transaction: their writes commit with the change, and their failure undoes it', async () => {
      const events = api.app.get(PipelineEvents);
      const stop = events.onStageChanged(async (event: StageChangedEvent, manager) => {
        await manager.query(
          `INSERT INTO audit_events (agency_id, actor_user_id, action, entity_type, entity_id) VALUES ($1, $2, 'test.listener', 'Application', $3)`,
          [event.agencyId, event.actorUserId, event.applicationId],
        );
        if (event.toStage === ApplicationStage.OFFER) throw new Error('listener refuses offers');
      });
      try {
        const created = await createFor(client, { title: 'Transactional' });
        expect(
          await countOf(`SELECT count(*) FROM audit_events WHERE action = 'test.listener' AND entity_id = $1`, [
            created.id,
          ]),
        ).toBe(1);
        const quiet = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
        const error = await client.client.fails(UPDATE_STAGE, { input: { applicationId: created.id, stage: 'OFFER' } });
        quiet.mockRestore();
        expect(error.extensions?.code).toBe('INTERNAL');
        const [row] = await sql<{ stage: string }>('SELECT stage FROM applications WHERE id = $1', [created.id]);
        expect(row.stage).toBe('APPLIED');
        expect(
          await countOf('SELECT count(*) FROM application_stage_changes WHERE application_id = $1', [created.id]),
        ).toBe(1);
        expect(
          await countOf(`SELECT count(*) FROM audit_events WHERE action = 'test.listener' AND entity_id = $1`, [
            created.id,
          ]),
        ).toBe(1);
      } finally {
        stop();
      }
    });
  });
});

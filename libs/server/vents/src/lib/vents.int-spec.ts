import { randomUUID } from 'node:crypto';
import { IdentityModule } from '@followthrough/server-identity';
import { PipelineModule } from '@followthrough/server-pipeline';
import { SqlStatementCounter } from '@followthrough/server-core';
import {
  AgencyFixture,
  countOf,
  createAgencyFixture,
  SignedIn,
  sql,
  startTestApi,
  TestApi,
} from '@followthrough/server-testing';
import { VentsModule } from './vents.module';

const VENT_FIELDS =
  'id clientUserId text mood tags applicationId sharedWithCoach state application { id title companyName stage }';
const ACTION_FIELDS =
  'id clientUserId title dueOn status source ventId applicationId createdByUserId onBehalf settledAt settledByUserId application { id companyName }';

const CREATE_VENT = `mutation V($input: CreateVentInput!) { createVent(input: $input) { ${VENT_FIELDS} } }`;
const SHARE = `mutation S($input: SetVentSharingInput!) { setVentSharing(input: $input) { id sharedWithCoach } }`;
const VENT = `query V($id: ID!) { vent(id: $id) { ${VENT_FIELDS} actions { id status } } }`;
const VENTS = `query L($filter: VentFilter, $first: Int, $after: String) {
  vents(filter: $filter, first: $first, after: $after) { edges { cursor node { id text state clientUserId } } pageInfo { endCursor hasNextPage } } }`;
const SUGGEST = `query G($ventId: ID!) { suggestedActions(ventId: $ventId) { title dueOn applicationId theme reason } }`;
const CONVERT = `mutation C($input: ConvertVentToActionsInput!) { convertVentToActions(input: $input) { id state actions { ${ACTION_FIELDS} } } }`;
const CREATE_ACTION = `mutation A($input: CreateActionInput!) { createAction(input: $input) { ${ACTION_FIELDS} } }`;
const COMPLETE = `mutation D($id: ID!) { completeAction(id: $id) { ${ACTION_FIELDS} } }`;
const DROP = `mutation X($id: ID!) { dropAction(id: $id) { ${ACTION_FIELDS} } }`;
const ACTIONS = `query Q($filter: ActionFilter, $first: Int, $after: String) {
  actions(filter: $filter, first: $first, after: $after) { edges { node { id clientUserId title status application { id companyName } } } pageInfo { endCursor hasNextPage } } }`;
const STATS = `query T($filter: VentStatsFilter) { ventStats(filter: $filter) { total shared byState { state count } byMood { mood count } byTag { tag count } } }`;
const CREATE_APPLICATION = `mutation P($input: CreateApplicationInput!) { createApplication(input: $input) { id companyId } }`;
const ADD_CONTACT = `mutation K($input: AddContactInput!) { addContact(input: $input) { id } }`;
const LOG = `mutation F($input: LogFollowUpInput!) { logFollowUp(input: $input) { id } }`;

const daysAgo = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString();
const today = () => new Date().toISOString().slice(0, 10);

describe('vents and actions over HTTP', () => {
  let api: TestApi;
  let a: AgencyFixture;
  let b: AgencyFixture;
  let client: SignedIn;
  let otherClient: SignedIn;
  let coach: SignedIn;
  let unassignedCoach: SignedIn;
  const apps: Record<string, { id: string; companyId: string }> = {};

  async function vent(person: SignedIn, text: string, extra: Record<string, unknown> = {}) {
    return (await person.client.ok(CREATE_VENT, { input: { text, mood: 2, ...extra } }))['createVent'];
  }

  async function sharedVent(text: string) {
    const created = await vent(client, text);
    await client.client.ok(SHARE, { input: { ventId: created.id, shared: true } });
    return created;
  }

  async function convert(person: SignedIn, ventId: string, actions: Record<string, unknown>[]) {
    return (await person.client.ok(CONVERT, { input: { ventId, actions } }))['convertVentToActions'];
  }

  beforeAll(async () => {
    api = await startTestApi([IdentityModule, PipelineModule, VentsModule]);
    a = await createAgencyFixture(api.client, 'Vents Alpha', 2, 3);
    b = await createAgencyFixture(api.client, 'Vents Beta', 1, 1);
    [client, otherClient] = a.clients;
    [coach, unassignedCoach] = a.coaches;

    const create = async (key: string, person: SignedIn, input: Record<string, unknown>) => {
      apps[key] = (await person.client.ok(CREATE_APPLICATION, { input: { title: 'Engineer', ...input } }))[
        'createApplication'
      ];
    };
    // The client's pipeline: an old silent application with a hiring manager's phone, a silent one known
    // only through a recruiter's e-mail, a rejection, and a fresh one.
    await create('acme', client, { companyName: 'Acme Robotics', title: 'Firmware Engineer', appliedAt: daysAgo(21) });
    await client.client.ok(ADD_CONTACT, {
      input: {
        companyId: apps['acme'].companyId,
        name: 'Dana Lee',
        role: 'HIRING_MANAGER',
        phone: '+1 555 010 2030',
        howFound: 'SALES_LINE',
      },
    });
    await create('initech', client, {
      companyName: 'Initech',
      title: 'Data Analyst',
      appliedAt: daysAgo(14),
      recruiterEmail: 'jobs@initech.example',
    });
    await create('globex', client, {
      companyName: 'Globex',
      title: 'Platform Engineer',
      appliedAt: daysAgo(30),
      stage: 'REJECTED',
    });
    await create('hooli', client, { companyName: 'Hooli', title: 'SRE', appliedAt: daysAgo(1) });
    await create('theirs', otherClient, { companyName: 'Umbrella', title: 'Chemist' });
    await create('agencyB', b.clients[0], { companyName: 'Elsewhere', title: 'Job' });
  });

  afterAll(() => api.close());

  describe('createVent', () => {
    it('keeps a new vent private, open, with the themes it detects', async () => {
      const created = await vent(
        client,
        "I never hear back after applying, and there's no phone number on any posting.",
        {
          mood: 1,
          applicationId: apps['initech'].id,
        },
      );
      expect(created).toMatchObject({
        clientUserId: client.userId,
        mood: 1,
        sharedWithCoach: false,
        state: 'OPEN',
        tags: ['no-response', 'no-phone'],
        application: { id: apps['initech'].id, title: 'Data Analyst', companyName: 'Initech', stage: 'APPLIED' },
      });
    });

    it('accepts 5,000 characters and refuses 5,001, naming the field and writing nothing', async () => {
      const ok = await vent(client, 'a'.repeat(5000));
      expect(ok.text).toHaveLength(5000);
      const before = await countOf('SELECT count(*) FROM vents WHERE client_user_id = $1', [client.userId]);
      const error = await client.client.fails(CREATE_VENT, { input: { text: 'a'.repeat(5001), mood: 3 } });
      expect(error.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.text' });
      expect(error.message).toContain('5000');
      expect(await countOf('SELECT count(*) FROM vents WHERE client_user_id = $1', [client.userId])).toBe(before);
    });

    it.each([
      ['an empty text', { text: '   ' }, 'input.text'],
      ['a mood of 0', { mood: 0 }, 'input.mood'],
      ['a mood of 6', { mood: 6 }, 'input.mood'],
      ['a mood that is not a number', { mood: 'awful' }, 'mood'],
      ['a malformed application id', { applicationId: 'acme' }, 'input.applicationId'],
    ])('refuses %s', async (_label, override, field) => {
      const error = await client.client.fails(CREATE_VENT, { input: { text: 'Bad day.', mood: 3, ...override } });
      expect(error.extensions?.code).toBe('BAD_USER_INPUT');
      expect(error.message).toContain(field);
    });

    it.each([
      ["another client's application", () => apps['theirs'].id],
      ["another agency's application", () => apps['agencyB'].id],
      ['an application that does not exist', () => randomUUID()],
    ])('answers NOT_FOUND for %s and writes nothing', async (_label, applicationId) => {
      const before = await countOf('SELECT count(*) FROM vents WHERE client_user_id = $1', [client.userId]);
      const error = await client.client.fails(CREATE_VENT, {
        input: { text: 'About that one', mood: 2, applicationId: applicationId() },
      });
      expect(error.extensions?.code).toBe('NOT_FOUND');
      expect(await countOf('SELECT count(*) FROM vents WHERE client_user_id = $1', [client.userId])).toBe(before);
    });

    it('is for clients only', async () => {
      for (const who of [coach, a.admin]) {
        expect(
          (await who.client.fails(CREATE_VENT, { input: { text: 'Venting for you', mood: 2 } })).extensions?.code,
        ).toBe('FORBIDDEN');
      }
    });
  });

  describe('vent privacy', () => {
    const SECRET = 'Private: I am thinking of quitting the search altogether.';
    let privateVent: { id: string };

    beforeAll(async () => {
      privateVent = await vent(client, SECRET, { mood: 1 });
    });

    it('shows a private vent to its client only', async () => {
      expect((await client.client.ok(VENT, { id: privateVent.id }))['vent'].text).toBe(SECRET);
      for (const who of [coach, unassignedCoach, otherClient, b.coaches[0], b.clients[0]]) {
        expect((await who.client.fails(VENT, { id: privateVent.id })).extensions?.code).toBe('NOT_FOUND');
        expect((await who.client.fails(SUGGEST, { ventId: privateVent.id })).extensions?.code).toBe('NOT_FOUND');
      }
      const coachList = (await coach.client.ok(VENTS, { first: 200 }))['vents'].edges.map(
        (edge: { node: { id: string } }) => edge.node.id,
      );
      expect(coachList).not.toContain(privateVent.id);
      const error = await coach.client.fails(CONVERT, {
        input: { ventId: privateVent.id, actions: [{ title: 'Sneaky' }] },
      });
      expect(error.extensions?.code).toBe('NOT_FOUND');
      expect(await countOf('SELECT count(*) FROM actions WHERE vent_id = $1', [privateVent.id])).toBe(0);
    });

    it('shows a shared vent to the assigned coach, auditing the read, and never to the unassigned coach', async () => {
      const shared = await sharedVent('Shared: recruiters ghost me after every screening call.');
      const seen = (await coach.client.ok(VENT, { id: shared.id }))['vent'];
      expect(seen).toMatchObject({
        text: 'Shared: recruiters ghost me after every screening call.',
        sharedWithCoach: true,
      });
      const audit = await sql<{ actor_user_id: string; on_behalf: boolean }>(
        `SELECT actor_user_id, on_behalf FROM audit_events WHERE action = 'vent.read' AND entity_id = $1`,
        [shared.id],
      );
      expect(audit).toEqual([{ actor_user_id: coach.userId, on_behalf: true }]);
      const list = (await coach.client.ok(VENTS, { first: 200, filter: { clientUserId: client.userId } }))['vents']
        .edges;
      expect(list.map((edge: { node: { id: string } }) => edge.node.id)).toContain(shared.id);
      expect(list.every((edge: { node: { text: string } }) => edge.node.text !== SECRET)).toBe(true);

      expect((await unassignedCoach.client.fails(VENT, { id: shared.id })).extensions?.code).toBe('NOT_FOUND');
      expect((await unassignedCoach.client.ok(VENTS, { first: 200 }))['vents'].edges).toEqual([]);
      expect(
        (await unassignedCoach.client.fails(VENTS, { filter: { clientUserId: client.userId } })).extensions?.code,
      ).toBe('NOT_FOUND');
      expect((await b.coaches[0].client.fails(VENT, { id: shared.id })).extensions?.code).toBe('NOT_FOUND');
    });

    it('hides a vent again once the client takes the sharing back', async () => {
      const shared = await sharedVent('Shared, then regretted.');
      await coach.client.ok(VENT, { id: shared.id });
      await client.client.ok(SHARE, { input: { ventId: shared.id, shared: false } });
      expect((await coach.client.fails(VENT, { id: shared.id })).extensions?.code).toBe('NOT_FOUND');
    });

    it('lets only the client change the sharing', async () => {
      const shared = await sharedVent('Only I decide.');
      expect((await coach.client.fails(SHARE, { input: { ventId: shared.id, shared: false } })).extensions?.code).toBe(
        'FORBIDDEN',
      );
      expect(
        (await otherClient.client.fails(SHARE, { input: { ventId: privateVent.id, shared: true } })).extensions?.code,
      ).toBe('NOT_FOUND');
      const [row] = await sql<{ shared_with_coach: boolean }>('SELECT shared_with_coach FROM vents WHERE id = $1', [
        privateVent.id,
      ]);
      expect(row.shared_with_coach).toBe(false);
    });

    it('gives an admin counts only, never a vent', async () => {
      expect((await a.admin.client.fails(VENTS)).extensions?.code).toBe('FORBIDDEN');
      expect((await a.admin.client.fails(VENT, { id: privateVent.id })).extensions?.code).toBe('FORBIDDEN');
      expect((await a.admin.client.fails(SUGGEST, { ventId: privateVent.id })).extensions?.code).toBe('FORBIDDEN');

      const stats = (await a.admin.client.ok(STATS))['ventStats'];
      const shared = await countOf('SELECT count(*) FROM vents WHERE agency_id = $1 AND shared_with_coach', [
        a.agencyId,
      ]);
      expect(stats.total).toBe(shared);
      expect(stats.shared).toBe(shared);
      expect(stats.byState.map((row: { state: string }) => row.state)).toEqual(['OPEN', 'ACTIONED', 'RESOLVED']);
      expect(stats.byMood.reduce((sum: number, row: { count: number }) => sum + row.count, 0)).toBe(shared);
      expect(JSON.stringify(stats)).not.toContain('quitting');
    });

    it('counts shared vents only, so that a private vent never shows in any figure', async () => {
      const quiet = b.clients[0];
      const before = (await b.admin.client.ok(STATS, { filter: { clientUserId: quiet.userId } }))['ventStats'];
      const agencyBefore = (await b.admin.client.ok(STATS))['ventStats'];
      const created = await vent(quiet, 'I am burnt out and exhausted by this search.', { mood: 1 });
      expect(created.tags).toContain('burnout');
      expect((await b.admin.client.ok(STATS, { filter: { clientUserId: quiet.userId } }))['ventStats']).toEqual(before);
      expect((await b.admin.client.ok(STATS))['ventStats']).toEqual(agencyBefore);
    });

    it('keeps agencies apart in the counts, and is for admins only', async () => {
      const statsB = (await b.admin.client.ok(STATS))['ventStats'];
      expect(statsB.total).toBe(0);
      expect((await b.admin.client.fails(STATS, { filter: { clientUserId: client.userId } })).extensions?.code).toBe(
        'NOT_FOUND',
      );
      expect((await coach.client.fails(STATS)).extensions?.code).toBe('FORBIDDEN');
      expect((await client.client.fails(STATS)).extensions?.code).toBe('FORBIDDEN');
    });
  });

  describe('suggestedActions', () => {
    it('turns "never hear back" into calls about the oldest silent applications, naming them and whom to call', async () => {
      const created = await vent(client, 'I apply and apply and never hear back. Nobody tells me anything.');
      const drafts = (await client.client.ok(SUGGEST, { ventId: created.id }))['suggestedActions'];
      expect(drafts.map((draft: { applicationId: string }) => draft.applicationId)).toEqual([
        apps['acme'].id,
        apps['initech'].id,
      ]);
      expect(drafts[0].title).toMatch(
        /^Call Dana Lee \(hiring manager\) at Acme Robotics about your Firmware Engineer application/,
      );
      // Initech: no one with a phone yet, but the recruiter's e-mail gave the domain.
      expect(drafts[1].title).toMatch(/initech\.example.*ask Sales who recruits for the Data Analyst role/);
      expect(drafts[0].dueOn >= today()).toBe(true);
      expect(drafts.every((draft: { theme: string }) => draft.theme === 'no-response')).toBe(true);
    });

    it('turns a rejection into a request for feedback about the rejected application', async () => {
      const created = await vent(client, 'Got rejected by Globex today. Again.');
      const drafts = (await client.client.ok(SUGGEST, { ventId: created.id }))['suggestedActions'];
      expect(drafts[0]).toMatchObject({ applicationId: apps['globex'].id, theme: 'rejection' });
      expect(drafts[0].title).toContain('ask for feedback on your Platform Engineer application');
    });

    it('keeps every draft of a vent about one application on that application, even when others are more pressing', async () => {
      // Hooli is a day old, so not yet "silent"; Acme and Initech are, yet the vent is about Hooli.
      const created = await vent(client, 'I never hear back about the SRE job at Hooli. I cannot face another call.', {
        applicationId: apps['hooli'].id,
      });
      const drafts = (await client.client.ok(SUGGEST, { ventId: created.id }))['suggestedActions'];
      expect(drafts.length).toBeGreaterThan(0);
      for (const draft of drafts) {
        expect(draft.applicationId).toBe(apps['hooli'].id);
        expect(draft.title).not.toMatch(/Acme|Initech|Globex/);
      }
      expect(drafts[0].title).toContain('Hooli');

      // A draft sent back without an application is filed under the vent's application.
      const converted = await convert(client, created.id, [{ title: drafts[0].title }, { title: 'Breathe' }]);
      expect(converted.actions.map((action: { applicationId: string }) => action.applicationId)).toEqual([
        apps['hooli'].id,
        apps['hooli'].id,
      ]);
    });

    it('gives the assigned coach the same drafts for a shared vent', async () => {
      const shared = await sharedVent('There is no phone number anywhere, I cannot find who to call.');
      const forClient = (await client.client.ok(SUGGEST, { ventId: shared.id }))['suggestedActions'];
      const forCoach = (await coach.client.ok(SUGGEST, { ventId: shared.id }))['suggestedActions'];
      expect(forCoach).toEqual(forClient);
      expect(forCoach[0].theme).toBe('no-phone');
      expect(forCoach.map((draft: { applicationId: string }) => draft.applicationId)).not.toContain(apps['acme'].id);
    });
  });

  describe('convertVentToActions and the vent state machine', () => {
    it('goes OPEN → ACTIONED on conversion and RESOLVED once every action is settled and one is done', async () => {
      const created = await vent(client, 'Nobody calls back.');
      expect(created.state).toBe('OPEN');
      const converted = await convert(client, created.id, [
        { title: 'Call Dana Lee at Acme', dueOn: today(), applicationId: apps['acme'].id },
        { title: 'Visit Initech reception' },
      ]);
      expect(converted.state).toBe('ACTIONED');
      expect(converted.actions).toHaveLength(2);
      expect(converted.actions[0]).toMatchObject({
        status: 'OPEN',
        source: 'VENT',
        ventId: created.id,
        dueOn: today(),
        onBehalf: false,
        application: { id: apps['acme'].id, companyName: 'Acme Robotics' },
      });
      const [first, second] = converted.actions;

      const done = (await client.client.ok(COMPLETE, { id: first.id }))['completeAction'];
      expect(done).toMatchObject({ status: 'DONE', settledByUserId: client.userId });
      expect((await client.client.ok(VENT, { id: created.id }))['vent'].state).toBe('ACTIONED');
      await client.client.ok(DROP, { id: second.id });
      expect((await client.client.ok(VENT, { id: created.id }))['vent'].state).toBe('RESOLVED');

      // A new action reopens the work: back to ACTIONED.
      const again = await convert(client, created.id, [{ title: 'One more call' }]);
      expect(again.state).toBe('ACTIONED');
      expect(again.actions).toHaveLength(3);
    });

    it('stays ACTIONED when every action was dropped and none done', async () => {
      const created = await vent(client, 'Meh.');
      const converted = await convert(client, created.id, [{ title: 'Maybe call' }, { title: 'Maybe visit' }]);
      for (const action of converted.actions) await client.client.ok(DROP, { id: action.id });
      expect((await client.client.ok(VENT, { id: created.id }))['vent'].state).toBe('ACTIONED');
    });

    it('refuses to settle an action twice', async () => {
      const created = await vent(client, 'Once is enough.');
      const [action] = (await convert(client, created.id, [{ title: 'Single step' }])).actions;
      await client.client.ok(COMPLETE, { id: action.id });
      const error = await client.client.fails(DROP, { id: action.id });
      expect(error.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'id' });
      expect(error.message).toContain('already DONE');
      expect((await client.client.ok(VENT, { id: created.id }))['vent'].state).toBe('RESOLVED');
    });

    it("lets the assigned coach convert a shared vent, on the client's behalf", async () => {
      const shared = await sharedVent('I hate cold calling.');
      const converted = await convert(coach, shared.id, [
        { title: 'Practise the Acme call script together', applicationId: apps['acme'].id },
      ]);
      expect(converted.state).toBe('ACTIONED');
      expect(converted.actions[0]).toMatchObject({
        clientUserId: client.userId,
        createdByUserId: coach.userId,
        onBehalf: true,
        source: 'VENT',
      });
      const done = (await coach.client.ok(COMPLETE, { id: converted.actions[0].id }))['completeAction'];
      expect(done).toMatchObject({ status: 'DONE', settledByUserId: coach.userId });
      expect((await client.client.ok(VENT, { id: shared.id }))['vent'].state).toBe('RESOLVED');
    });

    it("writes nothing when one draft names another client's application", async () => {
      const created = await vent(client, 'All or nothing.');
      const error = await client.client.fails(CONVERT, {
        input: {
          ventId: created.id,
          actions: [{ title: 'Fine' }, { title: 'Not mine', applicationId: apps['theirs'].id }],
        },
      });
      expect(error.extensions?.code).toBe('NOT_FOUND');
      expect(await countOf('SELECT count(*) FROM actions WHERE vent_id = $1', [created.id])).toBe(0);
      expect((await client.client.ok(VENT, { id: created.id }))['vent'].state).toBe('OPEN');
    });

    it.each([
      ['no actions', [], 'input.actions'],
      ['an empty title', [{ title: ' ' }], 'input.actions.0.title'],
      ['an over-long title', [{ title: 't'.repeat(301) }], 'input.actions.0.title'],
      ['a past due date', [{ title: 'Late', dueOn: '2020-01-01' }], 'input.actions.0.dueOn'],
      ['an impossible due date', [{ title: 'Never', dueOn: '2030-02-30' }], 'input.actions.0.dueOn'],
      ['eleven actions', Array.from({ length: 11 }, (_, i) => ({ title: `Step ${i}` })), 'input.actions'],
    ])('refuses %s, naming the field', async (_label, actions, field) => {
      const created = await vent(client, 'Validation.');
      const error = await client.client.fails(CONVERT, { input: { ventId: created.id, actions } });
      expect(error.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
      expect(await countOf('SELECT count(*) FROM actions WHERE vent_id = $1', [created.id])).toBe(0);
    });
  });

  describe('actions', () => {
    it('shows coaches and admins neither the private vent nor the title of an action made from it', async () => {
      const secret = await vent(client, 'Nobody calls back; I feel like a failure.', { mood: 1 });
      const made = await convert(client, secret.id, [
        { title: 'Tell my partner how I feel about the search', dueOn: today() },
      ]);
      const actionId = made.actions[0].id as string;
      const LIST = `query ($filter: ActionFilter) { actions(filter: $filter, first: 200) { edges { node { id title ventId fromPrivateVent } } } }`;
      const own = (await client.client.ok(LIST))['actions'].edges.find(
        (edge: { node: { id: string } }) => edge.node.id === actionId,
      ).node;
      expect(own).toMatchObject({
        ventId: secret.id,
        title: 'Tell my partner how I feel about the search',
        fromPrivateVent: true,
      });
      for (const viewer of [coach, a.admin]) {
        const answer = JSON.stringify(await viewer.client.ok(LIST, { filter: { clientUserId: client.userId } }));
        const seen = (
          JSON.parse(answer) as { actions: { edges: { node: Record<string, unknown> }[] } }
        ).actions.edges.find((edge) => edge.node['id'] === actionId)?.node;
        expect(seen).toMatchObject({ ventId: null, fromPrivateVent: true });
        expect(answer).not.toContain(secret.id);
        expect(answer).not.toContain('partner');
      }
      // Settling it on the client's behalf answers the same masked action.
      const done = (
        await coach.client.ok(`mutation ($id: ID!) { completeAction(id: $id) { ventId title fromPrivateVent } }`, {
          id: actionId,
        })
      )['completeAction'];
      expect(done).toMatchObject({ ventId: null, fromPrivateVent: true });
      expect(done.title).not.toContain('partner');
    });

    it('records who created an action and in which role', async () => {
      const own = (await client.client.ok(CREATE_ACTION, { input: { title: 'Update my CV' } }))['createAction'];
      expect(own).toMatchObject({ source: 'CLIENT', onBehalf: false, clientUserId: client.userId, ventId: null });
      const byCoach = (
        await coach.client.ok(CREATE_ACTION, {
          input: { clientUserId: client.userId, title: 'Call Initech Sales', applicationId: apps['initech'].id },
        })
      )['createAction'];
      expect(byCoach).toMatchObject({
        source: 'COACH',
        onBehalf: true,
        createdByUserId: coach.userId,
        application: { companyName: 'Initech' },
      });
      const byAdmin = (
        await a.admin.client.ok(CREATE_ACTION, {
          input: { clientUserId: otherClient.userId, title: 'Check in with your coach' },
        })
      )['createAction'];
      expect(byAdmin).toMatchObject({ source: 'COACH', onBehalf: true, clientUserId: otherClient.userId });
      const audit = await sql<{ on_behalf: boolean }>(
        `SELECT on_behalf FROM audit_events WHERE action = 'action.created' AND entity_id = $1`,
        [byCoach.id],
      );
      expect(audit).toEqual([{ on_behalf: true }]);
    });

    it('asks a coach which client the action is for', async () => {
      const error = await coach.client.fails(CREATE_ACTION, { input: { title: 'For whom?' } });
      expect(error.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.clientUserId' });
    });

    it.each([
      ['an unassigned coach', () => unassignedCoach, () => ({ clientUserId: client.userId })],
      ["another agency's admin", () => b.admin, () => ({ clientUserId: client.userId })],
      [
        "a coach naming another client's application",
        () => coach,
        () => ({ clientUserId: client.userId, applicationId: apps['theirs'].id }),
      ],
      ['a client naming another client', () => otherClient, () => ({ clientUserId: client.userId })],
    ])('answers NOT_FOUND to %s and writes nothing', async (_label, who, extra) => {
      const before = await countOf('SELECT count(*) FROM actions WHERE client_user_id = $1', [client.userId]);
      const error = await who().client.fails(CREATE_ACTION, { input: { title: 'Denied', ...extra() } });
      expect(error.extensions?.code).toBe('NOT_FOUND');
      expect(await countOf('SELECT count(*) FROM actions WHERE client_user_id = $1', [client.userId])).toBe(before);
    });

    it('lists only what each role may see', async () => {
      await otherClient.client.ok(CREATE_ACTION, { input: { title: "Other client's step" } });
      await a.clients[2].client.ok(CREATE_ACTION, { input: { title: "Third client's step" } });
      const owners = async (who: SignedIn) =>
        new Set(
          ((await who.client.ok(ACTIONS, { first: 200 }))['actions'].edges as { node: { clientUserId: string } }[]).map(
            (edge) => edge.node.clientUserId,
          ),
        );
      expect(await owners(client)).toEqual(new Set([client.userId]));
      expect(await owners(coach)).toEqual(new Set([client.userId, a.clients[2].userId]));
      expect(await owners(unassignedCoach)).toEqual(new Set([otherClient.userId]));
      expect(await owners(a.admin)).toEqual(new Set(a.clients.map((c) => c.userId)));
      expect(await owners(b.admin)).toEqual(new Set());
      const open = (await client.client.ok(ACTIONS, { first: 200, filter: { status: 'DONE' } }))['actions'].edges;
      expect(open.every((edge: { node: { status: string } }) => edge.node.status === 'DONE')).toBe(true);
      expect(
        (await unassignedCoach.client.fails(ACTIONS, { filter: { clientUserId: client.userId } })).extensions?.code,
      ).toBe('NOT_FOUND');
    });

    it("lets no one outside the client's circle complete or drop an action", async () => {
      const action = (await client.client.ok(CREATE_ACTION, { input: { title: 'Mine to do' } }))['createAction'];
      for (const who of [unassignedCoach, otherClient, b.admin, b.coaches[0]]) {
        expect((await who.client.fails(COMPLETE, { id: action.id })).extensions?.code).toBe('NOT_FOUND');
        expect((await who.client.fails(DROP, { id: action.id })).extensions?.code).toBe('NOT_FOUND');
      }
      const [row] = await sql<{ status: string }>('SELECT status FROM actions WHERE id = $1', [action.id]);
      expect(row.status).toBe('OPEN');
      expect((await a.admin.client.ok(COMPLETE, { id: action.id }))['completeAction'].status).toBe('DONE');
    });

    it('pages without gaps or repeats, and with as many statements for 10 actions as for 200', async () => {
      const seed = async (person: SignedIn, count: number) =>
        sql(
          `INSERT INTO actions (agency_id, client_user_id, title, status, source, application_id, created_by_user_id, created_at)
           SELECT $1, $2, 'Seeded ' || g, 'OPEN', 'COACH', $3, $2, now() - g * interval '1 millisecond' FROM generate_series(1, $4::int) g`,
          [a.agencyId, person.userId, count === 10 ? apps['theirs'].id : apps['acme'].id, count],
        );
      await seed(otherClient, 10);
      await seed(client, 200);
      const statements = async (who: SignedIn) => {
        const before = SqlStatementCounter.total;
        const data = await who.client.ok(ACTIONS, { first: 200, filter: { status: 'OPEN' } });
        return { used: SqlStatementCounter.total - before, rows: data['actions'].edges.length };
      };
      const small = await statements(otherClient);
      const large = await statements(client);
      expect(small.rows).toBeGreaterThanOrEqual(10);
      expect(large.rows).toBe(200);
      expect(large.used).toBe(small.used);

      const seen: string[] = [];
      let after: string | null = null;
      for (;;) {
        const page: {
          actions: { edges: { node: { id: string } }[]; pageInfo: { endCursor: string; hasNextPage: boolean } };
        } = await client.client.ok(ACTIONS, {
          first: 30,
          after,
        });
        seen.push(...page.actions.edges.map((edge) => edge.node.id));
        if (!page.actions.pageInfo.hasNextPage) break;
        after = page.actions.pageInfo.endCursor;
        await client.client.ok(CREATE_ACTION, { input: { title: 'Arrived meanwhile' } });
      }
      const stored = await sql<{ id: string }>(
        `SELECT id FROM actions WHERE client_user_id = $1 AND title <> 'Arrived meanwhile' ORDER BY created_at DESC, id DESC`,
        [client.userId],
      );
      expect(seen).toEqual(stored.map((row) => row.id));
    });
  });

  describe('vent lists', () => {
    it('pages a client’s vents newest first without gaps or repeats', async () => {
      const person = a.clients[2];
      const written: string[] = [];
      for (let i = 0; i < 12; i += 1) written.push((await vent(person, `Vent number ${i}`))['id']);
      const seen: string[] = [];
      let after: string | null = null;
      for (;;) {
        const page: {
          vents: { edges: { node: { id: string } }[]; pageInfo: { endCursor: string; hasNextPage: boolean } };
        } = await person.client.ok(VENTS, {
          first: 5,
          after,
        });
        seen.push(...page.vents.edges.map((edge) => edge.node.id));
        if (!page.vents.pageInfo.hasNextPage) break;
        after = page.vents.pageInfo.endCursor;
        await vent(person, 'Written while paging');
      }
      expect(seen).toEqual([...written].reverse());
      expect((await person.client.fails(VENTS, { first: 500 })).extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        field: 'first',
      });
    });

    it('filters by state', async () => {
      const states = (
        (await client.client.ok(VENTS, { first: 200, filter: { state: 'RESOLVED' } }))['vents'].edges as {
          node: { state: string };
        }[]
      ).map((edge) => edge.node.state);
      expect(states.length).toBeGreaterThan(0);
      expect(new Set(states)).toEqual(new Set(['RESOLVED']));
    });
  });

  it('sees the follow-ups of the pipeline when deciding what is silent', async () => {
    // Once Acme has answered, it is no longer a silent application.
    await client.client.ok(LOG, {
      input: {
        applicationId: apps['acme'].id,
        channel: 'PHONE',
        purpose: 'STATUS_CHECK',
        outcome: 'GOT_STATUS',
        occurredAt: daysAgo(1),
      },
    });
    const created = await vent(client, 'I still never hear back from most of them.');
    const drafts = (await client.client.ok(SUGGEST, { ventId: created.id }))['suggestedActions'];
    expect(drafts.map((draft: { applicationId: string }) => draft.applicationId)).toEqual([apps['initech'].id]);
  });
});

import { IdentityModule } from '@followthrough/server-identity';
import { AgencyFixture, countOf, createAgencyFixture, sql, startTestApi, TestApi } from '@followthrough/server-testing';
import { PipelineModule } from './pipeline.module';

const APP_FIELDS = 'id title stage archivedAt lastTouchAt company { id name }';
const CREATE = `mutation C($input: CreateApplicationInput!) { createApplication(input: $input) { id companyId } }`;
const UPDATE = `mutation U($input: UpdateApplicationInput!) { updateApplication(input: $input) { ${APP_FIELDS} } }`;
const ARCHIVE = `mutation A($id: ID!) { archiveApplication(applicationId: $id) { ${APP_FIELDS} } }`;
const RESTORE = `mutation R($id: ID!) { restoreApplication(applicationId: $id) { ${APP_FIELDS} } }`;
const LIST = `query L($filter: ApplicationFilter) { applications(filter: $filter, first: 50) { edges { node { id archivedAt } } } }`;
const APPLICATION = `query G($id: ID!) { application(id: $id) { ${APP_FIELDS}
  followUps { id channel notes occurredAt } contacts { id name phone role } } }`;
const LOG = `mutation F($input: LogFollowUpInput!) { logFollowUp(input: $input) { id occurredAt } }`;
const CORRECT = `mutation K($input: CorrectFollowUpInput!) { correctFollowUp(input: $input) { id channel outcome notes occurredAt } }`;
const DELETE_FOLLOW_UP = `mutation D($id: ID!) { deleteFollowUp(followUpId: $id) }`;
const ADD_CONTACT = `mutation N($input: AddContactInput!) { addContact(input: $input) { id } }`;
const UPDATE_CONTACT = `mutation E($input: UpdateContactInput!) { updateContact(input: $input) { id name phone role email } }`;
const DELETE_CONTACT = `mutation X($id: ID!) { deleteContact(contactId: $id) }`;

const audited = (action: string, entityId: string) =>
  countOf('SELECT count(*) FROM audit_events WHERE action = $1 AND entity_id = $2', [action, entityId]);

describe('editing the pipeline (over HTTP)', () => {
  let api: TestApi;
  let agency: AgencyFixture;
  let other: AgencyFixture;

  async function application(companyName: string, title = 'Analyst') {
    return (await agency.clients[0].client.ok(CREATE, { input: { companyName, title } }))['createApplication'] as {
      id: string;
      companyId: string;
    };
  }

  beforeAll(async () => {
    api = await startTestApi([IdentityModule, PipelineModule]);
    agency = await createAgencyFixture(api.client, 'Editing Agency', 1, 2);
    other = await createAgencyFixture(api.client, 'Other Editing Agency', 1, 1);
  });

  afterAll(() => api.close());

  describe('applications', () => {
    it('edits the title, company and stage, auditing the edit', async () => {
      const created = await application('Initec', 'Data Analst');
      const edited = (
        await agency.clients[0].client.ok(UPDATE, {
          input: { applicationId: created.id, title: 'Data Analyst', companyName: 'Initech', stage: 'SCREENING' },
        })
      )['updateApplication'];
      expect(edited).toMatchObject({ id: created.id, title: 'Data Analyst', stage: 'SCREENING', archivedAt: null });
      expect(edited.company.name).toBe('Initech');
      expect(await audited('application.edited', created.id)).toBe(1);
      // The stage moved through the usual path, so its history shows the change.
      expect(
        await countOf('SELECT count(*) FROM application_stage_changes WHERE application_id = $1', [created.id]),
      ).toBe(2);
    });

    it('refuses an empty title and an edit that changes nothing, naming the field', async () => {
      const created = await application('Globex');
      const empty = await agency.clients[0].client.fails(UPDATE, { input: { applicationId: created.id, title: '  ' } });
      expect(empty.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.title' });
      const nothing = await agency.clients[0].client.fails(UPDATE, { input: { applicationId: created.id } });
      expect(nothing.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input' });
    });

    it('archives and restores: lists hide archived applications unless asked to include them', async () => {
      const created = await application('Hooli');
      const ids = async (filter: Record<string, unknown> = {}) =>
        ((await agency.clients[0].client.ok(LIST, { filter }))['applications'].edges as { node: { id: string } }[]).map(
          (edge) => edge.node.id,
        );
      expect(await ids()).toContain(created.id);
      const archived = (await agency.clients[0].client.ok(ARCHIVE, { id: created.id }))['archiveApplication'];
      expect(archived.archivedAt).not.toBeNull();
      expect(await ids()).not.toContain(created.id);
      expect(await ids({ includeArchived: true })).toContain(created.id);
      // Still readable by id, saying it is archived.
      expect((await agency.clients[0].client.ok(APPLICATION, { id: created.id }))['application'].archivedAt).not.toBe(
        null,
      );
      const again = await agency.clients[0].client.fails(ARCHIVE, { id: created.id });
      expect(again.extensions?.code).toBe('BAD_USER_INPUT');

      const restored = (await agency.clients[0].client.ok(RESTORE, { id: created.id }))['restoreApplication'];
      expect(restored.archivedAt).toBeNull();
      expect(await ids()).toContain(created.id);
      expect(await audited('application.archived', created.id)).toBe(1);
      expect(await audited('application.restored', created.id)).toBe(1);
    });

    it('lets the assigned coach edit on the client’s behalf, and no one outside the circle', async () => {
      const created = await application('Umbrella');
      await agency.coaches[0].client.ok(UPDATE, { input: { applicationId: created.id, title: 'Chemist' } });
      const outsider = await other.admin.client.fails(UPDATE, { input: { applicationId: created.id, title: 'x' } });
      expect(outsider.extensions?.code).toBe('NOT_FOUND');
      const otherClient = await agency.clients[1].client.fails(ARCHIVE, { id: created.id });
      expect(otherClient.extensions?.code).toBe('NOT_FOUND');
    });
  });

  describe('follow-ups', () => {
    it('lets the author correct a touch, and deletes it softly: the application forgets it', async () => {
      const client = agency.clients[0];
      const created = await application('Soylent');
      const touch = (
        await client.client.ok(LOG, {
          input: { applicationId: created.id, channel: 'EMAIL', purpose: 'STATUS_CHECK', notes: 'Mailed Jo' },
        })
      )['logFollowUp'];

      const corrected = (
        await client.client.ok(CORRECT, {
          input: { followUpId: touch.id, channel: 'PHONE', outcome: 'GOT_STATUS', notes: 'Called Jo' },
        })
      )['correctFollowUp'];
      expect(corrected).toMatchObject({ id: touch.id, channel: 'PHONE', outcome: 'GOT_STATUS', notes: 'Called Jo' });
      expect(await audited('followUp.corrected', touch.id)).toBe(1);

      expect((await client.client.ok(DELETE_FOLLOW_UP, { id: touch.id }))['deleteFollowUp']).toBe(true);
      expect(
        await countOf('SELECT count(*) FROM follow_ups WHERE id = $1 AND deleted_at IS NOT NULL', [touch.id]),
      ).toBe(1);
      expect(await audited('followUp.deleted', touch.id)).toBe(1);
      const read = (await client.client.ok(APPLICATION, { id: created.id }))['application'];
      expect(read.followUps).toEqual([]);
      expect(read.lastTouchAt).toBeNull();

      const twice = await client.client.fails(DELETE_FOLLOW_UP, { id: touch.id });
      expect(twice.extensions?.code).toBe('NOT_FOUND');
    });

    it('refuses a correction after 24 hours, and by anyone but the author, with a clear message', async () => {
      const created = await application('Vandelay');
      const touch = (
        await agency.clients[0].client.ok(LOG, {
          input: { applicationId: created.id, channel: 'PHONE', purpose: 'STATUS_CHECK' },
        })
      )['logFollowUp'];
      const byCoach = await agency.coaches[0].client.fails(DELETE_FOLLOW_UP, { id: touch.id });
      expect(byCoach.extensions?.code).toBe('FORBIDDEN');
      expect(byCoach.message).toMatch(/only the person who logged/i);

      await sql(`UPDATE follow_ups SET created_at = now() - interval '25 hours' WHERE id = $1`, [touch.id]);
      const late = await agency.clients[0].client.fails(CORRECT, { input: { followUpId: touch.id, notes: 'late' } });
      expect(late.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.followUpId' });
      expect(late.message).toMatch(/24 hours/);
      const lateDelete = await agency.clients[0].client.fails(DELETE_FOLLOW_UP, { id: touch.id });
      expect(lateDelete.message).toMatch(/24 hours/);
      expect(await countOf('SELECT count(*) FROM follow_ups WHERE id = $1 AND deleted_at IS NULL', [touch.id])).toBe(1);
    });

    it('refuses a corrected date in the future, naming the field', async () => {
      const created = await application('Pendant');
      const touch = (
        await agency.clients[0].client.ok(LOG, {
          input: { applicationId: created.id, channel: 'PHONE', purpose: 'STATUS_CHECK' },
        })
      )['logFollowUp'];
      const error = await agency.clients[0].client.fails(CORRECT, {
        input: { followUpId: touch.id, occurredAt: new Date(Date.now() + 86_400_000).toISOString() },
      });
      expect(error.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.occurredAt' });
    });
  });

  describe('contacts', () => {
    it('edits and deletes a contact softly, auditing both', async () => {
      const created = await application('Wonka');
      const contact = (
        await agency.clients[0].client.ok(ADD_CONTACT, {
          input: { companyId: created.companyId, name: 'Charly', role: 'RECEPTION', howFound: 'SALES_LINE' },
        })
      )['addContact'];
      const edited = (
        await agency.clients[0].client.ok(UPDATE_CONTACT, {
          input: { contactId: contact.id, name: 'Charlie Bucket', role: 'HIRING_MANAGER', phone: '+1 555 010 9999' },
        })
      )['updateContact'];
      expect(edited).toMatchObject({ name: 'Charlie Bucket', role: 'HIRING_MANAGER', phone: '+1 555 010 9999' });
      const badPhone = await agency.clients[0].client.fails(UPDATE_CONTACT, {
        input: { contactId: contact.id, phone: 'call me' },
      });
      expect(badPhone.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.phone' });

      expect((await agency.clients[0].client.ok(DELETE_CONTACT, { id: contact.id }))['deleteContact']).toBe(true);
      const read = (await agency.clients[0].client.ok(APPLICATION, { id: created.id }))['application'];
      expect(read.contacts).toEqual([]);
      expect(
        await countOf('SELECT count(*) FROM contacts WHERE id = $1 AND deleted_at IS NOT NULL', [contact.id]),
      ).toBe(1);
      expect(await audited('contact.edited', contact.id)).toBe(1);
      expect(await audited('contact.deleted', contact.id)).toBe(1);
      const outsider = await other.clients[0].client.fails(UPDATE_CONTACT, {
        input: { contactId: contact.id, name: 'x' },
      });
      expect(outsider.extensions?.code).toBe('NOT_FOUND');
    });
  });
});

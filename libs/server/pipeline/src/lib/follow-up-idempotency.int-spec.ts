import { randomUUID } from 'node:crypto';
import { IdentityModule } from '@followthrough/server-identity';
import { AgencyFixture, countOf, createAgencyFixture, startTestApi, TestApi } from '@followthrough/server-testing';
import { PipelineModule } from './pipeline.module';

const CREATE = `mutation Create($input: CreateApplicationInput!) { createApplication(input: $input) { id } }`;
const LOG = `mutation Log($input: LogFollowUpInput!) { logFollowUp(input: $input) { id applicationId channel onBehalf } }`;

describe('logFollowUp with an idempotency key (over HTTP)', () => {
  let api: TestApi;
  let agency: AgencyFixture;
  let applicationId: string;
  let otherApplicationId: string;

  const touch = (key: string, application = applicationId) => ({
    input: { applicationId: application, channel: 'PHONE', purpose: 'STATUS_CHECK', idempotencyKey: key },
  });
  const touchesWith = (key: string) => countOf('SELECT count(*) FROM follow_ups WHERE idempotency_key = $1', [key]);

  beforeAll(async () => {
    api = await startTestApi([IdentityModule, PipelineModule]);
    agency = await createAgencyFixture(api.client, 'Idempotent Agency', 1, 1);
    const client = agency.clients[0].client;
    applicationId = (await client.ok(CREATE, { input: { companyName: 'Initech', title: 'Analyst' } }))[
      'createApplication'
    ].id;
    otherApplicationId = (await client.ok(CREATE, { input: { companyName: 'Hooli', title: 'Analyst' } }))[
      'createApplication'
    ].id;
  });

  afterAll(() => api.close());

  it('stores a touch sent twice with the same key once, and answers both times with it', async () => {
    const key = randomUUID();
    const first = (await agency.clients[0].client.ok(LOG, touch(key)))['logFollowUp'];
    const again = (await agency.clients[0].client.ok(LOG, touch(key)))['logFollowUp'];
    expect(again).toEqual(first);
    expect(await touchesWith(key)).toBe(1);
    expect(
      await countOf(`SELECT count(*) FROM audit_events WHERE entity_id = $1 AND action = 'followUp.logged'`, [
        first.id,
      ]),
    ).toBe(1);
  });

  it('stores it once when the copies arrive at the same time', async () => {
    const key = randomUUID();
    const answers = await Promise.all([1, 2, 3, 4].map(() => agency.clients[0].client.ok(LOG, touch(key))));
    expect(new Set(answers.map((answer) => answer['logFollowUp'].id)).size).toBe(1);
    expect(await touchesWith(key)).toBe(1);
  });

  it('keeps keys apart per person: a coach’s key does not collide with the client’s', async () => {
    const key = randomUUID();
    const own = (await agency.clients[0].client.ok(LOG, touch(key)))['logFollowUp'];
    const onBehalf = (await agency.coaches[0].client.ok(LOG, touch(key)))['logFollowUp'];
    expect(onBehalf.id).not.toBe(own.id);
    expect(onBehalf.onBehalf).toBe(true);
    expect(await touchesWith(key)).toBe(2);
  });

  it('refuses a key reused for another application, and a malformed key, naming the field', async () => {
    const key = randomUUID();
    await agency.clients[0].client.ok(LOG, touch(key));
    const reused = await agency.clients[0].client.fails(LOG, touch(key, otherApplicationId));
    expect(reused.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.idempotencyKey' });
    const malformed = await agency.clients[0].client.fails(LOG, touch('short'));
    expect(malformed.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.idempotencyKey' });
    expect(await touchesWith(key)).toBe(1);
  });

  it('logs a touch without a key every time, as before', async () => {
    const input = { input: { applicationId: otherApplicationId, channel: 'EMAIL', purpose: 'STATUS_CHECK' } };
    const first = (await agency.clients[0].client.ok(LOG, input))['logFollowUp'];
    const second = (await agency.clients[0].client.ok(LOG, input))['logFollowUp'];
    expect(second.id).not.toBe(first.id);
  });
});

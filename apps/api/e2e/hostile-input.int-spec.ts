import { createAgencyFixture, AgencyFixture, startTestApi, TestApi } from '@followthrough/server-testing';
import { API_MODULES } from './all-modules';

const UUID = '00000000-0000-4000-8000-000000000000';

describe('hostile input', () => {
  let api: TestApi;
  let agency: AgencyFixture;

  beforeAll(async () => {
    api = await startTestApi(API_MODULES);
    agency = await createAgencyFixture(api.client, 'Hostile Agency', 1, 1);
  });

  afterAll(() => api.close());

  it.each([
    ['an id argument', 'query ($id: ID!) { application(id: $id) { id } }', { id: `${UUID}\u0000` }, 'id'],
    [
      'an id in a filter',
      'query ($f: ApplicationFilter) { applications(filter: $f) { edges { node { id } } } }',
      { f: { clientUserId: 'not-a-uuid' } },
      'filter.clientUserId',
    ],
    ['an optional id', 'query ($c: ID) { calendarFeedUrl(clientUserId: $c) }', { c: '\u0000' }, 'clientUserId'],
    [
      'a text field',
      'mutation ($i: CreateApplicationInput!) { createApplication(input: $i) { id } }',
      { i: { companyName: 'Acme\u0000', title: 'Engineer' } },
      'input.companyName',
    ],
    [
      'a lone surrogate',
      'mutation ($i: CreateApplicationInput!) { createApplication(input: $i) { id } }',
      { i: { companyName: 'Acme', title: 'Eng\ud800ineer' } },
      'input.title',
    ],
    ['an inline literal', `{ suggestedActions(ventId: "${UUID}\\u0000") { title } }`, {}, 'ventId'],
  ])(
    '%s with NUL, invalid UTF-16 or a malformed id answers BAD_USER_INPUT naming it',
    async (_label, query, variables, field) => {
      const result = await agency.clients[0].client.request(query, variables);
      expect(result.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
      expect(result.status).toBe(400);
    },
  );

  it('answers a body over the limit with 413 and a JSON error', async () => {
    const response = await fetch(`${api.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${agency.admin.token}` },
      body: JSON.stringify({ query: `{ me { user { id } } }`, variables: { pad: 'x'.repeat(200_000) } }),
    });
    expect(response.status).toBe(413);
    expect(await response.json()).toEqual({
      errors: [{ message: expect.stringMatching(/100000 bytes/), extensions: { code: 'PAYLOAD_TOO_LARGE' } }],
    });
  });

  it('answers a body that is not UTF-8 with 400 and a JSON error', async () => {
    const body = Buffer.concat([
      Buffer.from('{"query":"{ me { user { id } } }","variables":{"x":"'),
      Buffer.from([0xc3, 0x28]),
      Buffer.from('"}}'),
    ]);
    const response = await fetch(`${api.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${agency.admin.token}` },
      body,
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ errors: [{ extensions: { code: 'BAD_USER_INPUT' } }] });
  });

  it('sends no-store and security headers on /graphql and on link pages', async () => {
    const graphql = await fetch(`${api.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${agency.admin.token}` },
      body: JSON.stringify({ query: '{ me { user { id } } }' }),
    });
    expect(graphql.headers.get('cache-control')).toBe('no-store');
    expect(graphql.headers.get('x-content-type-options')).toBe('nosniff');
    for (const path of [
      '/log-follow-up?token=forged',
      '/notifications/unsubscribe?token=forged',
      '/notifications/preferences?token=forged',
      '/calendar/steps.ics?token=forged',
    ]) {
      const page = await fetch(`${api.url}${path}`);
      expect({ path, cacheControl: page.headers.get('cache-control') }).toEqual({ path, cacheControl: 'no-store' });
      expect(page.headers.get('content-security-policy')).toMatch(/frame-ancestors 'none'/);
      expect(page.headers.get('content-security-policy')).toMatch(/default-src 'none'|default-src 'self'/);
      expect(page.headers.get('x-frame-options')).toBe('DENY');
      expect(page.headers.get('referrer-policy')).toBe('no-referrer');
    }
  });
});

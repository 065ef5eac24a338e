import {
  AgencyFixture,
  createAgencyFixture,
  GraphqlClient,
  inviteAndAccept,
  startTestApi,
  TEST_PASSWORD,
  TestApi,
} from '@followthrough/server-testing';
import { IdentityModule } from './identity.module';

const AUTH_FIELDS = 'accessToken accessTokenExpiresAt user { id } membership { role }';
const LOGIN = `mutation L($input: LoginInput!) { login(input: $input) { ${AUTH_FIELDS} } }`;
const REFRESH = `mutation { refreshSession { ${AUTH_FIELDS} } }`;
const SESSIONS = '{ sessions { id ip userAgent createdAt lastSeenAt current } }';
const REVOKE_SESSION = 'mutation R($id: ID!) { revokeSession(sessionId: $id) }';
const ME = '{ me { user { id } membership { role } } }';

interface Answer {
  data: Record<string, any> | null; // eslint-disable-line @typescript-eslint/no-explicit-any
  code?: string;
  cookie: string | null;
  setCookie: string | null;
}

/** One browser: posts GraphQL with its cookie jar of one cookie, as the web does. */
class Browser {
  cookie: string | null = null;

  constructor(
    private readonly url: string,
    private readonly userAgent: string,
    private readonly ip: string,
  ) {}

  async post(
    query: string,
    variables: Record<string, unknown> = {},
    token?: string,
    cookie = this.cookie,
  ): Promise<Answer> {
    const response = await fetch(`${this.url}/graphql`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'user-agent': this.userAgent,
        'x-forwarded-for': this.ip,
        ...(cookie ? { cookie } : {}),
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await response.json()) as {
      data?: Record<string, unknown>;
      errors?: { extensions?: { code?: string } }[];
    };
    const setCookie = response.headers.get('set-cookie');
    const pair = setCookie?.split(';')[0] ?? null;
    if (pair) this.cookie = pair.endsWith('=') ? null : pair;
    return { data: body.data ?? null, code: body.errors?.[0]?.extensions?.code, cookie: pair, setCookie };
  }
}

describe('refresh tokens and sessions', () => {
  let api: TestApi;
  let agency: AgencyFixture;

  beforeAll(async () => {
    api = await startTestApi([IdentityModule]);
    agency = await createAgencyFixture(api.client, 'Refresh Careers', 1, 1);
  });

  afterAll(() => api.close());

  async function signIn(email: string, userAgent = 'Test Browser/1.0', ip = '10.30.0.1') {
    const browser = new Browser(api.url, userAgent, ip);
    const answer = await browser.post(LOGIN, { input: { email, password: TEST_PASSWORD } });
    expect(answer.code).toBeUndefined();
    return { browser, token: answer.data?.['login'].accessToken as string, answer };
  }

  it('keeps the refresh token in an HttpOnly, SameSite=Strict cookie for the GraphQL path only', async () => {
    const { answer } = await signIn(agency.clients[0].email);
    expect(answer.setCookie).toMatch(/^ft_refresh=[^;]+;/);
    expect(answer.setCookie).toMatch(/HttpOnly/i);
    expect(answer.setCookie).toMatch(/SameSite=Strict/i);
    expect(answer.setCookie).toMatch(/Path=\/graphql/i);
    // Plain HTTP on localhost: Secure would make the browser drop it (another origin gets Secure).
    expect(answer.setCookie).not.toMatch(/Secure/i);
    expect(JSON.stringify(answer.data)).not.toContain(answer.cookie?.split('=')[1]);
  });

  it('marks the cookie Secure outside localhost', async () => {
    const https = await startTestApi([IdentityModule], { PUBLIC_URL: 'https://app.example.test' });
    try {
      const browser = new Browser(https.url, 'Test', '10.30.9.9');
      const answer = await browser.post(LOGIN, { input: { email: agency.clients[0].email, password: TEST_PASSWORD } });
      expect(answer.setCookie).toMatch(/Secure/i);
    } finally {
      await https.close();
    }
  });

  it('rotates the refresh token on every use; the new access token works', async () => {
    const { browser } = await signIn(agency.clients[0].email);
    const first = browser.cookie;
    const refreshed = await browser.post(REFRESH);
    expect(refreshed.code).toBeUndefined();
    expect(browser.cookie).not.toBe(first);
    const me = await browser.post(ME, {}, refreshed.data?.['refreshSession'].accessToken);
    expect(me.data?.['me'].user.id).toBe(agency.clients[0].userId);
  });

  it('ends the whole session when a rotated refresh token is used again', async () => {
    const { browser, token } = await signIn(agency.clients[0].email);
    const stolen = browser.cookie;
    const refreshed = await browser.post(REFRESH);
    const current = browser.cookie;
    const newAccess = refreshed.data?.['refreshSession'].accessToken as string;

    // The old token comes back (a thief, or a replay): refused, and the family ends.
    const reuse = await browser.post(REFRESH, {}, undefined, stolen);
    expect(reuse.code).toBe('UNAUTHENTICATED');
    expect((await browser.post(REFRESH, {}, undefined, current)).code).toBe('UNAUTHENTICATED');
    expect((await browser.post(ME, {}, newAccess)).code).toBe('UNAUTHENTICATED');
    expect((await browser.post(ME, {}, token)).code).toBe('UNAUTHENTICATED');
  });

  it('refuses a refresh without a cookie or with a made-up one', async () => {
    const browser = new Browser(api.url, 'Test', '10.30.0.2');
    expect((await browser.post(REFRESH)).code).toBe('UNAUTHENTICATED');
    expect(
      (await browser.post(REFRESH, {}, undefined, 'ft_refresh=00000000-0000-4000-8000-000000000000.abc')).code,
    ).toBe('UNAUTHENTICATED');
    expect((await browser.post(REFRESH, {}, undefined, 'ft_refresh=garbage')).code).toBe('UNAUTHENTICATED');
  });

  it('carries a changed role into the refreshed token, and refuses a removed member', async () => {
    const member = await inviteAndAccept(api.client, agency.admin, 'CLIENT', 'Refresh Member');
    const { browser } = await signIn(member.email);
    await agency.admin.client.ok(
      'mutation C($input: ChangeMemberRoleInput!) { changeMemberRole(input: $input) { role } }',
      {
        input: { userId: member.userId, role: 'COACH' },
      },
    );
    const refreshed = await browser.post(REFRESH);
    expect(refreshed.data?.['refreshSession'].membership.role).toBe('COACH');
    await agency.admin.client.ok('mutation R($userId: ID!) { removeMember(userId: $userId) }', {
      userId: member.userId,
    });
    expect((await browser.post(REFRESH)).code).toBe('UNAUTHENTICATED');
  });

  it('ends refresh with signOut', async () => {
    const { browser, token } = await signIn(agency.clients[0].email);
    const cookie = browser.cookie;
    const out = await browser.post('mutation { signOut }', {}, token);
    expect(out.data?.['signOut']).toBe(true);
    expect(out.setCookie).toMatch(/^ft_refresh=;/);
    expect((await browser.post(REFRESH, {}, undefined, cookie)).code).toBe('UNAUTHENTICATED');
  });

  it('lists your sessions with device, address and last use, and revokes one of them', async () => {
    const member = await inviteAndAccept(api.client, agency.admin, 'CLIENT', 'Two Laptops');
    const laptop = await signIn(member.email, 'Laptop Browser/2.0', '10.30.1.1');
    const phone = await signIn(member.email, 'Phone Browser/3.0', '10.30.1.2');
    const listed = (await laptop.browser.post(SESSIONS, {}, laptop.token)).data?.['sessions'] as {
      id: string;
      ip: string;
      userAgent: string;
      current: boolean;
      lastSeenAt: string;
    }[];
    const phoneSession = listed.find((s) => s.userAgent === 'Phone Browser/3.0');
    expect(listed.find((s) => s.current)).toMatchObject({ userAgent: 'Laptop Browser/2.0', ip: '10.30.1.1' });
    expect(phoneSession).toMatchObject({ ip: '10.30.1.2', current: false });
    expect(Date.parse(phoneSession?.lastSeenAt ?? '')).toBeGreaterThan(Date.now() - 60_000);

    // Someone else's session cannot be revoked (nor seen).
    const other = new GraphqlClient(api.url).as(agency.clients[0].token);
    expect((await other.fails(REVOKE_SESSION, { id: phoneSession?.id })).extensions?.code).toBe('NOT_FOUND');

    expect(
      (await laptop.browser.post(REVOKE_SESSION, { id: phoneSession?.id }, laptop.token)).data?.['revokeSession'],
    ).toBe(true);
    expect((await phone.browser.post(ME, {}, phone.token)).code).toBe('UNAUTHENTICATED');
    expect((await phone.browser.post(REFRESH)).code).toBe('UNAUTHENTICATED');
    const after = (await laptop.browser.post(SESSIONS, {}, laptop.token)).data?.['sessions'] as { id: string }[];
    expect(after.map((s) => s.id)).not.toContain(phoneSession?.id);
  });
});

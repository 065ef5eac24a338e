import { Client } from 'pg';
import {
  LOGIN,
  linkTokenIn,
  mailText,
  mailTo,
  registerAgency,
  startTestApi,
  TEST_PASSWORD,
  TestApi,
  TestSmtpServer,
  uniqueEmail,
} from '@followthrough/server-testing';
import { SignedLinkService } from '@followthrough/server-core';
import { IdentityModule } from './identity.module';
import { PasswordHasher } from './password/password-hasher.service';

const REQUEST = `mutation R($email: String!) { requestPasswordReset(input: { email: $email }) }`;
const RESET = `mutation S($input: ResetPasswordInput!) { resetPassword(input: $input) }`;
const ME = `query { me { user { email } } }`;
const NEW_PASSWORD = 'quiet harbor kettle 97';

async function query<T>(sql: string, params: unknown[] = []): Promise<T[]> {
  const db = new Client({ connectionString: process.env['DATABASE_OWNER_URL'] });
  await db.connect();
  try {
    return (await db.query(sql, params)).rows as T[];
  } finally {
    await db.end();
  }
}

describe('password reset by e-mail', () => {
  let api: TestApi;
  const smtp = new TestSmtpServer();

  beforeAll(async () => {
    await smtp.start();
    api = await startTestApi([IdentityModule], {
      SMTP_URL: smtp.url,
      PUBLIC_URL: 'http://localhost:4300',
      SIGNUP_MAX_PER_ADDRESS: '3',
    });
  });

  afterAll(async () => {
    await api.close();
    await smtp.stop();
  });

  it('answers the same for a known and an unknown address, and mails only the known one', async () => {
    const { admin } = await registerAgency(api.client, 'Reset Same');
    const unknown = uniqueEmail('nobody');
    const known = await api.client.from('10.40.0.1').ok(REQUEST, { email: admin.email });
    const stranger = await api.client.from('10.40.0.1').ok(REQUEST, { email: unknown });
    expect(known).toEqual(stranger);
    const mail = await mailTo(smtp, admin.email, /^Reset your Followthrough password$/);
    expect(await mailText(mail)).toMatch(/30 minutes/);
    expect(smtp.received.some((m) => m.to.includes(unknown))).toBe(false);
  });

  it('resets with the link: sessions end, the new password signs in, the link works once', async () => {
    const { admin } = await registerAgency(api.client, 'Reset Flow');
    await admin.client.ok(ME);
    const before = smtp.received.length;
    await api.client.from('10.40.0.2').ok(REQUEST, { email: admin.email });
    const mail = await mailTo(smtp, admin.email, /^Reset your Followthrough password$/);
    expect(smtp.received.length).toBeGreaterThan(before);
    expect(await mailText(mail)).toContain('http://localhost:4300/reset-password?token=');
    const token = await linkTokenIn(mail, '/reset-password');

    // The breached-password policy applies to the new password.
    const weak = await api.client.fails(RESET, { input: { token, newPassword: '1q2w3e4r5t6y' } });
    expect(weak.extensions?.code).toBe('BAD_USER_INPUT');

    expect((await api.client.ok(RESET, { input: { token, newPassword: NEW_PASSWORD } }))['resetPassword']).toBe(true);
    // Every session of the person ended.
    expect((await admin.client.fails(ME)).extensions?.code).toBe('UNAUTHENTICATED');
    const old = await api.client.fails(LOGIN, { input: { email: admin.email, password: TEST_PASSWORD } });
    expect(old.extensions?.code).toBe('UNAUTHENTICATED');
    await api.client.ok(LOGIN, { input: { email: admin.email, password: NEW_PASSWORD } });

    // Single use: the same link is refused afterwards.
    const again = await api.client.fails(RESET, { input: { token, newPassword: 'another fine kettle 31' } });
    expect(again.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.token' });
    await api.client.ok(LOGIN, { input: { email: admin.email, password: NEW_PASSWORD } });
    const revoked = await query<{ count: string }>(
      `SELECT count(*) FROM auth_sessions s JOIN users u ON u.id = s.user_id
        WHERE u.email = $1 AND s.revoked_reason = 'password_reset'`,
      [admin.email],
    );
    expect(Number(revoked[0].count)).toBeGreaterThan(0);
  });

  it('refuses a forged, tampered or other-purpose token before hashing anything', async () => {
    const hasher = api.app.get(PasswordHasher);
    const hash = jest.spyOn(hasher, 'hash');
    try {
      const links = api.app.get(SignedLinkService);
      const otherPurpose = links.sign('unsubscribe', { u: '00000000-0000-4000-8000-000000000000', f: 'x' });
      for (const token of ['nonsense', 'test.e30.AAAA', 'x'.repeat(150), otherPurpose]) {
        const error = await api.client.fails(RESET, { input: { token, newPassword: NEW_PASSWORD } });
        expect(error.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.token' });
      }
      expect(hash).not.toHaveBeenCalled();
    } finally {
      hash.mockRestore();
    }
  });

  it('a link expires after 30 minutes', async () => {
    const { admin } = await registerAgency(api.client, 'Reset Late');
    await api.client.from('10.40.0.3').ok(REQUEST, { email: admin.email });
    const token = await linkTokenIn(
      await mailTo(smtp, admin.email, /^Reset your Followthrough password$/),
      '/reset-password',
    );
    const body = JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString('utf8')) as { e: number };
    expect(body.e * 1000 - Date.now()).toBeLessThanOrEqual(30 * 60_000);
    expect(body.e * 1000 - Date.now()).toBeGreaterThan(29 * 60_000);
  });

  it('throttles requests per target address, before any work, aliases counted one each', async () => {
    const { admin } = await registerAgency(api.client, 'Reset Throttle');
    const aliases = Array.from(
      { length: 6 },
      (_, i) => `r${i}: requestPasswordReset(input: { email: "${admin.email}" })`,
    );
    const result = await api.client.from('10.40.0.4').request(`mutation { ${aliases.join('\n')} }`);
    expect(result.errors?.map((error) => error.extensions?.code)).toEqual(['RATE_LIMITED']);
  });
});

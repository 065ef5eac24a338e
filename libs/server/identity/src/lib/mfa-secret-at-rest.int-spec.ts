import { Client } from 'pg';
import { generateSync } from 'otplib';
import { LOGIN, registerAgency, startTestApi, TEST_PASSWORD, TestApi } from '@followthrough/server-testing';
import { IdentityModule } from './identity.module';

const START = 'mutation { startMfaEnrolment { secret } }';
const CONFIRM = 'mutation C($input: MfaCodeInput!) { confirmMfaEnrolment(input: $input) }';

async function sql<T>(text: string, params: unknown[] = []): Promise<T[]> {
  const db = new Client({ connectionString: process.env['DATABASE_OWNER_URL'] });
  await db.connect();
  try {
    return (await db.query(text, params)).rows as T[];
  } finally {
    await db.end();
  }
}

describe('TOTP secrets at rest', () => {
  let api: TestApi;

  beforeAll(async () => {
    api = await startTestApi([IdentityModule]);
  });

  afterAll(() => api.close());

  it('keeps the secret encrypted in the database, and still signs in with its codes', async () => {
    const { admin } = await registerAgency(api.client, 'Sealed Secrets');
    const { secret } = (await admin.client.ok(START))['startMfaEnrolment'] as { secret: string };
    const [pending] = await sql<{ mfa_pending_secret: string }>(`SELECT mfa_pending_secret FROM users WHERE id = $1`, [
      admin.userId,
    ]);
    expect(pending.mfa_pending_secret).toBeTruthy();
    expect(pending.mfa_pending_secret).not.toContain(secret);

    await admin.client.ok(CONFIRM, { input: { code: generateSync({ secret }) } });
    const [stored] = await sql<{ mfa_secret: string; mfa_pending_secret: string | null }>(
      `SELECT mfa_secret, mfa_pending_secret FROM users WHERE id = $1`,
      [admin.userId],
    );
    expect(stored.mfa_pending_secret).toBeNull();
    expect(stored.mfa_secret).not.toContain(secret);
    expect(stored.mfa_secret).not.toMatch(/^[A-Z2-7]+=*$/);

    // A ciphertext copied onto another account does not decrypt there: the user id is bound into it.
    const { admin: other } = await registerAgency(api.client, 'Sealed Secrets Other');
    await sql(`UPDATE users SET mfa_secret = $1, mfa_enabled_at = now() WHERE id = $2`, [
      stored.mfa_secret,
      other.userId,
    ]);
    const copied = await api.client.fails(LOGIN, {
      input: {
        email: other.email,
        password: TEST_PASSWORD,
        otp: generateSync({ secret, epoch: Date.now() / 1000 + 30 }),
      },
    });
    expect(copied.extensions?.code).toBe('BAD_USER_INPUT');

    const signedIn = await api.client.ok(LOGIN, {
      input: {
        email: admin.email,
        password: TEST_PASSWORD,
        otp: generateSync({ secret, epoch: Date.now() / 1000 + 30 }),
      },
    });
    expect(signedIn['login'].accessToken).toBeTruthy();
  });
});

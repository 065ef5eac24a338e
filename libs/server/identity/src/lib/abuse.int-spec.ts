import { createHash } from 'node:crypto';
import { Client } from 'pg';
import {
  ACCEPT_INVITATION,
  inviteAndAccept,
  COMPLETE_SIGN_UP,
  eventually,
  invite,
  TestSmtpServer,
  LOGIN,
  registerAgency,
  REGISTER_AGENCY,
  startTestApi,
  TEST_PASSWORD,
  TestApi,
  uniqueEmail,
} from '@followthrough/server-testing';
import { IdentityModule } from './identity.module';
import { PasswordHasher } from './password/password-hasher.service';

async function countRows(sql: string, params: unknown[] = []): Promise<number> {
  const db = new Client({ connectionString: process.env['DATABASE_OWNER_URL'] });
  await db.connect();
  try {
    return Number((await db.query(sql, params)).rows[0].count);
  } finally {
    await db.end();
  }
}

describe('abuse resistance', () => {
  let api: TestApi;

  beforeAll(async () => {
    api = await startTestApi([IdentityModule], {
      SIGNUP_MAX_PER_IP: '5',
      SIGNUP_MAX_PER_ADDRESS: '5',
      LOGIN_FREE_FAILURES: '3',
      LOGIN_BASE_DELAY_SECONDS: '30',
    });
  });

  afterAll(() => api.close());

  describe('sign-up throttle', () => {
    it('lets at most the per-IP limit of 20 registerAgency aliases in one request through, without hashing', async () => {
      const prefix = `Alias ${uniqueEmail('agency')}`;
      const addresses = Array.from({ length: 20 }, (_, i) => uniqueEmail(`alias${i}`));
      const aliases = addresses.map(
        (address, i) =>
          `a${i}: registerAgency(input: { agencyName: "${prefix} ${i}", timezone: "Europe/Paris", adminName: "Alias ${i}", adminEmail: "${address}" })`,
      );
      const hasher = api.app.get(PasswordHasher);
      const hash = jest.spyOn(hasher, 'hash');
      try {
        const result = await api.client.from('10.20.0.1').request(`mutation { ${aliases.join('\n')} }`);
        // Mutation fields run one after another; the first refused one ends the request.
        expect(result.errors?.map((error) => error.extensions?.code)).toEqual(['RATE_LIMITED']);
        expect(hash).not.toHaveBeenCalled();
      } finally {
        hash.mockRestore();
      }
      // The five let through each mailed a sign-up link; the others mailed nothing.
      const mailbox = api.mailbox as TestSmtpServer;
      const linksSent = () => mailbox.received.filter((mail) => addresses.some((a) => mail.to.includes(a)));
      await eventually('five sign-up links', linksSent, (sent) => sent.length >= 5);
      await new Promise((settle) => setTimeout(settle, 300));
      expect(linksSent()).toHaveLength(5);
      // Another address is not held back by this one.
      await api.client.from('10.20.0.2').ok(REGISTER_AGENCY, {
        input: {
          agencyName: `${prefix} other`,
          timezone: 'Europe/Paris',
          adminName: 'Other',
          adminEmail: uniqueEmail('other'),
        },
      });
    });

    it('checks a sign-up link before any password hashing, and throttles its use per IP', async () => {
      const hash = jest.spyOn(api.app.get(PasswordHasher), 'hash');
      try {
        const results = await Promise.all(
          Array.from({ length: 8 }, (_, i) =>
            api.client
              .from('10.20.0.3')
              .request(COMPLETE_SIGN_UP, { input: { token: `k1.forged${i}.mac`, password: TEST_PASSWORD } }),
          ),
        );
        const codes = results.map((result) => result.errors?.[0]?.extensions?.code);
        expect(codes.filter((code) => code === 'BAD_USER_INPUT')).toHaveLength(5);
        expect(codes.filter((code) => code === 'RATE_LIMITED')).toHaveLength(3);
        expect(hash).not.toHaveBeenCalled();
      } finally {
        hash.mockRestore();
      }
    });

    it('limits sign-ups per target address whatever the IP', async () => {
      const adminEmail = uniqueEmail('target');
      const input = (i: number) => ({
        agencyName: `Target ${i}`,
        timezone: 'Europe/Paris',
        adminName: 'Target',
        adminEmail,
      });
      const codes: (string | undefined)[] = [];
      for (let i = 0; i < 7; i += 1) {
        const result = await api.client.from(`10.21.0.${i}`).request(REGISTER_AGENCY, { input: input(i) });
        codes.push(result.errors?.[0]?.extensions?.code);
      }
      expect(codes.slice(5)).toEqual(['RATE_LIMITED', 'RATE_LIMITED']);
    });

    it('checks an invitation token before any password hashing, and throttles guesses per IP', async () => {
      const hasher = api.app.get(PasswordHasher);
      const hash = jest.spyOn(hasher, 'hash');
      const verify = jest.spyOn(hasher, 'verify');
      try {
        const results = await Promise.all(
          Array.from({ length: 10 }, (_, i) =>
            api.client.from('10.22.0.1').request(ACCEPT_INVITATION, {
              input: { token: `bogus-token-${i}`, name: 'Bogus', password: TEST_PASSWORD },
            }),
          ),
        );
        const codes = results.map((result) => result.errors?.[0]?.extensions?.code);
        expect(codes.filter((code) => code === 'BAD_USER_INPUT')).toHaveLength(5);
        expect(codes.filter((code) => code === 'RATE_LIMITED')).toHaveLength(5);
        expect(hash).not.toHaveBeenCalled();
        expect(verify).not.toHaveBeenCalled();
      } finally {
        hash.mockRestore();
        verify.mockRestore();
      }
    });
  });

  describe('failed logins slow down per account and IP', () => {
    it("does not let a stranger's failures lock the owner out, and doubles the wait for the guesser", async () => {
      const { admin } = await registerAgency(api.client.from('10.23.0.100'), 'Slowdown Agency');
      const guesser = api.client.from('10.23.0.1');
      for (let i = 0; i < 3; i += 1) {
        expect(
          (await guesser.fails(LOGIN, { input: { email: admin.email, password: `wrong guess ${i}` } })).extensions
            ?.code,
        ).toBe('UNAUTHENTICATED');
      }
      // After three failures in a row the guesser must wait, even with the right password.
      const limited = await guesser.fails(LOGIN, { input: { email: admin.email, password: TEST_PASSWORD } });
      expect(limited.extensions?.code).toBe('RATE_LIMITED');
      expect(limited.extensions?.['retryAfterSeconds']).toBeGreaterThan(20);
      expect(limited.extensions?.['retryAfterSeconds']).toBeLessThanOrEqual(30);

      // The owner, from their own address, signs in at once.
      await api.client.from('10.23.0.2').ok(LOGIN, { input: { email: admin.email, password: TEST_PASSWORD } });

      // After the wait the guesser may try again; one more failure doubles the wait.
      // Let the wait pass (moved back in time rather than slept through).
      const pair = `pair:${createHash('sha256').update(`${admin.email}\n10.23.0.1`).digest('hex')}`;
      expect(
        await countRows(
          `WITH moved AS (UPDATE login_throttles SET window_started_at = window_started_at - interval '31 seconds' WHERE key = $1 RETURNING 1) SELECT count(*) FROM moved`,
          [pair],
        ),
      ).toBe(1);
      expect(
        (await guesser.fails(LOGIN, { input: { email: admin.email, password: 'wrong guess 3' } })).extensions?.code,
      ).toBe('UNAUTHENTICATED');
      const longer = await guesser.fails(LOGIN, { input: { email: admin.email, password: TEST_PASSWORD } });
      expect(longer.extensions?.code).toBe('RATE_LIMITED');
      expect(longer.extensions?.['retryAfterSeconds']).toBeGreaterThan(50);
      expect(longer.extensions?.['retryAfterSeconds']).toBeLessThanOrEqual(60);
    });

    it('counts parallel guesses from one address before checking any', async () => {
      const { admin } = await registerAgency(api.client.from('10.24.0.100'), 'Parallel Agency');
      const guesses = await Promise.all(
        Array.from({ length: 12 }, (_, i) =>
          api.client.from('10.24.0.1').fails(LOGIN, { input: { email: admin.email, password: `parallel guess ${i}` } }),
        ),
      );
      const codes = guesses.map((error) => error.extensions?.code);
      expect(codes.filter((code) => code === 'UNAUTHENTICATED').length).toBeLessThanOrEqual(3);
      expect(codes.filter((code) => code === 'RATE_LIMITED').length).toBeGreaterThanOrEqual(9);
    });

    it('applies the slowdown to passwords tried through an invitation to an existing account', async () => {
      const owner = await registerAgency(api.client.from('10.25.0.100'), 'Invitation Owner');
      const victim = await inviteAndAccept(api.client.from('10.25.0.101'), owner.admin, 'CLIENT', 'Invited Victim');
      const attacker = await registerAgency(api.client.from('10.25.0.102'), 'Invitation Attacker');
      const invitation = await invite(api.client, attacker.admin, victim.email, 'CLIENT');
      const attempt = (password: string) =>
        api.client
          .from('10.25.0.1')
          .request(ACCEPT_INVITATION, { input: { token: invitation.token, name: 'Attacker', password } });
      for (let i = 0; i < 3; i += 1) {
        expect((await attempt(`wrong guess ${i} here`)).errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
      }
      expect((await attempt(TEST_PASSWORD)).errors?.[0].extensions?.code).toBe('RATE_LIMITED');
    });
  });
});

import { Client } from 'pg';
import { generateSync } from 'otplib';
import {
  AgencyFixture,
  createAgencyFixture,
  inviteAndAccept,
  LOGIN,
  SignedIn,
  startTestApi,
  TEST_PASSWORD,
  TestApi,
} from '@followthrough/server-testing';
import { IdentityModule } from './identity.module';

const START = 'mutation { startMfaEnrolment { secret otpauthUrl } }';
const CONFIRM = 'mutation C($input: MfaCodeInput!) { confirmMfaEnrolment(input: $input) }';
const VERIFY = 'mutation V($input: MfaCodeInput!) { verifyMfa(input: $input) }';
const DISABLE = 'mutation D($input: MfaCodeInput!) { disableMfa(input: $input) }';
const REQUIRE = 'mutation R($required: Boolean!) { setAgencyMfaRequired(required: $required) }';
const CHANGE_ROLE = 'mutation C($input: ChangeMemberRoleInput!) { changeMemberRole(input: $input) { role } }';
const ME = '{ me { user { id } } }';

const now = () => Math.floor(Date.now() / 1000);
const code = (secret: string, offsetSteps = 0) => generateSync({ secret, epoch: now() + offsetSteps * 30 });

async function sql(text: string, params: unknown[] = []) {
  const db = new Client({ connectionString: process.env['DATABASE_OWNER_URL'] });
  await db.connect();
  try {
    return (await db.query(text, params)).rows;
  } finally {
    await db.end();
  }
}

/** Lets the next code be accepted again in a test: the last used step goes back. */
async function forgetLastStep(userId: string) {
  await sql(`UPDATE users SET mfa_last_time_step = mfa_last_time_step - 10 WHERE id = $1`, [userId]);
}

describe('two-step sign-in (TOTP)', () => {
  let api: TestApi;
  let agency: AgencyFixture;

  beforeAll(async () => {
    api = await startTestApi([IdentityModule], { LOGIN_FREE_FAILURES: '50' });
    agency = await createAgencyFixture(api.client, 'Two Step Careers', 1, 1);
  });

  afterAll(() => api.close());

  async function enrol(person: SignedIn): Promise<{ secret: string; recoveryCodes: string[] }> {
    const { secret, otpauthUrl } = (await person.client.ok(START))['startMfaEnrolment'];
    expect(otpauthUrl).toMatch(/^otpauth:\/\/totp\/Followthrough:/);
    expect(otpauthUrl).toContain(`secret=${secret}`);
    const wrong = await person.client.fails(CONFIRM, { input: { code: code(secret, 5) } });
    expect(wrong.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.code' });
    const recoveryCodes = (await person.client.ok(CONFIRM, { input: { code: code(secret) } }))[
      'confirmMfaEnrolment'
    ] as string[];
    expect(recoveryCodes).toHaveLength(10);
    expect(new Set(recoveryCodes).size).toBe(10);
    return { secret, recoveryCodes };
  }

  const login = (email: string, otp?: string) =>
    api.client.request(LOGIN, { input: { email, password: TEST_PASSWORD, ...(otp ? { otp } : {}) } });

  it('enrols, then asks for a code at sign-in and accepts one from the step before, now and after', async () => {
    const member = await inviteAndAccept(api.client, agency.admin, 'CLIENT', 'Totp Client');
    const { secret } = await enrol(member);

    const withoutCode = await login(member.email);
    expect(withoutCode.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.otp' });
    const wrongCode = await login(member.email, code(secret, 3));
    expect(wrongCode.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.otp' });

    for (const skew of [-1, 0, 1]) {
      await forgetLastStep(member.userId);
      const answer = await login(member.email, code(secret, skew));
      expect({ skew, errors: answer.errors }).toEqual({ skew, errors: undefined });
    }
    for (const skew of [-3, 3]) {
      await forgetLastStep(member.userId);
      expect((await login(member.email, code(secret, skew))).errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    }
  });

  it('accepts a code once only', async () => {
    const member = await inviteAndAccept(api.client, agency.admin, 'CLIENT', 'Replay Client');
    const { secret } = await enrol(member);
    await forgetLastStep(member.userId);
    const once = code(secret);
    expect((await login(member.email, once)).errors).toBeUndefined();
    expect((await login(member.email, once)).errors?.[0].extensions?.field).toBe('input.otp');
  });

  it('signs in with a recovery code, once; case and dashes do not matter', async () => {
    const member = await inviteAndAccept(api.client, agency.admin, 'CLIENT', 'Recovery Client');
    const { recoveryCodes } = await enrol(member);
    const typed = recoveryCodes[3].toUpperCase().replace(/-/g, ' ');
    const answer = await login(member.email, typed);
    expect(answer.errors).toBeUndefined();
    expect((await login(member.email, recoveryCodes[3])).errors?.[0].extensions?.field).toBe('input.otp');
    expect((await login(member.email, recoveryCodes[4])).errors).toBeUndefined();
  });

  it('asks for a recent code before a role change, and before turning two-step sign-in off', async () => {
    const { admin } = agency;
    const { secret } = await enrol(admin);
    const member = await inviteAndAccept(api.client, admin, 'CLIENT', 'Step Up Client');
    // The code at enrolment counts as a step-up for ten minutes; then it is stale.
    await admin.client.ok(CHANGE_ROLE, { input: { userId: member.userId, role: 'COACH' } });
    await sql(`UPDATE auth_sessions SET mfa_verified_at = now() - interval '11 minutes' WHERE user_id = $1`, [
      admin.userId,
    ]);
    const refused = await admin.client.fails(CHANGE_ROLE, { input: { userId: member.userId, role: 'CLIENT' } });
    expect(refused.extensions?.code).toBe('FORBIDDEN');
    expect(refused.message).toMatch(/verifyMfa/);
    await forgetLastStep(admin.userId);
    expect((await admin.client.ok(VERIFY, { input: { code: code(secret) } }))['verifyMfa']).toBe(true);
    await admin.client.ok(CHANGE_ROLE, { input: { userId: member.userId, role: 'CLIENT' } });

    expect((await admin.client.fails(DISABLE, { input: { code: '000000' } })).extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('lets an agency require it for admins and coaches: until they set it up, only enrolment is open', async () => {
    const other = await createAgencyFixture(api.client, 'Strict Careers', 1, 1);
    // The admin must have it first, or they would lock themselves out.
    expect((await other.admin.client.fails(REQUIRE, { required: true })).extensions?.field).toBe('required');
    await enrol(other.admin);
    expect((await other.admin.client.ok(REQUIRE, { required: true }))['setAgencyMfaRequired']).toBe(true);

    const coach = other.coaches[0];
    const blocked = await coach.client.fails('{ myClients { userId } }');
    expect(blocked.extensions?.code).toBe('FORBIDDEN');
    expect(blocked.message).toMatch(/two-step sign-in/);
    await coach.client.ok(ME);
    const { secret } = await enrol(coach);
    await coach.client.ok('{ myClients { userId } }');
    // Clients are not affected.
    await other.clients[0].client.ok(ME);
    // And a coach of such an agency cannot turn it off again.
    await forgetLastStep(coach.userId);
    expect((await coach.client.fails(DISABLE, { input: { code: code(secret) } })).message).toMatch(
      /requires two-step sign-in/,
    );
  });

  it('turns off with a current code', async () => {
    const member = await inviteAndAccept(api.client, agency.admin, 'CLIENT', 'Turn Off Client');
    const { secret } = await enrol(member);
    await forgetLastStep(member.userId);
    expect((await member.client.ok(DISABLE, { input: { code: code(secret) } }))['disableMfa']).toBe(true);
    expect((await login(member.email)).errors).toBeUndefined();
  });
});

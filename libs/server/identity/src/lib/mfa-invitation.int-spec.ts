import { generateSync } from 'otplib';
import {
  ACCEPT_INVITATION,
  invite,
  registerAgency,
  startTestApi,
  TEST_PASSWORD,
  TestApi,
} from '@followthrough/server-testing';
import { IdentityModule } from './identity.module';

const START = 'mutation { startMfaEnrolment { secret } }';
const CONFIRM = 'mutation C($input: MfaCodeInput!) { confirmMfaEnrolment(input: $input) }';

describe('joining another agency with two-step sign-in on', () => {
  let api: TestApi;

  beforeAll(async () => {
    api = await startTestApi([IdentityModule]);
  });

  afterAll(() => api.close());

  it('asks for a code as well as the password, and the session it starts counts as verified', async () => {
    const { admin: person } = await registerAgency(api.client, 'Home With Codes');
    const { secret } = (await person.client.ok(START))['startMfaEnrolment'] as { secret: string };
    await person.client.ok(CONFIRM, { input: { code: generateSync({ secret }) } });

    const { admin: other } = await registerAgency(api.client, 'Second Agency');
    const invitation = await invite(api.client, other, person.email, 'COACH');
    const input = { token: invitation.token, name: 'Same Person', password: TEST_PASSWORD };

    const withoutCode = await api.client.fails(ACCEPT_INVITATION, { input });
    expect(withoutCode.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.otp' });
    const wrongCode = await api.client.fails(ACCEPT_INVITATION, { input: { ...input, otp: '000000' } });
    expect(wrongCode.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.otp' });

    const next = generateSync({ secret, epoch: Date.now() / 1000 + 30 });
    const joined = (await api.client.ok(ACCEPT_INVITATION, { input: { ...input, otp: next } }))['acceptInvitation'];
    expect(joined.membership.role).toBe('COACH');
    // The invitation was used once, by the right person with both factors.
    const again = await api.client.fails(ACCEPT_INVITATION, { input: { ...input, otp: next } });
    expect(again.extensions?.code).toBe('BAD_USER_INPUT');
  });
});

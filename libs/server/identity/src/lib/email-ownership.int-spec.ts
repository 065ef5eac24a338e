import {
  ACCEPT_INVITATION,
  COMPLETE_SIGN_UP,
  countOf,
  INVITATION_SUBJECT,
  invitationToken,
  INVITE_MEMBER,
  LOGIN,
  mailText,
  mailTo,
  registerAgency,
  REGISTER_AGENCY,
  SIGN_UP_SUBJECT,
  signUpToken,
  startTestApi,
  TEST_PASSWORD,
  TestApi,
  TestSmtpServer,
  uniqueEmail,
} from '@followthrough/server-testing';
import { SignedLinkService } from '@followthrough/server-core';
import { IdentityModule } from './identity.module';

const VICTIM_PASSWORD = 'orchard violin seventy 3';
const SQUATTER_PASSWORD = 'granite pelican 4 lanterns';
const INVITATIONS = `query { invitations { id email role } }`;

function signUpInput(email: string, agencyName = 'Ownership Agency') {
  return { input: { agencyName, timezone: 'Europe/Paris', adminName: 'Sam Owner', adminEmail: email } };
}

describe('e-mail ownership', () => {
  let api: TestApi;
  const smtp = new TestSmtpServer();

  beforeAll(async () => {
    await smtp.start();
    api = await startTestApi([IdentityModule], { SMTP_URL: smtp.url, PUBLIC_URL: 'http://localhost:4300' });
  });

  afterAll(async () => {
    await api.close();
    await smtp.stop();
  });

  it('answers sign-up the same whether the address is new or not; its owner is told by e-mail instead', async () => {
    const { admin } = await registerAgency(api.client, 'Owner Agency');
    const fresh = uniqueEmail('fresh');
    const before = smtp.received.length;
    const taken = await api.client.from('10.50.0.1').request(REGISTER_AGENCY, signUpInput(admin.email));
    const untaken = await api.client.from('10.50.0.1').request(REGISTER_AGENCY, signUpInput(fresh));
    expect(taken).toEqual(untaken);
    expect(taken).toEqual({ status: 200, data: { registerAgency: true } });

    const warning = await mailTo(smtp, admin.email, /^Someone tried to sign up/);
    expect(await mailText(warning)).toContain('http://localhost:4300/forgot-password');
    // The existing account's owner gets no link that would make a second account.
    const sinceThen = smtp.received.slice(before);
    expect(sinceThen.filter((m) => m.to.includes(admin.email) && SIGN_UP_SUBJECT.test(m.subject ?? ''))).toEqual([]);

    // Nothing exists for the new address until its link is followed.
    await mailTo(smtp, fresh, SIGN_UP_SUBJECT);
    expect(await countOf('SELECT count(*) FROM users WHERE email = $1', [fresh])).toBe(0);
    const early = await api.client.fails(LOGIN, { input: { email: fresh, password: TEST_PASSWORD } });
    expect(early.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('creates the agency from the link with the password chosen then; the link works once and only for sign-up', async () => {
    const email = uniqueEmail('founder');
    await api.client.ok(REGISTER_AGENCY, signUpInput(email, 'Linked Agency'));
    const mail = await mailTo(smtp, email, SIGN_UP_SUBJECT);
    expect(await mailText(mail)).toMatch(/"Linked Agency"[\s\S]*24 hours/);
    const token = await signUpToken(api.client, email);

    const weak = await api.client.fails(COMPLETE_SIGN_UP, { input: { token, password: '1q2w3e4r5t6y' } });
    expect(weak.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.password' });

    const done = (await api.client.ok(COMPLETE_SIGN_UP, { input: { token, password: TEST_PASSWORD } }))[
      'completeSignUp'
    ];
    expect(done.user.email).toBe(email);
    expect(done.membership).toMatchObject({ role: 'AGENCY_ADMIN', agency: { name: 'Linked Agency' } });

    const again = await api.client.fails(COMPLETE_SIGN_UP, { input: { token, password: TEST_PASSWORD } });
    expect(again.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.token' });
    expect(again.message).toMatch(/already used/);
    expect(await countOf('SELECT count(*) FROM agencies WHERE name = $1', ['Linked Agency'])).toBeGreaterThanOrEqual(1);

    // A genuine link of another purpose, or a changed character, is not a sign-up link.
    const links = api.app.get(SignedLinkService);
    const other = links.sign('password-reset', { e: 'x@example.test', a: 'A', t: 'Europe/Paris', n: 'N' });
    for (const bad of [other, `${token.slice(0, -2)}xx`]) {
      const refused = await api.client.fails(COMPLETE_SIGN_UP, { input: { token: bad, password: TEST_PASSWORD } });
      expect(refused.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.token' });
    }
  });

  it('lets nobody squat an address: an admin never sees the token of an invitation they send', async () => {
    const victim = uniqueEmail('victim');
    const { admin: squatter } = await registerAgency(api.client, 'Squatter Agency');

    // The answer and the listing carry no token any more.
    const asked = await squatter.client.request(
      `mutation { inviteMember(input: { email: "${victim}", role: COACH }) { id token } }`,
    );
    expect(asked.errors?.[0]?.message).toMatch(/Cannot query field "token" on type "Invitation"/);
    const invited = (await squatter.client.ok(INVITE_MEMBER, { input: { email: victim, role: 'COACH' } }))[
      'inviteMember'
    ];
    expect(Object.keys(invited).sort()).toEqual(['email', 'expiresAt', 'id', 'role']);
    expect((await squatter.client.ok(INVITATIONS))['invitations']).toEqual([
      { id: invited.id, email: victim, role: 'COACH' },
    ]);
    // The link went to the victim's mailbox alone.
    const squatterMail = await mailTo(smtp, victim, /invited you to Squatter Agency/);
    expect(squatterMail.to).toEqual([victim]);

    // Signing up with the victim's address creates nothing either.
    await api.client.ok(REGISTER_AGENCY, signUpInput(victim, 'Squatter Two'));
    expect(await countOf('SELECT count(*) FROM users WHERE email = $1', [victim])).toBe(0);

    // The victim's own agency invites them later: they join with a password of their own.
    const { admin: real } = await registerAgency(api.client, 'Real Agency');
    await real.client.ok(INVITE_MEMBER, { input: { email: victim, role: 'COACH' } });
    const mail = await mailTo(smtp, victim, /invited you to Real Agency/);
    expect(await mailText(mail)).toMatch(
      /Real Agency Admin invited you to join Real Agency on Followthrough as a coach/,
    );
    const joined = (
      await api.client.ok(ACCEPT_INVITATION, {
        input: { token: await invitationToken(api.client, victim), name: 'Vic Tim', password: VICTIM_PASSWORD },
      })
    )['acceptInvitation'];
    expect(joined.membership.agency.name).toBe('Real Agency');
    await api.client.ok(LOGIN, { input: { email: victim, password: VICTIM_PASSWORD } });
    const guessed = await api.client.fails(LOGIN, { input: { email: victim, password: SQUATTER_PASSWORD } });
    expect(guessed.extensions?.code).toBe('UNAUTHENTICATED');
    expect(INVITATION_SUBJECT.test(mail.subject ?? '')).toBe(true);
  });

  it('makes no invitation when its e-mail cannot be sent, and says so', async () => {
    const { admin } = await registerAgency(api.client, 'Mail Down Agency');
    smtp.rejectWith = { code: 451, message: 'try again later' };
    try {
      const error = await admin.client.fails(INVITE_MEMBER, { input: { email: uniqueEmail('lost'), role: 'CLIENT' } });
      expect(error.extensions?.code).toBe('MAIL_UNAVAILABLE');
      expect(error.message).toMatch(/no invitation was made/);
    } finally {
      smtp.rejectWith = null;
    }
    expect((await admin.client.ok(INVITATIONS))['invitations']).toEqual([]);
  });
});

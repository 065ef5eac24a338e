import { createHmac } from 'node:crypto';
import { Client } from 'pg';
import {
  ACCEPT_INVITATION,
  AgencyFixture,
  createAgencyFixture,
  inviteAndAccept,
  invite,
  LOGIN,
  startTestApi,
  TEST_PASSWORD,
  TestApi,
  uniqueEmail,
} from '@followthrough/server-testing';
import { IdentityModule } from './identity.module';

const ME = '{ me { user { id } membership { role agency { id } } } }';
const MEMBERS = '{ members { userId role } }';
const INVITATIONS = '{ invitations { id email role expiresAt } }';
const REVOKE_INVITATION = 'mutation R($id: ID!) { revokeInvitation(invitationId: $id) }';
const REMOVE_MEMBER = 'mutation R($userId: ID!) { removeMember(userId: $userId) }';
const CHANGE_ROLE = 'mutation C($input: ChangeMemberRoleInput!) { changeMemberRole(input: $input) { userId role } }';
const CHANGE_PASSWORD = 'mutation P($input: ChangePasswordInput!) { changePassword(input: $input) }';
const SIGN_OUT = 'mutation { signOut }';
const SIGN_OUT_EVERYWHERE = 'mutation { signOutEverywhere }';
const SECRET = 'followthrough-development-secret-not-for-production-use';

function base64url(value: object): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

function sign(claims: Record<string, unknown>): string {
  const unsigned = `${base64url({ alg: 'HS256', typ: 'JWT' })}.${base64url(claims)}`;
  return `${unsigned}.${createHmac('sha256', SECRET).update(unsigned).digest('base64url')}`;
}

function claimsOf(token: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString());
}

async function sql(text: string, params: unknown[] = []) {
  const db = new Client({ connectionString: process.env['DATABASE_OWNER_URL'] });
  await db.connect();
  try {
    return (await db.query(text, params)).rows;
  } finally {
    await db.end();
  }
}

describe('sessions and the member lifecycle', () => {
  let api: TestApi;
  let agency: AgencyFixture;
  let other: AgencyFixture;

  beforeAll(async () => {
    api = await startTestApi([IdentityModule]);
    agency = await createAgencyFixture(api.client, 'Lifecycle Careers', 1, 1);
    other = await createAgencyFixture(api.client, 'Other Careers', 0, 0);
  });

  afterAll(() => api.close());

  describe('tokens are checked against current state', () => {
    const now = () => Math.floor(Date.now() / 1000);

    it('refuses a correctly signed admin token for an agency the subject is not a member of', async () => {
      const forged = sign({ ...claimsOf(agency.clients[0].token), agency: other.agencyId, role: 'AGENCY_ADMIN' });
      expect((await api.client.as(forged).fails(MEMBERS)).extensions?.code).toBe('UNAUTHENTICATED');
    });

    it('refuses a correctly signed token that raises its own role', async () => {
      const forged = sign({ ...claimsOf(agency.clients[0].token), role: 'AGENCY_ADMIN' });
      expect((await api.client.as(forged).fails(MEMBERS)).extensions?.code).toBe('UNAUTHENTICATED');
    });

    it('refuses a correctly signed token with made-up ids', async () => {
      const forged = sign({
        ...claimsOf(agency.admin.token),
        sub: '00000000-0000-4000-8000-000000000001',
        membership: '00000000-0000-4000-8000-000000000002',
      });
      expect((await api.client.as(forged).fails(ME)).extensions?.code).toBe('UNAUTHENTICATED');
    });

    it('refuses a correctly signed token without exp, or living longer than 15 minutes', async () => {
      const { exp: _exp, ...noExp } = claimsOf(agency.admin.token);
      expect((await api.client.as(sign(noExp)).fails(ME)).extensions?.code).toBe('UNAUTHENTICATED');
      const long = sign({ ...claimsOf(agency.admin.token), iat: now(), exp: now() + 86_400 });
      expect((await api.client.as(long).fails(ME)).extensions?.code).toBe('UNAUTHENTICATED');
    });

    it('issues tokens that expire within 15 minutes', () => {
      const claims = claimsOf(agency.admin.token) as { iat: number; exp: number };
      expect(claims.exp - claims.iat).toBeLessThanOrEqual(900);
    });
  });

  describe('invitations', () => {
    it('lists pending invitations only, for admins', async () => {
      const pending = await invite(api.client, agency.admin, uniqueEmail('pending'), 'CLIENT');
      const accepted = await invite(api.client, agency.admin, uniqueEmail('taken'), 'CLIENT');
      await api.client.ok(ACCEPT_INVITATION, {
        input: { token: accepted.token, name: 'Taken', password: TEST_PASSWORD },
      });
      const expired = await invite(api.client, agency.admin, uniqueEmail('old'), 'CLIENT');
      await sql(`UPDATE invitations SET expires_at = now() - interval '1 minute' WHERE id = $1`, [expired.id]);

      const listed = (await agency.admin.client.ok(INVITATIONS))['invitations'] as { id: string; email: string }[];
      const ids = listed.map((i) => i.id);
      expect(ids).toContain(pending.id);
      expect(ids).not.toContain(accepted.id);
      expect(ids).not.toContain(expired.id);
      expect(listed.find((i) => i.id === pending.id)).toMatchObject({ email: pending.email, role: 'CLIENT' });
      expect((await other.admin.client.ok(INVITATIONS))['invitations']).toEqual([]);
      expect((await agency.coaches[0].client.fails(INVITATIONS)).extensions?.code).toBe('FORBIDDEN');
    });

    it('revokes an invitation: its token no longer works; another agency cannot revoke it', async () => {
      const invitation = await invite(api.client, agency.admin, uniqueEmail('revoked'), 'COACH');
      expect((await other.admin.client.fails(REVOKE_INVITATION, { id: invitation.id })).extensions?.code).toBe(
        'NOT_FOUND',
      );
      expect((await agency.admin.client.ok(REVOKE_INVITATION, { id: invitation.id }))['revokeInvitation']).toBe(true);
      const error = await api.client.fails(ACCEPT_INVITATION, {
        input: { token: invitation.token, name: 'Too Late', password: TEST_PASSWORD },
      });
      expect(error.extensions?.code).toBe('BAD_USER_INPUT');
      expect((await agency.admin.client.fails(REVOKE_INVITATION, { id: invitation.id })).extensions?.code).toBe(
        'NOT_FOUND',
      );
    });
  });

  describe('members', () => {
    it("ends a removed coach's access on the next request", async () => {
      const coach = await inviteAndAccept(api.client, agency.admin, 'COACH', 'Leaving Coach');
      await coach.client.ok(ME);
      expect((await agency.admin.client.ok(REMOVE_MEMBER, { userId: coach.userId }))['removeMember']).toBe(true);
      expect((await coach.client.fails(ME)).extensions?.code).toBe('UNAUTHENTICATED');
      const members = (await agency.admin.client.ok(MEMBERS))['members'] as { userId: string }[];
      expect(members.map((m) => m.userId)).not.toContain(coach.userId);
      // The account itself is left alone (it may belong to other agencies) but cannot sign in here.
      const login = await api.client.fails(LOGIN, {
        input: { email: coach.email, password: TEST_PASSWORD, agencyId: agency.agencyId },
      });
      expect(login.extensions?.code).toBe('UNAUTHENTICATED');
    });

    it("refuses to remove oneself, another agency's member or an unknown id", async () => {
      expect((await agency.admin.client.fails(REMOVE_MEMBER, { userId: agency.admin.userId })).extensions?.code).toBe(
        'BAD_USER_INPUT',
      );
      expect(
        (await other.admin.client.fails(REMOVE_MEMBER, { userId: agency.clients[0].userId })).extensions?.code,
      ).toBe('NOT_FOUND');
      expect(
        (await agency.coaches[0].client.fails(REMOVE_MEMBER, { userId: agency.clients[0].userId })).extensions?.code,
      ).toBe('FORBIDDEN');
      await agency.clients[0].client.ok(ME);
    });

    it('changes a role: the old token stops working, a new sign-in carries the new role', async () => {
      const member = await inviteAndAccept(api.client, agency.admin, 'CLIENT', 'Promoted Client');
      const changed = (await agency.admin.client.ok(CHANGE_ROLE, { input: { userId: member.userId, role: 'COACH' } }))[
        'changeMemberRole'
      ];
      expect(changed).toEqual({ userId: member.userId, role: 'COACH' });
      expect((await member.client.fails(ME)).extensions?.code).toBe('UNAUTHENTICATED');
      const again = (await api.client.ok(LOGIN, { input: { email: member.email, password: TEST_PASSWORD } }))['login'];
      expect(again.membership.role).toBe('COACH');
    });

    it('keeps at least one admin', async () => {
      const error = await agency.admin.client.fails(CHANGE_ROLE, {
        input: { userId: agency.admin.userId, role: 'COACH' },
      });
      expect(error.extensions?.code).toBe('BAD_USER_INPUT');
    });
  });

  describe('signing out and passwords', () => {
    it('signOut ends this session only; signOutEverywhere ends all of them', async () => {
      const member = await inviteAndAccept(api.client, agency.admin, 'CLIENT', 'Two Devices');
      const second = api.client.as(
        (await api.client.ok(LOGIN, { input: { email: member.email, password: TEST_PASSWORD } }))['login'].accessToken,
      );
      const third = api.client.as(
        (await api.client.ok(LOGIN, { input: { email: member.email, password: TEST_PASSWORD } }))['login'].accessToken,
      );
      expect((await member.client.ok(SIGN_OUT))['signOut']).toBe(true);
      expect((await member.client.fails(ME)).extensions?.code).toBe('UNAUTHENTICATED');
      await second.ok(ME);
      expect((await second.ok(SIGN_OUT_EVERYWHERE))['signOutEverywhere']).toBe(true);
      expect((await second.fails(ME)).extensions?.code).toBe('UNAUTHENTICATED');
      expect((await third.fails(ME)).extensions?.code).toBe('UNAUTHENTICATED');
    });

    it('changePassword checks the current one, ends every other session and keeps this one', async () => {
      const member = await inviteAndAccept(api.client, agency.admin, 'CLIENT', 'Password Changer');
      const elsewhere = api.client.as(
        (await api.client.ok(LOGIN, { input: { email: member.email, password: TEST_PASSWORD } }))['login'].accessToken,
      );
      const wrong = await member.client.fails(CHANGE_PASSWORD, {
        input: { currentPassword: 'not my password', newPassword: 'a brand new walnut phrase' },
      });
      expect(wrong).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', field: 'input.currentPassword' } });
      const weak = await member.client.fails(CHANGE_PASSWORD, {
        input: { currentPassword: TEST_PASSWORD, newPassword: 'password1234' },
      });
      expect(weak.extensions?.field).toBe('input.newPassword');
      expect(
        (
          await member.client.ok(CHANGE_PASSWORD, {
            input: { currentPassword: TEST_PASSWORD, newPassword: 'a brand new walnut phrase' },
          })
        )['changePassword'],
      ).toBe(true);
      expect((await elsewhere.fails(ME)).extensions?.code).toBe('UNAUTHENTICATED');
      await member.client.ok(ME);
      expect(
        (await api.client.fails(LOGIN, { input: { email: member.email, password: TEST_PASSWORD } })).extensions?.code,
      ).toBe('UNAUTHENTICATED');
      await api.client.ok(LOGIN, { input: { email: member.email, password: 'a brand new walnut phrase' } });
    });
  });
});

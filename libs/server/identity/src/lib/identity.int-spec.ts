import { createHmac } from 'node:crypto';
import { Client } from 'pg';
import {
  ACCEPT_INVITATION,
  AgencyFixture,
  ASSIGN_CLIENT,
  createAgencyFixture,
  invite,
  INVITE_MEMBER,
  LOGIN,
  REGISTER_AGENCY,
  startTestApi,
  TEST_PASSWORD,
  TestApi,
  uniqueEmail,
} from '@followthrough/server-testing';
import { IdentityModule } from './identity.module';

const ME = '{ me { user { id email } membership { role agency { id name } } } }';
const MEMBERS = '{ members { userId email role } }';
const MY_CLIENTS = '{ myClients { userId name } }';
const UNASSIGN = 'mutation U($input: AssignClientInput!) { unassignClient(input: $input) }';
const ASSIGN_MANY = `mutation M($input: AssignClientsToCoachInput!) {
  assignClientsToCoach(input: $input) { userId coachUserIds } }`;
const WHO_COACHES_WHOM = '{ members { userId role coachUserIds clientUserIds } }';

function base64url(value: object): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

function signToken(
  claims: Record<string, unknown>,
  secret: string,
  header: Record<string, unknown> = { alg: 'HS256', typ: 'JWT' },
) {
  const unsigned = `${base64url(header)}.${base64url(claims)}`;
  const signature = header['alg'] === 'none' ? '' : createHmac('sha256', secret).update(unsigned).digest('base64url');
  return `${unsigned}.${signature}`;
}

async function countRows(sql: string, params: unknown[] = []): Promise<number> {
  const db = new Client({ connectionString: process.env['DATABASE_OWNER_URL'] });
  await db.connect();
  try {
    const result = await db.query(sql, params);
    return Number(result.rows[0].count);
  } finally {
    await db.end();
  }
}

describe('identity over HTTP', () => {
  let api: TestApi;
  let agencyA: AgencyFixture;
  let agencyB: AgencyFixture;

  beforeAll(async () => {
    api = await startTestApi([IdentityModule], { LOGIN_FREE_FAILURES: '3' });
    agencyA = await createAgencyFixture(api.client, 'Alpha Careers', 2, 3);
    agencyB = await createAgencyFixture(api.client, 'Beta Coaching', 1, 1);
  });

  afterAll(() => api.close());

  describe('registration, invitations and me', () => {
    it('signs the new admin in to the new agency', async () => {
      const me = (await agencyA.admin.client.ok(ME))['me'];
      expect(me.membership.role).toBe('AGENCY_ADMIN');
      expect(me.membership.agency.name).toBe('Alpha Careers');
      expect(me.user.email).toBe(agencyA.admin.email);
    });

    it('lets an invited coach and client join with their roles', async () => {
      const coachMe = (await agencyA.coaches[0].client.ok(ME))['me'];
      expect(coachMe.membership).toEqual({ role: 'COACH', agency: { id: agencyA.agencyId, name: 'Alpha Careers' } });
      const members = (await agencyA.admin.client.ok(MEMBERS))['members'] as { role: string }[];
      expect(members.map((m) => m.role).sort()).toEqual([
        'AGENCY_ADMIN',
        'CLIENT',
        'CLIENT',
        'CLIENT',
        'COACH',
        'COACH',
      ]);
    });

    it('refuses a reused invitation', async () => {
      const invitation = await invite(api.client, agencyA.admin, uniqueEmail('once'), 'CLIENT');
      await api.client.ok(ACCEPT_INVITATION, {
        input: { token: invitation.token, name: 'First Use', password: TEST_PASSWORD },
      });
      const error = await api.client.fails(ACCEPT_INVITATION, {
        input: { token: invitation.token, name: 'Second Use', password: TEST_PASSWORD },
      });
      expect(error.extensions?.code).toBe('BAD_USER_INPUT');
      expect(error.message).toMatch(/already used or expired/);
    });

    it('refuses an expired invitation and creates no account', async () => {
      const email = uniqueEmail('late');
      const invitation = await invite(api.client, agencyA.admin, email, 'CLIENT');
      const db = new Client({ connectionString: process.env['DATABASE_OWNER_URL'] });
      await db.connect();
      await db.query(`UPDATE invitations SET expires_at = now() - interval '1 minute' WHERE id = $1`, [invitation.id]);
      await db.end();
      const error = await api.client.fails(ACCEPT_INVITATION, {
        input: { token: invitation.token, name: 'Late', password: TEST_PASSWORD },
      });
      expect(error.extensions?.code).toBe('BAD_USER_INPUT');
      expect(await countRows('SELECT count(*) FROM users WHERE email = $1', [email])).toBe(0);
    });

    it('stores only a hash of the invitation token', async () => {
      const invitation = await invite(api.client, agencyA.admin, uniqueEmail('hash'), 'COACH');
      expect(await countRows('SELECT count(*) FROM invitations WHERE token_hash = $1', [invitation.token])).toBe(0);
      expect(await countRows('SELECT count(*) FROM invitations WHERE id = $1', [invitation.id])).toBe(1);
    });
  });

  describe('roles and assignments', () => {
    it('shows a coach the assigned clients and not the others', async () => {
      // Clients 1 and 3 go to coach 1, client 2 to coach 2.
      const mine = (await agencyA.coaches[0].client.ok(MY_CLIENTS))['myClients'] as { userId: string }[];
      expect(mine.map((c) => c.userId).sort()).toEqual([agencyA.clients[0].userId, agencyA.clients[2].userId].sort());
      expect(mine.map((c) => c.userId)).not.toContain(agencyA.clients[1].userId);
    });

    it('removes a client from a coach on unassignment', async () => {
      const input = { coachUserId: agencyA.coaches[1].userId, clientUserId: agencyA.clients[1].userId };
      expect((await agencyA.admin.client.ok(UNASSIGN, { input }))['unassignClient']).toBe(true);
      expect((await agencyA.coaches[1].client.ok(MY_CLIENTS))['myClients']).toEqual([]);
      await agencyA.admin.client.ok(ASSIGN_CLIENT, { input });
      expect((await agencyA.coaches[1].client.ok(MY_CLIENTS))['myClients']).toHaveLength(1);
    });

    it('assigns several clients to a coach at once, and the members list says who coaches whom', async () => {
      const fresh = await createAgencyFixture(api.client, 'Gamma Bulk', 2, 3);
      const [coach, other] = fresh.coaches;
      const clientIds = fresh.clients.map((client) => client.userId);
      const assigned = (
        await fresh.admin.client.ok(ASSIGN_MANY, { input: { coachUserId: other.userId, clientUserIds: clientIds } })
      )['assignClientsToCoach'] as { userId: string; coachUserIds: string[] }[];
      expect(assigned.map((client) => client.userId).sort()).toEqual([...clientIds].sort());
      for (const client of assigned) expect(client.coachUserIds).toContain(other.userId);
      // Assigning again changes nothing and fails nothing.
      await fresh.admin.client.ok(ASSIGN_MANY, { input: { coachUserId: other.userId, clientUserIds: clientIds } });

      const members = (await fresh.admin.client.ok(WHO_COACHES_WHOM))['members'] as {
        userId: string;
        coachUserIds: string[];
        clientUserIds: string[];
      }[];
      const byId = new Map(members.map((member) => [member.userId, member]));
      expect([...(byId.get(other.userId)?.clientUserIds ?? [])].sort()).toEqual([...clientIds].sort());
      expect(byId.get(coach.userId)?.clientUserIds).toEqual(
        expect.arrayContaining([fresh.clients[0].userId, fresh.clients[2].userId]),
      );
      expect(byId.get(fresh.clients[1].userId)?.coachUserIds).toEqual([other.userId]);
      expect(byId.get(fresh.admin.userId)).toMatchObject({ coachUserIds: [], clientUserIds: [] });
    });

    it('assigns nothing when one of the clients is not a client of the agency', async () => {
      const coach = agencyA.coaches[1];
      const before = await countRows('SELECT count(*) FROM coach_assignments WHERE coach_user_id = $1', [coach.userId]);
      const error = await agencyA.admin.client.fails(ASSIGN_MANY, {
        input: { coachUserId: coach.userId, clientUserIds: [agencyA.clients[0].userId, agencyB.clients[0].userId] },
      });
      expect(error.extensions?.code).toBe('NOT_FOUND');
      const notAClient = await agencyA.admin.client.fails(ASSIGN_MANY, {
        input: { coachUserId: coach.userId, clientUserIds: [agencyA.coaches[0].userId] },
      });
      expect(notAClient.extensions?.code).toBe('NOT_FOUND');
      const none = await agencyA.admin.client.fails(ASSIGN_MANY, {
        input: { coachUserId: coach.userId, clientUserIds: [] },
      });
      expect(none.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.clientUserIds' });
      expect(await countRows('SELECT count(*) FROM coach_assignments WHERE coach_user_id = $1', [coach.userId])).toBe(
        before,
      );
      expect(
        (
          await agencyA.coaches[0].client.fails(ASSIGN_MANY, {
            input: { coachUserId: coach.userId, clientUserIds: [agencyA.clients[0].userId] },
          })
        ).extensions?.code,
      ).toBe('FORBIDDEN');
    });

    it.each([
      ['members', MEMBERS, {}],
      ['inviteMember', INVITE_MEMBER, { input: { email: 'x@example.test', role: 'CLIENT' } }],
      [
        'assignClient',
        ASSIGN_CLIENT,
        {
          input: {
            coachUserId: '00000000-0000-4000-8000-000000000000',
            clientUserId: '00000000-0000-4000-8000-000000000000',
          },
        },
      ],
    ])('refuses a client calling the admin operation %s', async (_name, query, variables) => {
      const error = await agencyA.clients[0].client.fails(query, variables);
      expect(error.extensions?.code).toBe('FORBIDDEN');
    });

    it('refuses a coach calling members and an admin calling myClients', async () => {
      expect((await agencyA.coaches[0].client.fails(MEMBERS)).extensions?.code).toBe('FORBIDDEN');
      expect((await agencyA.admin.client.fails(MY_CLIENTS)).extensions?.code).toBe('FORBIDDEN');
    });
  });

  describe('tenant isolation', () => {
    it("does not show agency A's people to agency B's admin", async () => {
      const members = (await agencyB.admin.client.ok(MEMBERS))['members'] as { userId: string }[];
      const aIds = [agencyA.admin, ...agencyA.coaches, ...agencyA.clients].map((p) => p.userId);
      expect(members.map((m) => m.userId).filter((id) => aIds.includes(id))).toEqual([]);
      expect(members).toHaveLength(3);
    });

    it("answers NOT_FOUND when agency B's admin assigns agency A's people", async () => {
      const crossCoach = await agencyB.admin.client.fails(ASSIGN_CLIENT, {
        input: { coachUserId: agencyA.coaches[0].userId, clientUserId: agencyB.clients[0].userId },
      });
      expect(crossCoach.extensions?.code).toBe('NOT_FOUND');
      const crossClient = await agencyB.admin.client.fails(ASSIGN_CLIENT, {
        input: { coachUserId: agencyB.coaches[0].userId, clientUserId: agencyA.clients[0].userId },
      });
      expect(crossClient.extensions?.code).toBe('NOT_FOUND');
      const crossUnassign = await agencyB.admin.client.fails(UNASSIGN, {
        input: { coachUserId: agencyA.coaches[0].userId, clientUserId: agencyA.clients[0].userId },
      });
      expect(crossUnassign.extensions?.code).toBe('NOT_FOUND');
      // Agency A's assignment is untouched.
      expect((await agencyA.coaches[0].client.ok(MY_CLIENTS))['myClients']).toHaveLength(2);
    });

    it("keeps B's invitations in B: the invitee joins B, never A", async () => {
      const invitation = await invite(api.client, agencyB.admin, uniqueEmail('bonly'), 'COACH');
      const joined = (
        await api.client.ok(ACCEPT_INVITATION, {
          input: { token: invitation.token, name: 'B Only', password: TEST_PASSWORD },
        })
      )['acceptInvitation'];
      expect(joined.membership.agency.id).toBe(agencyB.agencyId);
      const aMembers = (await agencyA.admin.client.ok(MEMBERS))['members'] as { userId: string }[];
      expect(aMembers.map((m) => m.userId)).not.toContain(joined.user.id);
    });
  });

  describe('tokens', () => {
    const secret = 'followthrough-development-secret-not-for-production-use';
    const now = () => Math.floor(Date.now() / 1000);

    function claimsOf(token: string) {
      return JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString());
    }

    it.each([
      [
        'tampered',
        (t: string) => {
          const [h, , s] = t.split('.');
          return `${h}.${base64url({ ...claimsOf(t), role: 'AGENCY_ADMIN', sub: 'x' })}.${s}`;
        },
      ],
      ['expired', (t: string) => signToken({ ...claimsOf(t), iat: now() - 7200, exp: now() - 3600 }, secret)],
      ['wrong-audience', (t: string) => signToken({ ...claimsOf(t), aud: 'someone-else' }, secret)],
      ['wrong-issuer', (t: string) => signToken({ ...claimsOf(t), iss: 'evil' }, secret)],
      ['alg none', (t: string) => signToken({ ...claimsOf(t) }, secret, { alg: 'none', typ: 'JWT' })],
      [
        'HS512 (not the pinned algorithm)',
        (t: string) => {
          const header = base64url({ alg: 'HS512', typ: 'JWT' });
          const body = base64url(claimsOf(t));
          return `${header}.${body}.${createHmac('sha512', secret).update(`${header}.${body}`).digest('base64url')}`;
        },
      ],
      ['garbage', () => 'not.a.token'],
    ])('refuses a %s token with UNAUTHENTICATED', async (_label, forge) => {
      const forged = forge(agencyA.clients[0].token);
      const error = await api.client.as(forged).fails(ME);
      expect(error.extensions?.code).toBe('UNAUTHENTICATED');
    });

    it('accepts the genuine token (the forgeries above differ only in what they break)', async () => {
      const me = (await agencyA.clients[0].client.ok(ME))['me'];
      expect(me.user.id).toBe(agencyA.clients[0].userId);
    });
  });

  describe('login', () => {
    it('signs in with the right password and any case of e-mail', async () => {
      const data = await api.client
        .from('10.0.0.1')
        .ok(LOGIN, { input: { email: agencyA.coaches[0].email.toUpperCase(), password: TEST_PASSWORD } });
      expect(data['login'].user.id).toBe(agencyA.coaches[0].userId);
      expect(data['login'].membership.role).toBe('COACH');
    });

    it('answers an unknown e-mail and a wrong password alike, in about the same time', async () => {
      const timed = async (email: string) => {
        const started = process.hrtime.bigint();
        const error = await api.client
          .from('10.0.0.2')
          .fails(LOGIN, { input: { email, password: 'wrong password here' } });
        return { error, ms: Number(process.hrtime.bigint() - started) / 1e6 };
      };
      const unknown = await timed(uniqueEmail('nobody'));
      const wrong = await timed(agencyA.clients[2].email);
      expect(unknown.error).toEqual(wrong.error);
      expect(unknown.error.extensions).toEqual({ code: 'UNAUTHENTICATED' });
      // Both run one argon2id verification; neither answers instantly.
      expect(Math.min(unknown.ms, wrong.ms)).toBeGreaterThan(5);
    });

    it('does not lock an account for everyone: failures from one address leave the owner alone', async () => {
      const email = agencyB.clients[0].email;
      for (let attempt = 0; attempt < 5; attempt += 1) {
        await api.client.from('10.1.0.1').fails(LOGIN, { input: { email, password: 'not the password' } });
      }
      expect(
        (await api.client.from('10.1.0.1').fails(LOGIN, { input: { email, password: TEST_PASSWORD } })).extensions
          ?.code,
      ).toBe('RATE_LIMITED');
      await api.client.from('10.1.0.9').ok(LOGIN, { input: { email, password: TEST_PASSWORD } });
    });

    it('rate limits repeated failures from one IP across accounts', async () => {
      const ipApi = await startTestApi([IdentityModule], { LOGIN_MAX_FAILURES_PER_IP: '4' });
      try {
        const from = ipApi.client.from('10.2.0.1');
        for (let attempt = 0; attempt < 4; attempt += 1) {
          await from.fails(LOGIN, { input: { email: uniqueEmail(`spray${attempt}`), password: 'guessing again' } });
        }
        const limited = await from.fails(LOGIN, { input: { email: agencyA.admin.email, password: TEST_PASSWORD } });
        expect(limited.extensions?.code).toBe('RATE_LIMITED');
        // Another address is not affected.
        await ipApi.client
          .from('10.2.0.2')
          .ok(LOGIN, { input: { email: agencyA.admin.email, password: TEST_PASSWORD } });
      } finally {
        await ipApi.close();
      }
    });
  });

  describe('bad input', () => {
    const valid = {
      agencyName: 'Gamma',
      timezone: 'Europe/Paris',
      adminName: 'Gail',
      adminEmail: 'gail@example.test',
    };

    it.each([
      ['agencyName', { agencyName: '   ' }, 'input.agencyName'],
      ['adminName', { adminName: '' }, 'input.adminName'],
      ['adminEmail', { adminEmail: 'gail-at-example' }, 'input.adminEmail'],
      ['timezone', { timezone: 'Mars/Olympus' }, 'input.timezone'],
    ])('refuses a bad %s with BAD_USER_INPUT naming it, and writes nothing', async (_label, override, field) => {
      // Unique names, so that other suites writing to the same database cannot disturb the counts.
      const agencyName = `Gamma ${uniqueEmail('agency')}`;
      const adminEmail = uniqueEmail('gail');
      const input = { ...valid, agencyName, adminEmail, ...override };
      const error = await api.client.fails(REGISTER_AGENCY, { input });
      expect(error.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
      expect(error.message).toContain(field);
      expect(await countRows('SELECT count(*) FROM agencies WHERE name = $1', [input.agencyName.trim()])).toBe(0);
      expect(await countRows('SELECT count(*) FROM users WHERE lower(email) = lower($1)', [input.adminEmail])).toBe(0);
    });

    it('refuses an unknown role with BAD_USER_INPUT naming the field', async () => {
      const error = await agencyA.admin.client.fails(INVITE_MEMBER, {
        input: { email: uniqueEmail('boss'), role: 'BOSS' },
      });
      expect(error.extensions?.code).toBe('BAD_USER_INPUT');
      expect(error.message).toContain('role');
    });

    it('makes no second agency for an e-mail that already has an account', async () => {
      const agencyName = `Gamma ${uniqueEmail('again')}`;
      const answer = await api.client.ok(REGISTER_AGENCY, {
        input: { ...valid, agencyName, adminEmail: agencyA.admin.email },
      });
      expect(answer).toEqual({ registerAgency: true });
      expect(await countRows('SELECT count(*) FROM agencies WHERE name = $1', [agencyName])).toBe(0);
    });

    it('never shows a stack trace or SQL text', async () => {
      const error = await api.client.fails('{ me { user { nope } } }');
      expect(error.extensions?.code).toBe('BAD_USER_INPUT');
      expect(JSON.stringify(error)).not.toMatch(/stacktrace|SELECT|node_modules/);
    });
  });

  it('turns introspection and every landing page off in production', async () => {
    const production = await startTestApi([IdentityModule], {
      NODE_ENV: 'production',
      JWT_SECRET: 'a-production-secret-of-at-least-32-characters',
    });
    try {
      const error = await production.client.fails('{ __schema { queryType { name } } }');
      expect(error.extensions?.code).toBe('BAD_USER_INPUT');
      expect(error.message).toMatch(/introspection/i);
      const landing = await fetch(`${production.url}/graphql`, { headers: { accept: 'text/html' } });
      // No landing page (Apollo's loads its sandbox from the internet): a browser gets JSON, not HTML.
      expect(landing.headers.get('content-type')).not.toContain('text/html');
      expect(await landing.text()).not.toMatch(/<script|<html|sandbox/i);
      // The development server does answer introspection, for tools on a developer's machine.
      expect((await api.client.ok('{ __schema { queryType { name } } }'))['__schema'].queryType.name).toBe('Query');
    } finally {
      await production.close();
    }
  });

  it('reports health of the database and the queue', async () => {
    const response = await fetch(`${api.url}/health`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok', db: 'up', queue: 'up' });
  });
});

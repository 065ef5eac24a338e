import {
  ACCEPT_INVITATION,
  ASSIGN_CLIENT,
  COMPLETE_SIGN_UP,
  GraphqlClient,
  invitationToken,
  INVITE_MEMBER,
  LOGIN,
  REGISTER_AGENCY,
  signUpToken,
} from '@followthrough/server-testing';
import { DEMO_ADMIN, DEMO_AGENCY, DEMO_CLIENTS, DEMO_COACHES, DEMO_PASSWORD } from './demo-people';

export interface DemoPerson {
  userId: string;
  name: string;
  email: string;
  client: GraphqlClient;
}

export interface DemoAgency {
  agencyId: string;
  admin: DemoPerson;
  coaches: DemoPerson[];
  clients: DemoPerson[];
  /** True when this start created the agency; later seeds add their data only then or when it is missing. */
  created: boolean;
}

async function signIn(api: GraphqlClient, email: string, name: string): Promise<DemoPerson | null> {
  const result = await api.request(LOGIN, { input: { email, password: DEMO_PASSWORD } });
  const payload = result.data?.['login'];
  return payload ? { userId: payload.user.id, name, email, client: api.as(payload.accessToken) } : null;
}

async function join(api: GraphqlClient, admin: DemoPerson, person: { name: string; email: string }, role: string) {
  const existing = await signIn(api, person.email, person.name);
  if (existing) return existing;
  await admin.client.ok(INVITE_MEMBER, { input: { email: person.email, role } });
  const token = await invitationToken(api, person.email);
  const accepted = (await api.ok(ACCEPT_INVITATION, { input: { token, name: person.name, password: DEMO_PASSWORD } }))[
    'acceptInvitation'
  ];
  return { userId: accepted.user.id, name: person.name, email: person.email, client: api.as(accepted.accessToken) };
}

/** The demo agency: an admin, two coaches, six clients, three clients per coach. Idempotent. */
export async function seedDemoAgency(api: GraphqlClient): Promise<DemoAgency> {
  let admin = await signIn(api, DEMO_ADMIN.email, DEMO_ADMIN.name);
  const created = !admin;
  if (!admin) {
    await api.ok(REGISTER_AGENCY, {
      input: {
        agencyName: DEMO_AGENCY,
        timezone: 'America/New_York',
        adminName: DEMO_ADMIN.name,
        adminEmail: DEMO_ADMIN.email,
      },
    });
    const token = await signUpToken(api, DEMO_ADMIN.email);
    const payload = (await api.ok(COMPLETE_SIGN_UP, { input: { token, password: DEMO_PASSWORD } }))['completeSignUp'];
    admin = {
      userId: payload.user.id,
      name: DEMO_ADMIN.name,
      email: DEMO_ADMIN.email,
      client: api.as(payload.accessToken),
    };
  }
  const me = (await admin.client.ok('{ me { membership { agency { id } } } }'))['me'];
  const coaches: DemoPerson[] = [];
  for (const coach of DEMO_COACHES) coaches.push(await join(api, admin, coach, 'COACH'));
  const clients: DemoPerson[] = [];
  for (const client of DEMO_CLIENTS) clients.push(await join(api, admin, client, 'CLIENT'));
  for (const [index, client] of clients.entries()) {
    const coach = coaches[index % coaches.length];
    await admin.client.ok(ASSIGN_CLIENT, { input: { coachUserId: coach.userId, clientUserId: client.userId } });
  }
  return { agencyId: me.membership.agency.id, admin, coaches, clients, created };
}

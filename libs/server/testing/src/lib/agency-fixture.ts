import { randomUUID } from 'node:crypto';
import { GraphqlClient } from './graphql-client';
import { linkTokenIn, mailTo } from './mail-links';
import { mailboxOf } from './test-api';

export const TEST_PASSWORD = 'tangerine lighthouse 42';

export interface SignedIn {
  userId: string;
  email: string;
  token: string;
  client: GraphqlClient;
}

export interface AgencyFixture {
  agencyId: string;
  admin: SignedIn;
  coaches: SignedIn[];
  clients: SignedIn[];
}

const AUTH_FIELDS = 'accessToken user { id email name } membership { role agency { id name } }';

export const REGISTER_AGENCY = `mutation Register($input: RegisterAgencyInput!) { registerAgency(input: $input) }`;
export const COMPLETE_SIGN_UP = `mutation CompleteSignUp($input: CompleteSignUpInput!) { completeSignUp(input: $input) { ${AUTH_FIELDS} } }`;
export const LOGIN = `mutation Login($input: LoginInput!) { login(input: $input) { ${AUTH_FIELDS} } }`;
export const ACCEPT_INVITATION = `mutation Accept($input: AcceptInvitationInput!) { acceptInvitation(input: $input) { ${AUTH_FIELDS} } }`;
export const INVITE_MEMBER = `mutation Invite($input: InviteMemberInput!) { inviteMember(input: $input) { id email role expiresAt } }`;
/** The subjects of the sign-up and invitation e-mails. */
export const SIGN_UP_SUBJECT = /^Confirm your e-mail address/;
export const INVITATION_SUBJECT = / invited you to /;
export const ASSIGN_CLIENT = `mutation Assign($input: AssignClientInput!) { assignClient(input: $input) { coach { userId } client { userId } } }`;

/** A unique address per call, so tests never collide in the shared test database. */
export function uniqueEmail(label: string): string {
  return `${label}.${randomUUID().slice(0, 8)}@example.test`;
}

function signedIn(
  anonymous: GraphqlClient,
  payload: { accessToken: string; user: { id: string; email: string } },
): SignedIn {
  return {
    userId: payload.user.id,
    email: payload.user.email,
    token: payload.accessToken,
    client: anonymous.as(payload.accessToken),
  };
}

/** The token of the newest sign-up link mailed to `email` by the API `anonymous` talks to. */
export async function signUpToken(anonymous: GraphqlClient, email: string): Promise<string> {
  return linkTokenIn(await mailTo(mailboxOf(anonymous), email, SIGN_UP_SUBJECT), '/verify-email');
}

/** The token of the newest invitation mailed to `email` by the API `anonymous` talks to. */
export async function invitationToken(anonymous: GraphqlClient, email: string): Promise<string> {
  return linkTokenIn(await mailTo(mailboxOf(anonymous), email, INVITATION_SUBJECT), '/accept-invitation');
}

/** Signs up as a person would: the form, then the link of the confirmation e-mail with a password. */
export async function registerAgency(
  anonymous: GraphqlClient,
  name: string,
  timezone = 'Europe/Paris',
  adminEmail = uniqueEmail('admin'),
  password = TEST_PASSWORD,
) {
  await anonymous.ok(REGISTER_AGENCY, {
    input: { agencyName: name, timezone, adminName: `${name} Admin`, adminEmail },
  });
  const data = await anonymous.ok(COMPLETE_SIGN_UP, {
    input: { token: await signUpToken(anonymous, adminEmail), password },
  });
  const payload = data['completeSignUp'];
  return { agencyId: payload.membership.agency.id as string, admin: signedIn(anonymous, payload) };
}

/** Invites `email` and returns the invitation and the token its e-mail carries. */
export async function invite(
  anonymous: GraphqlClient,
  admin: SignedIn,
  email: string,
  role: 'COACH' | 'CLIENT' | 'AGENCY_ADMIN',
) {
  const invitation = (await admin.client.ok(INVITE_MEMBER, { input: { email, role } }))['inviteMember'];
  return { ...invitation, token: await invitationToken(anonymous, email) } as {
    id: string;
    email: string;
    role: string;
    expiresAt: string;
    token: string;
  };
}

export async function inviteAndAccept(
  anonymous: GraphqlClient,
  admin: SignedIn,
  role: 'COACH' | 'CLIENT' | 'AGENCY_ADMIN',
  name: string,
) {
  const invitation = await invite(anonymous, admin, uniqueEmail(name.toLowerCase().replace(/\W+/g, '')), role);
  const accepted = await anonymous.ok(ACCEPT_INVITATION, {
    input: { token: invitation.token, name, password: TEST_PASSWORD },
  });
  return signedIn(anonymous, accepted['acceptInvitation']);
}

/** An agency with an admin, coaches and clients; client i is assigned to coach i % coaches. */
export async function createAgencyFixture(
  anonymous: GraphqlClient,
  name: string,
  coachCount = 2,
  clientCount = 3,
): Promise<AgencyFixture> {
  const { agencyId, admin } = await registerAgency(anonymous, name);
  const coaches: SignedIn[] = [];
  for (let i = 0; i < coachCount; i += 1)
    coaches.push(await inviteAndAccept(anonymous, admin, 'COACH', `${name} Coach ${i + 1}`));
  const clients: SignedIn[] = [];
  for (let i = 0; i < clientCount; i += 1)
    clients.push(await inviteAndAccept(anonymous, admin, 'CLIENT', `${name} Client ${i + 1}`));
  if (coaches.length > 0) {
    for (const [i, client] of clients.entries()) {
      await admin.client.ok(ASSIGN_CLIENT, {
        input: { coachUserId: coaches[i % coaches.length].userId, clientUserId: client.userId },
      });
    }
  }
  return { agencyId, admin, coaches, clients };
}

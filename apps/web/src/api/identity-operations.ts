import { Role } from '@followthrough/shared-domain';

export interface AuthUser {
  id: string;
  email: string;
  name: string;
}

export interface AuthMembership {
  role: Role;
  agency: { id: string; name: string };
}

export interface AuthPayload {
  accessToken: string;
  user: AuthUser;
  membership: AuthMembership;
}

export interface Member {
  userId: string;
  email: string;
  name: string;
  role: Role;
  joinedAt: string;
}

export interface CreatedInvitation {
  id: string;
  email: string;
  role: Role;
  token: string;
  expiresAt: string;
}

const AUTH_FIELDS = 'accessToken user { id email name } membership { role agency { id name } }';
const MEMBER_FIELDS = 'userId email name role joinedAt';

export const LOGIN = `mutation SignIn($input: LoginInput!) { login(input: $input) { ${AUTH_FIELDS} } }`;
export const REGISTER_AGENCY = `mutation RegisterAgency($input: RegisterAgencyInput!) { registerAgency(input: $input) { ${AUTH_FIELDS} } }`;
export const ACCEPT_INVITATION = `mutation AcceptInvitation($input: AcceptInvitationInput!) { acceptInvitation(input: $input) { ${AUTH_FIELDS} } }`;

export const MEMBERS = `query Members { members { ${MEMBER_FIELDS} } }`;
export const MY_CLIENTS = `query MyClients { myClients { ${MEMBER_FIELDS} } }`;
export const INVITE_MEMBER = `mutation InviteMember($input: InviteMemberInput!) { inviteMember(input: $input) { id email role token expiresAt } }`;
export const ASSIGN_CLIENT = `mutation AssignClient($input: AssignClientInput!) { assignClient(input: $input) { coach { userId name } client { userId name } } }`;
export const UNASSIGN_CLIENT = `mutation UnassignClient($input: AssignClientInput!) { unassignClient(input: $input) }`;

import { Role } from '@followthrough/shared-domain';

/** Who is calling, in which agency (the tenant) and with which role. Always taken from the token. */
export interface Actor {
  userId: string;
  agencyId: string;
  membershipId: string;
  role: Role;
  /** The signed-in session the request came with; absent for actors behind signed e-mail links. */
  sessionId?: string;
}

/** The claims of an access token besides the registered ones (sub, iss, aud, iat, exp). */
export interface AccessTokenClaims {
  sub: string;
  agency: string;
  membership: string;
  role: Role;
  sid: string;
}

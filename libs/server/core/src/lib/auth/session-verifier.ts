import { Actor } from './actor';

/** What the guard needs to know about a live session, besides that it is live. */
export interface SessionState {
  /** The person has two-step sign-in on. */
  mfaEnabled: boolean;
  /** Their agency requires it for their role and they have not set it up yet: only enrolment is open. */
  mfaEnrolmentRequired: boolean;
  /** When this session last proved a second factor. */
  mfaVerifiedAt: Date | null;
}

/**
 * Decides whether a correctly signed token still speaks for someone: its session is live and its
 * membership still exists with the same role. Identity provides it; the auth guard asks it on every
 * request, so that a forged or stale claim is worth nothing.
 */
export abstract class SessionVerifier {
  /** The session's state when the token still counts, otherwise null. */
  abstract check(actor: Required<Actor>): Promise<SessionState | null>;
}

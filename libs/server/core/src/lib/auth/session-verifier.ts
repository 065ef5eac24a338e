import { Actor } from './actor';

/**
 * Decides whether a correctly signed token still speaks for someone: its session is live and its
 * membership still exists with the same role. Identity provides it; the auth guard asks it on every
 * request, so that a forged or stale claim is worth nothing.
 */
export abstract class SessionVerifier {
  abstract isCurrent(actor: Required<Actor>): Promise<boolean>;
}

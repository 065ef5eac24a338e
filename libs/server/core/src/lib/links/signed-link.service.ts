import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHmac, timingSafeEqual } from 'node:crypto';
import { DataSource } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.tokens';
import { bindVerifiedLinkTenant } from '../database/tenant-scope';

/** What a verified link vouches for: its purpose and the ids it names. */
export interface SignedLinkClaims {
  purpose: string;
  claims: Record<string, string>;
  expiresAt: Date;
}

const DAY_SECONDS = 86_400;

/**
 * The longest a link of each purpose may live (README: "Signed links" says why). Every e-mail carries
 * fresh links, and a signed-in person can do all of this in the app, so an old e-mail's link may end.
 */
export const LINK_LIFETIME_DAYS: Readonly<Record<string, number>> = {
  // One step of a cadence: logged within days of the e-mail or not at all.
  'log-follow-up': 14,
  // Mail is read late, and mailbox providers keep offering unsubscribe on old messages.
  unsubscribe: 60,
  preferences: 60,
  // A calendar subscription polls for months; it can be regenerated, which ends the old URL.
  'calendar-feed': 180,
  // Whoever holds the mailbox holds the account: a reset link must be used at once (30 minutes).
  'password-reset': 30 / 1440,
  // Proves a new account's address; a day covers mail read the next morning, and a new one can be sent.
  'verify-email': 1,
  default: 14,
};

function lifetimeSeconds(purpose: string): number {
  return Math.round((LINK_LIFETIME_DAYS[purpose] ?? LINK_LIFETIME_DAYS['default']) * DAY_SECONDS);
}

/**
 * Login-free links ("log it", "preferences", "unsubscribe", calendar feeds): the purpose and ids are
 * signed with HMAC-SHA256 under a key of their own (LINK_SIGNING_KEYS, never the JWT secret), whose id
 * leads the token so that keys can rotate. A link for one purpose never passes as another; a changed
 * character invalidates it. Revocable links also carry a generation that a regeneration bumps.
 */
@Injectable()
export class SignedLinkService {
  private readonly keys: Map<string, Buffer>;
  private readonly signingKeyId: string;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {
    this.keys = new Map(config.linkKeys.map((key) => [key.id, Buffer.from(key.secret, 'utf8')]));
    this.signingKeyId = config.linkKeys[0].id;
  }

  /** A token for `purpose`; its life is the shorter of `ttlSeconds` and the purpose's cap. */
  sign(
    purpose: string,
    claims: Record<string, string>,
    ttlSeconds = lifetimeSeconds(purpose),
    now = new Date(),
  ): string {
    const seconds = Math.min(ttlSeconds, lifetimeSeconds(purpose));
    const body = Buffer.from(
      JSON.stringify({ p: purpose, c: claims, e: Math.floor(now.getTime() / 1000) + seconds }),
    ).toString('base64url');
    const kid = this.signingKeyId;
    return `${kid}.${body}.${this.mac(kid, body)}`;
  }

  /** The claims when the token is genuine, unexpired and made for `purpose`; otherwise null. */
  verify(purpose: string, token: string, now = new Date()): SignedLinkClaims | null {
    if (typeof token !== 'string' || token.length > 4096) return null;
    const [kid, body, mac, ...rest] = token.split('.');
    if (!kid || !body || !mac || rest.length > 0 || !this.keys.has(kid)) return null;
    const expected = Buffer.from(this.mac(kid, body));
    const given = Buffer.from(mac);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
    let payload: { p?: unknown; c?: unknown; e?: unknown };
    try {
      payload = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
    } catch {
      return null;
    }
    if (payload.p !== purpose || typeof payload.e !== 'number' || payload.e * 1000 <= now.getTime()) return null;
    if (!payload.c || typeof payload.c !== 'object') return null;
    const claims = Object.fromEntries(
      Object.entries(payload.c).filter(([, value]) => typeof value === 'string'),
    ) as Record<string, string>;
    // A genuine link speaks for its agency (and person): the rest of the request is bound to them.
    if (claims['agencyId']) bindVerifiedLinkTenant(claims['agencyId'], claims['userId'] ?? null);
    return { purpose, claims, expiresAt: new Date(payload.e * 1000) };
  }

  /** An absolute URL on the public origin carrying a signed token as `token`. */
  url(path: string, purpose: string, claims: Record<string, string>, ttlSeconds = lifetimeSeconds(purpose)): string {
    const url = new URL(path, this.config.publicUrl);
    url.searchParams.set('token', this.sign(purpose, claims, ttlSeconds));
    return url.toString();
  }

  /** Like `url`, for a link that `revoke` can end: it carries the subject's current generation. */
  async revocableUrl(
    path: string,
    purpose: string,
    agencyId: string,
    subject: string,
    claims: Record<string, string>,
  ): Promise<string> {
    const generation = await this.generation(agencyId, purpose, subject);
    return this.url(path, purpose, { ...claims, agencyId, g: String(generation) });
  }

  /** `verify`, and the link's generation is still the subject's current one. */
  async verifyRevocable(
    purpose: string,
    token: string,
    subjectOf: (claims: Record<string, string>) => string | null,
  ): Promise<SignedLinkClaims | null> {
    const verified = this.verify(purpose, token);
    const agencyId = verified?.claims['agencyId'];
    const subject = verified ? subjectOf(verified.claims) : null;
    if (!verified || !agencyId || !subject) return null;
    return String(await this.generation(agencyId, purpose, subject)) === verified.claims['g'] ? verified : null;
  }

  /** Ends every link of this purpose and subject issued so far. */
  async revoke(agencyId: string, purpose: string, subject: string): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO signed_link_generations (agency_id, purpose, subject, generation) VALUES ($1, $2, $3, 1)
       ON CONFLICT (agency_id, purpose, subject) DO UPDATE SET generation = signed_link_generations.generation + 1`,
      [agencyId, purpose, subject],
    );
  }

  private async generation(agencyId: string, purpose: string, subject: string): Promise<number> {
    const rows: { generation: number }[] = await this.dataSource.query(
      `SELECT generation FROM signed_link_generations WHERE agency_id = $1 AND purpose = $2 AND subject = $3`,
      [agencyId, purpose, subject],
    );
    return rows[0]?.generation ?? 0;
  }

  private mac(kid: string, body: string): string {
    // The key id is inside the MAC, so a token cannot be re-labelled to another key.
    return createHmac('sha256', this.keys.get(kid) as Buffer)
      .update(`${kid}.${body}`)
      .digest('base64url');
  }
}

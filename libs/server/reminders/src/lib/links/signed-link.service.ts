import { Inject, Injectable } from '@nestjs/common';
import { createHmac, timingSafeEqual } from 'node:crypto';
import { AppConfig, APP_CONFIG } from '@followthrough/server-core';

/** What a verified link vouches for: its purpose and the ids it names. */
export interface SignedLinkClaims {
  purpose: string;
  claims: Record<string, string>;
  expiresAt: Date;
}

const DAY_SECONDS = 86_400;
/** Links in e-mails must keep working for a long while (an unsubscribe link above all). */
export const DEFAULT_LINK_TTL_SECONDS = 400 * DAY_SECONDS;

/**
 * Login-free links ("log it", "preferences", "unsubscribe"): the purpose and ids are signed with
 * an HMAC key derived from the server secret, with an expiry. A link for one purpose never
 * passes as another; a changed character invalidates it.
 */
@Injectable()
export class SignedLinkService {
  private readonly key: Buffer;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    this.key = createHmac('sha256', config.jwt.secret).update('followthrough/signed-links/v1').digest();
  }

  sign(purpose: string, claims: Record<string, string>, ttlSeconds = DEFAULT_LINK_TTL_SECONDS, now = new Date()): string {
    const body = Buffer.from(JSON.stringify({ p: purpose, c: claims, e: Math.floor(now.getTime() / 1000) + ttlSeconds })).toString('base64url');
    return `${body}.${this.mac(body)}`;
  }

  /** The claims when the token is genuine, unexpired and made for `purpose`; otherwise null. */
  verify(purpose: string, token: string, now = new Date()): SignedLinkClaims | null {
    if (typeof token !== 'string' || token.length > 4096) return null;
    const [body, mac, ...rest] = token.split('.');
    if (!body || !mac || rest.length > 0) return null;
    const expected = Buffer.from(this.mac(body));
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
    const claims = Object.fromEntries(Object.entries(payload.c).filter(([, value]) => typeof value === 'string')) as Record<string, string>;
    return { purpose, claims, expiresAt: new Date(payload.e * 1000) };
  }

  /** An absolute URL on the public origin carrying a signed token as `token`. */
  url(path: string, purpose: string, claims: Record<string, string>, ttlSeconds = DEFAULT_LINK_TTL_SECONDS): string {
    const url = new URL(path, this.config.publicUrl);
    url.searchParams.set('token', this.sign(purpose, claims, ttlSeconds));
    return url.toString();
  }

  private mac(body: string): string {
    return createHmac('sha256', this.key).update(body).digest('base64url');
  }
}

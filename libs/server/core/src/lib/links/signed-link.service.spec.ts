import { AppConfig, loadAppConfig } from '../config/app-config';
import { LINK_LIFETIME_DAYS, SignedLinkService } from './signed-link.service';

describe('SignedLinkService', () => {
  const config = loadAppConfig({
    DATABASE_URL: 'postgres://localhost/x',
    PUBLIC_URL: 'https://app.example.test',
    NODE_ENV: 'test',
  });
  // No database in these tests: only the revocable links read one.
  const links = new SignedLinkService(config, null as never);
  const claims = { agencyId: 'a1', userId: 'u1' };
  const withKeys = (linkKeys: AppConfig['linkKeys']) => new SignedLinkService({ ...config, linkKeys }, null as never);

  it('round-trips the purpose and ids, naming the key that signed it', () => {
    const token = links.sign('unsubscribe', claims);
    expect(token).toMatch(/^dev\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);
    expect(links.verify('unsubscribe', token)?.claims).toEqual(claims);
  });

  it('refuses another purpose, a tampered token, another key and an expired one', () => {
    const token = links.sign('unsubscribe', claims);
    expect(links.verify('preferences', token)).toBeNull();
    const [kid, body, mac] = token.split('.');
    const forged = Buffer.from(
      JSON.stringify({ p: 'unsubscribe', c: { agencyId: 'a1', userId: 'u2' }, e: 9_999_999_999 }),
    ).toString('base64url');
    expect(links.verify('unsubscribe', `${kid}.${forged}.${mac}`)).toBeNull();
    expect(
      links.verify('unsubscribe', `${kid}.${body}.${mac.slice(0, -1)}${mac.endsWith('A') ? 'B' : 'A'}`),
    ).toBeNull();
    expect(links.verify('unsubscribe', 'garbage')).toBeNull();
    const other = withKeys([{ id: 'dev', secret: 'another-secret-that-is-long-enough-0123456789' }]);
    expect(other.verify('unsubscribe', token)).toBeNull();
    const old = links.sign('unsubscribe', claims, 60, new Date('2020-01-01T00:00:00Z'));
    expect(links.verify('unsubscribe', old)).toBeNull();
    expect(links.verify('unsubscribe', old, new Date('2020-01-01T00:00:30Z'))?.claims).toEqual(claims);
  });

  it('is not keyed by the JWT secret', () => {
    const jwtKeyed = withKeys([{ id: 'dev', secret: config.jwt.secret }]);
    expect(jwtKeyed.verify('unsubscribe', links.sign('unsubscribe', claims))).toBeNull();
  });

  it('rotates keys: new links use the first key, links of an older key still verify until it is dropped', () => {
    const before = withKeys([{ id: 'k1', secret: 'first-key-first-key-first-key-first-key' }]);
    const oldLink = before.sign('preferences', claims);
    const during = withKeys([
      { id: 'k2', secret: 'second-key-second-key-second-key-second' },
      { id: 'k1', secret: 'first-key-first-key-first-key-first-key' },
    ]);
    expect(during.sign('preferences', claims)).toMatch(/^k2\./);
    expect(during.verify('preferences', oldLink)?.claims).toEqual(claims);
    const after = withKeys([{ id: 'k2', secret: 'second-key-second-key-second-key-second' }]);
    expect(after.verify('preferences', oldLink)).toBeNull();
    // A key id pointing at another key's MAC does not help.
    expect(after.verify('preferences', oldLink.replace(/^k1\./, 'k2.'))).toBeNull();
  });

  it('caps every link at the lifetime of its purpose', () => {
    const now = new Date('2026-01-01T00:00:00Z');
    const days = (token: string, purpose: string) => {
      const verified = links.verify(purpose, token, now);
      return verified ? (verified.expiresAt.getTime() - now.getTime()) / 86_400_000 : null;
    };
    expect(days(links.sign('unsubscribe', claims, 400 * 86_400, now), 'unsubscribe')).toBe(
      LINK_LIFETIME_DAYS['unsubscribe'],
    );
    expect(days(links.sign('calendar-feed', claims, 730 * 86_400, now), 'calendar-feed')).toBe(
      LINK_LIFETIME_DAYS['calendar-feed'],
    );
    expect(days(links.sign('something-new', claims, undefined, now), 'something-new')).toBe(
      LINK_LIFETIME_DAYS['default'],
    );
    expect(Math.max(...Object.values(LINK_LIFETIME_DAYS))).toBeLessThanOrEqual(180);
  });

  it('builds absolute URLs on the public origin', () => {
    const url = new URL(links.url('/notifications/unsubscribe', 'unsubscribe', claims));
    expect(url.origin).toBe('https://app.example.test');
    expect(url.pathname).toBe('/notifications/unsubscribe');
    expect(links.verify('unsubscribe', url.searchParams.get('token') as string)?.claims).toEqual(claims);
  });
});

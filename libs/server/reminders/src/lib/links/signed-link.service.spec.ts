import { loadAppConfig } from '@followthrough/server-core';
import { SignedLinkService } from './signed-link.service';

describe('SignedLinkService', () => {
  const config = loadAppConfig({ DATABASE_URL: 'postgres://localhost/x', PUBLIC_URL: 'https://app.example.test', NODE_ENV: 'test' });
  const links = new SignedLinkService(config);
  const claims = { agencyId: 'a1', userId: 'u1' };

  it('round-trips the purpose and ids', () => {
    const token = links.sign('unsubscribe', claims);
    expect(token).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);
    expect(links.verify('unsubscribe', token)?.claims).toEqual(claims);
  });

  it('refuses another purpose, a tampered token, another key and an expired one', () => {
    const token = links.sign('unsubscribe', claims);
    expect(links.verify('preferences', token)).toBeNull();
    const [body, mac] = token.split('.');
    const forged = Buffer.from(JSON.stringify({ p: 'unsubscribe', c: { agencyId: 'a1', userId: 'u2' }, e: 9_999_999_999 })).toString('base64url');
    expect(links.verify('unsubscribe', `${forged}.${mac}`)).toBeNull();
    expect(links.verify('unsubscribe', `${body}.${mac.slice(0, -1)}${mac.endsWith('A') ? 'B' : 'A'}`)).toBeNull();
    expect(links.verify('unsubscribe', 'garbage')).toBeNull();
    const other = new SignedLinkService({ ...config, jwt: { ...config.jwt, secret: 'another-secret-that-is-long-enough-0123456789' } });
    expect(other.verify('unsubscribe', token)).toBeNull();
    const old = links.sign('unsubscribe', claims, 60, new Date('2020-01-01T00:00:00Z'));
    expect(links.verify('unsubscribe', old)).toBeNull();
    expect(links.verify('unsubscribe', old, new Date('2020-01-01T00:00:30Z'))?.claims).toEqual(claims);
  });

  it('builds absolute URLs on the public origin', () => {
    const url = new URL(links.url('/notifications/unsubscribe', 'unsubscribe', claims));
    expect(url.origin).toBe('https://app.example.test');
    expect(url.pathname).toBe('/notifications/unsubscribe');
    expect(links.verify('unsubscribe', url.searchParams.get('token') as string)?.claims).toEqual(claims);
  });
});

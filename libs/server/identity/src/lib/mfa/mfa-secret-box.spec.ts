import { randomBytes } from 'node:crypto';
import { isSealedMfaSecret, openMfaSecret, sealMfaSecret } from './mfa-secret-box';

describe('MFA secret box', () => {
  const key = randomBytes(32);
  const user = '6f1c2a43-0d3e-4d59-9a0e-6c3f9b1f2a10';
  const secret = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';

  it('round-trips, and never stores the secret itself', () => {
    const sealed = sealMfaSecret(key, user, secret);
    expect(isSealedMfaSecret(sealed)).toBe(true);
    expect(sealed).not.toContain(secret);
    expect(openMfaSecret(key, user, sealed)).toBe(secret);
    // A fresh IV each time: the same secret never seals to the same text.
    expect(sealMfaSecret(key, user, secret)).not.toBe(sealed);
  });

  it('refuses another user, another key, an altered value and a plain secret', () => {
    const sealed = sealMfaSecret(key, user, secret);
    expect(openMfaSecret(key, '00000000-0000-4000-8000-000000000000', sealed)).toBeNull();
    expect(openMfaSecret(randomBytes(32), user, sealed)).toBeNull();
    const parts = sealed.split('.');
    const body = Buffer.from(parts[3], 'base64url');
    body[0] ^= 1;
    parts[3] = body.toString('base64url');
    expect(openMfaSecret(key, user, parts.join('.'))).toBeNull();
    expect(openMfaSecret(key, user, secret)).toBeNull();
    expect(isSealedMfaSecret(secret)).toBe(false);
  });
});

import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

const VERSION = 'v1';

/**
 * TOTP secrets at rest: AES-256-GCM under MFA_ENCRYPTION_KEY, stored as `v1.<iv>.<tag>.<ciphertext>`
 * (base64url). The user id is authenticated data, so a ciphertext copied onto another account does
 * not open there. A database dump alone then yields no code generator.
 */
export function sealMfaSecret(key: Buffer, userId: string, secret: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(`mfa:${userId}`, 'utf8'));
  const sealed = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final()]);
  const parts = [iv, cipher.getAuthTag(), sealed].map((part) => part.toString('base64url'));
  return [VERSION, ...parts].join('.');
}

/** The secret, or null when the value was not sealed for this user under this key (or was altered). */
export function openMfaSecret(key: Buffer, userId: string, stored: string): string | null {
  const [version, iv, tag, sealed, ...rest] = stored.split('.');
  if (version !== VERSION || !iv || !tag || !sealed || rest.length > 0) return null;
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
    decipher.setAAD(Buffer.from(`mfa:${userId}`, 'utf8'));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(sealed, 'base64url')), decipher.final()]).toString('utf8');
  } catch {
    return null;
  }
}

export function isSealedMfaSecret(stored: string): boolean {
  return stored.startsWith(`${VERSION}.`);
}

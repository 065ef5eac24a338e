import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { loadAppConfig } from '@followthrough/server-core';
import { isSealedMfaSecret, openMfaSecret } from '@followthrough/server-identity';
import { MfaSecretsEncrypted1796070000000 } from './1796070000000-MfaSecretsEncrypted';

describe('migration: TOTP secrets encrypted at rest', () => {
  const dataSource = new DataSource({ type: 'postgres', url: process.env['DATABASE_OWNER_URL'] });

  beforeAll(() => dataSource.initialize());
  afterAll(() => dataSource.destroy());

  it('seals every secret stored as plain base32, and leaves sealed ones as they are', async () => {
    const plainSecret = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
    const id = randomUUID();
    await dataSource.query(
      `INSERT INTO users (id, email, name, password_hash, mfa_secret, mfa_pending_secret, mfa_enabled_at)
       VALUES ($1, $2, 'Before Encryption', 'x', $3, $4, now())`,
      [id, `before.${id.slice(0, 8)}@example.test`, plainSecret, 'KRSXG5CTMVRXEZLU'],
    );
    const runner = dataSource.createQueryRunner();
    try {
      await new MfaSecretsEncrypted1796070000000().up(runner);
      const [row] = await runner.query(`SELECT mfa_secret, mfa_pending_secret FROM users WHERE id = $1`, [id]);
      expect(row.mfa_secret).not.toContain(plainSecret);
      expect(isSealedMfaSecret(row.mfa_secret)).toBe(true);
      const key = loadAppConfig(process.env).mfaEncryptionKey;
      expect(openMfaSecret(key, id, row.mfa_secret)).toBe(plainSecret);
      expect(openMfaSecret(key, id, row.mfa_pending_secret)).toBe('KRSXG5CTMVRXEZLU');

      // Running again changes nothing: sealed values are recognised.
      await new MfaSecretsEncrypted1796070000000().up(runner);
      const [again] = await runner.query(`SELECT mfa_secret FROM users WHERE id = $1`, [id]);
      expect(again.mfa_secret).toBe(row.mfa_secret);
    } finally {
      await runner.release();
      await dataSource.query(`DELETE FROM users WHERE id = $1`, [id]);
    }
  });
});

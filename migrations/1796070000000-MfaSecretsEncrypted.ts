import { MigrationInterface, QueryRunner } from 'typeorm';
// Relative, dependency-free files: the migration runner (and the test setup) load migrations without path aliases.
import { loadAppConfig } from '../libs/server/core/src/lib/config/app-config';
import { isSealedMfaSecret, openMfaSecret, sealMfaSecret } from '../libs/server/identity/src/lib/mfa/mfa-secret-box';

type Row = { id: string; mfa_secret: string | null; mfa_pending_secret: string | null };

/**
 * TOTP secrets encrypted at rest (AES-256-GCM under MFA_ENCRYPTION_KEY): the columns widen to hold
 * the sealed form and every secret still stored as plain base32 is sealed. The key is read only when
 * there is something to seal, so a fresh database needs no key to migrate.
 */
export class MfaSecretsEncrypted1796070000000 implements MigrationInterface {
  name = 'MfaSecretsEncrypted1796070000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "users" ALTER COLUMN "mfa_secret" TYPE character varying(200), ` +
        `ALTER COLUMN "mfa_pending_secret" TYPE character varying(200)`,
    );
    const rows: Row[] = await queryRunner.query(
      `SELECT id, mfa_secret, mfa_pending_secret FROM users WHERE mfa_secret IS NOT NULL OR mfa_pending_secret IS NOT NULL`,
    );
    const plain = rows.filter(
      (row) =>
        (row.mfa_secret && !isSealedMfaSecret(row.mfa_secret)) ||
        (row.mfa_pending_secret && !isSealedMfaSecret(row.mfa_pending_secret)),
    );
    if (plain.length === 0) return;
    const key = loadAppConfig(process.env).mfaEncryptionKey;
    const seal = (id: string, value: string | null) =>
      value === null || isSealedMfaSecret(value) ? value : sealMfaSecret(key, id, value);
    for (const row of plain) {
      await queryRunner.query(`UPDATE users SET mfa_secret = $2, mfa_pending_secret = $3 WHERE id = $1`, [
        row.id,
        seal(row.id, row.mfa_secret),
        seal(row.id, row.mfa_pending_secret),
      ]);
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const rows: Row[] = await queryRunner.query(
      `SELECT id, mfa_secret, mfa_pending_secret FROM users WHERE mfa_secret IS NOT NULL OR mfa_pending_secret IS NOT NULL`,
    );
    if (rows.length > 0) {
      const key = loadAppConfig(process.env).mfaEncryptionKey;
      const open = (id: string, value: string | null) =>
        value === null || !isSealedMfaSecret(value) ? value : openMfaSecret(key, id, value);
      for (const row of rows) {
        await queryRunner.query(`UPDATE users SET mfa_secret = $2, mfa_pending_secret = $3 WHERE id = $1`, [
          row.id,
          open(row.id, row.mfa_secret),
          open(row.id, row.mfa_pending_secret),
        ]);
      }
    }
    await queryRunner.query(
      `ALTER TABLE "users" ALTER COLUMN "mfa_secret" TYPE character varying(64), ` +
        `ALTER COLUMN "mfa_pending_secret" TYPE character varying(64)`,
    );
  }
}

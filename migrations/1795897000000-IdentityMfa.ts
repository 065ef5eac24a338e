import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Two-step sign-in: a TOTP secret per user (pending until a first code confirms it), the last time
 * step used (a code works once), single-use recovery codes (hashed), the agency's "required for admins
 * and coaches" switch, and when a session last proved its second factor (for step-up).
 */
export class IdentityMfa1795897000000 implements MigrationInterface {
  name = 'IdentityMfa1795897000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "users" ADD "mfa_secret" character varying(64), ADD "mfa_pending_secret" character varying(64), ` +
        `ADD "mfa_enabled_at" TIMESTAMP WITH TIME ZONE, ADD "mfa_last_time_step" bigint`,
    );
    await queryRunner.query(
      `CREATE TABLE "mfa_recovery_codes" ("user_id" uuid NOT NULL, "code_hash" character(64) NOT NULL, "used_at" TIMESTAMP WITH TIME ZONE, ` +
        `CONSTRAINT "PK_mfa_recovery_codes" PRIMARY KEY ("user_id", "code_hash"))`,
    );
    await queryRunner.query(
      `ALTER TABLE "mfa_recovery_codes" ADD CONSTRAINT "FK_mfa_recovery_codes_user" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE`,
    );
    await queryRunner.query(`ALTER TABLE "agencies" ADD "require_mfa" boolean NOT NULL DEFAULT false`);
    await queryRunner.query(`ALTER TABLE "auth_sessions" ADD "mfa_verified_at" TIMESTAMP WITH TIME ZONE`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "auth_sessions" DROP COLUMN "mfa_verified_at"`);
    await queryRunner.query(`ALTER TABLE "agencies" DROP COLUMN "require_mfa"`);
    await queryRunner.query(`DROP TABLE "mfa_recovery_codes"`);
    await queryRunner.query(
      `ALTER TABLE "users" DROP COLUMN "mfa_last_time_step", DROP COLUMN "mfa_enabled_at", DROP COLUMN "mfa_pending_secret", DROP COLUMN "mfa_secret"`,
    );
  }
}

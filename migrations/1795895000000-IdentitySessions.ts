import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Sessions that can end. Every access token names its session; the auth guard checks on each request
 * that the session is live and that its membership still exists with the token's role. A session is
 * also a refresh-token family: only the newest refresh token's hash is kept, and presenting an older
 * one ends the session.
 */
export class IdentitySessions1795895000000 implements MigrationInterface {
  name = 'IdentitySessions1795895000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "auth_sessions" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "agency_id" uuid NOT NULL, "user_id" uuid NOT NULL, ` +
        `"membership_id" uuid NOT NULL, "refresh_hash" character(64), "refresh_generation" integer NOT NULL DEFAULT 0, ` +
        `"created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "last_seen_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), ` +
        `"expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "revoked_at" TIMESTAMP WITH TIME ZONE, "revoked_reason" character varying(40), ` +
        `"ip" character varying(64), "user_agent" character varying(300), CONSTRAINT "PK_auth_sessions" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "auth_sessions_user_idx" ON "auth_sessions" ("user_id", "last_seen_at")`);
    await queryRunner.query(
      `ALTER TABLE "auth_sessions" ADD CONSTRAINT "FK_auth_sessions_membership" FOREIGN KEY ("membership_id") REFERENCES "memberships"("id") ON DELETE CASCADE`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "auth_sessions"`);
  }
}

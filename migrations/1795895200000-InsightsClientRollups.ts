import { MigrationInterface, QueryRunner } from 'typeorm';
import { InsightsRadarSnapshots1795894000000 } from './1795894000000-InsightsRadarSnapshots';

/**
 * The insights read model becomes one row per client (libs/server/insights owns it; no entities):
 * `insights_client_rollups` holds each client's attention facts, score and headline counts, rewritten for
 * that client only inside every writer's transaction, and by the worker when `refresh_at` (the next moment
 * a time-dependent fact changes) has passed. It replaces the per-scope radar snapshots and the per-agency
 * version row every writer used to bump.
 *
 * Backfill: every client gets a placeholder row due at once (`refresh_at` -infinity); the worker's first
 * passes compute them (or `npm run insights:rebuild` does, at once).
 */
export class InsightsClientRollups1795895200000 implements MigrationInterface {
  name = 'InsightsClientRollups1795895200000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "insights_client_rollups" ("agency_id" uuid NOT NULL, "client_user_id" uuid NOT NULL, "score" integer NOT NULL DEFAULT 0, ` +
        `"open_applications" integer NOT NULL DEFAULT 0, "overdue_steps" integer NOT NULL DEFAULT 0, "silent_applications" integer NOT NULL DEFAULT 0, ` +
        `"unactioned_vents" integer NOT NULL DEFAULT 0, "ignored_reminders" integer NOT NULL DEFAULT 0, "last_touch_at" TIMESTAMP WITH TIME ZONE, ` +
        `"business_days_since_last_touch" integer, "applied_applications" integer NOT NULL DEFAULT 0, "covered_applications" integer NOT NULL DEFAULT 0, ` +
        `"outbound_touches" integer NOT NULL DEFAULT 0, "beyond_email_touches" integer NOT NULL DEFAULT 0, ` +
        `"computed_at" TIMESTAMP WITH TIME ZONE NOT NULL, "refresh_at" TIMESTAMP WITH TIME ZONE NOT NULL, ` +
        `CONSTRAINT "PK_insights_client_rollups" PRIMARY KEY ("agency_id", "client_user_id"))`,
    );
    // An admin's radar page: keyset on (score desc, client id) within the agency.
    await queryRunner.query(
      `CREATE INDEX "insights_client_rollups_rank_idx" ON "insights_client_rollups" ("agency_id", "score" DESC, "client_user_id")`,
    );
    // The worker's pass: rows whose time-dependent facts are due.
    await queryRunner.query(
      `CREATE INDEX "insights_client_rollups_refresh_idx" ON "insights_client_rollups" ("refresh_at")`,
    );
    await queryRunner.query(
      `INSERT INTO "insights_client_rollups" ("agency_id", "client_user_id", "computed_at", "refresh_at")
       SELECT "agency_id", "user_id", '-infinity', '-infinity' FROM "memberships" WHERE "role" = 'CLIENT'
       ON CONFLICT DO NOTHING`,
    );
    await queryRunner.query(`DROP TABLE "insights_radar_rows"`);
    await queryRunner.query(`DROP TABLE "insights_radar_snapshots"`);
    await queryRunner.query(`DROP TABLE "insights_radar_versions"`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await new InsightsRadarSnapshots1795894000000().up(queryRunner);
    await queryRunner.query(`DROP TABLE "insights_client_rollups"`);
  }
}

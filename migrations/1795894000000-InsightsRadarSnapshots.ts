import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The radar's materialized read model (libs/server/insights owns these three tables, written by hand:
 * insights has no entities).
 *
 * - `insights_radar_versions`: one row per agency, bumped by insights' pipeline listeners inside the
 *   writer's transaction (a stage change, a follow-up, a no-reachable-contact mark).
 * - `insights_radar_snapshots`: one row per radar scope (agency + scope key) saying when its rows were
 *   computed and at which agency data version.
 * - `insights_radar_rows`: the ranked rows of each scope: the score, the five attention facts the reasons are
 *   derived from, and the headline figures (coverage and beyond-e-mail share as their counts); read by keyset
 *   on (score desc, client id) through `insights_radar_rows_rank_idx`.
 */
export class InsightsRadarSnapshots1795894000000 implements MigrationInterface {
  name = 'InsightsRadarSnapshots1795894000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "insights_radar_versions" ("agency_id" uuid NOT NULL, "version" bigint NOT NULL, "changed_at" TIMESTAMP WITH TIME ZONE NOT NULL, ` +
        `CONSTRAINT "PK_insights_radar_versions" PRIMARY KEY ("agency_id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "insights_radar_snapshots" ("agency_id" uuid NOT NULL, "scope_key" text NOT NULL, "computed_at" TIMESTAMP WITH TIME ZONE NOT NULL, ` +
        `"data_version" bigint NOT NULL, "row_count" integer NOT NULL, CONSTRAINT "PK_insights_radar_snapshots" PRIMARY KEY ("agency_id", "scope_key"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "insights_radar_rows" ("agency_id" uuid NOT NULL, "scope_key" text NOT NULL, "client_user_id" uuid NOT NULL, ` +
        `"client_name" text NOT NULL, "score" integer NOT NULL, "open_applications" integer NOT NULL, "overdue_steps" integer NOT NULL, ` +
        `"silent_applications" integer NOT NULL, "unactioned_vents" integer NOT NULL, "ignored_reminders" integer NOT NULL, ` +
        `"last_touch_at" TIMESTAMP WITH TIME ZONE, "business_days_since_last_touch" integer, "applied_applications" integer NOT NULL, ` +
        `"covered_applications" integer NOT NULL, "outbound_touches" integer NOT NULL, "beyond_email_touches" integer NOT NULL, ` +
        `CONSTRAINT "PK_insights_radar_rows" PRIMARY KEY ("agency_id", "scope_key", "client_user_id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "insights_radar_rows_rank_idx" ON "insights_radar_rows" ("agency_id", "scope_key", "score" DESC, "client_user_id")`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "insights_radar_rows"`);
    await queryRunner.query(`DROP TABLE "insights_radar_snapshots"`);
    await queryRunner.query(`DROP TABLE "insights_radar_versions"`);
  }
}

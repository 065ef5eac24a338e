import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The dashboard's coach-week aggregates (libs/server/insights owns them; no entities): each client's rollup
 * row keeps its dashboard facts per local week and the scopes (agency, coaches) they were counted in; writers
 * append the differences to `insights_fact_deltas`; the worker folds them into `insights_scope_weeks`.
 *
 * Backfill: every client's row is made due at once (a placeholder row for a client without one), so the
 * worker's first passes compute the facts and fold them (or `npm run insights:rebuild` does, at once).
 */
export class InsightsCoachWeeks1796060000000 implements MigrationInterface {
  name = 'InsightsCoachWeeks1796060000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "insights_client_rollups" ADD "week_facts" jsonb NOT NULL DEFAULT '[]', ADD "fact_scopes" uuid[] NOT NULL DEFAULT '{}'`,
    );
    await queryRunner.query(
      `CREATE TABLE "insights_fact_deltas" ("id" bigint GENERATED ALWAYS AS IDENTITY NOT NULL, "agency_id" uuid NOT NULL, ` +
        `"scope_id" uuid NOT NULL, "week" date NOT NULL, "metric" character varying(32) NOT NULL, "key" text NOT NULL, ` +
        `"value" integer NOT NULL, CONSTRAINT "PK_insights_fact_deltas" PRIMARY KEY ("id"))`,
    );
    // A dashboard's pending deltas: its scopes' weeks.
    await queryRunner.query(
      `CREATE INDEX "insights_fact_deltas_scope_idx" ON "insights_fact_deltas" ("agency_id", "scope_id", "week")`,
    );
    await queryRunner.query(
      `CREATE TABLE "insights_scope_weeks" ("agency_id" uuid NOT NULL, "scope_id" uuid NOT NULL, "week" date NOT NULL, ` +
        `"metric" character varying(32) NOT NULL, "key" text NOT NULL, "value" integer NOT NULL, ` +
        `CONSTRAINT "PK_insights_scope_weeks" PRIMARY KEY ("agency_id", "scope_id", "week", "metric", "key"))`,
    );
    await queryRunner.query(
      `INSERT INTO "insights_client_rollups" ("agency_id", "client_user_id", "computed_at", "refresh_at")
       SELECT "agency_id", "user_id", '-infinity', '-infinity' FROM "memberships" WHERE "role" = 'CLIENT'
       ON CONFLICT DO NOTHING`,
    );
    await queryRunner.query(`UPDATE "insights_client_rollups" SET "refresh_at" = '-infinity'`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "insights_scope_weeks"`);
    await queryRunner.query(`DROP TABLE "insights_fact_deltas"`);
    await queryRunner.query(
      `ALTER TABLE "insights_client_rollups" DROP COLUMN "fact_scopes", DROP COLUMN "week_facts"`,
    );
  }
}

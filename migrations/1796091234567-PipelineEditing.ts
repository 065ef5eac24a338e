import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Editing the pipeline: an application can be archived (and restored), a follow-up and a contact
 * deleted. Nothing is removed, so the audit trail keeps pointing at real rows.
 */
export class PipelineEditing1796091234567 implements MigrationInterface {
  name = 'PipelineEditing1796091234567';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "applications" ADD "archived_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`ALTER TABLE "follow_ups" ADD "deleted_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`ALTER TABLE "contacts" ADD "deleted_at" TIMESTAMP WITH TIME ZONE`);
    // The figures read live touches only: the insights indexes carry deleted_at, so they still answer
    // the figures without visiting the table (kept whole, not partial, so the planner's choices stay as they were).
    await queryRunner.query(`DROP INDEX "follow_ups_insights_client_idx"`);
    await queryRunner.query(`DROP INDEX "follow_ups_insights_agency_idx"`);
    await queryRunner.query(
      `CREATE INDEX "follow_ups_insights_client_idx" ON "follow_ups" ("agency_id", "client_user_id", "occurred_at") INCLUDE ("application_id", "channel", "direction", "outcome", "deleted_at")`,
    );
    await queryRunner.query(
      `CREATE INDEX "follow_ups_insights_agency_idx" ON "follow_ups" ("agency_id", "occurred_at") INCLUDE ("id", "client_user_id", "application_id", "channel", "direction", "outcome", "deleted_at")`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "follow_ups_insights_client_idx"`);
    await queryRunner.query(`DROP INDEX "follow_ups_insights_agency_idx"`);
    await queryRunner.query(
      `CREATE INDEX "follow_ups_insights_client_idx" ON "follow_ups" ("agency_id", "client_user_id", "occurred_at") INCLUDE ("application_id", "channel", "direction", "outcome")`,
    );
    await queryRunner.query(
      `CREATE INDEX "follow_ups_insights_agency_idx" ON "follow_ups" ("agency_id", "occurred_at") INCLUDE ("id", "client_user_id", "application_id", "channel", "direction", "outcome")`,
    );
    await queryRunner.query(`ALTER TABLE "contacts" DROP COLUMN "deleted_at"`);
    await queryRunner.query(`ALTER TABLE "follow_ups" DROP COLUMN "deleted_at"`);
    await queryRunner.query(`ALTER TABLE "applications" DROP COLUMN "archived_at"`);
  }
}

import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Indexes for the insights read model (libs/server/insights), written by hand: insights has no
 * entities of its own, it reads the other contexts' tables. Each index serves one query shape:
 *
 * - per client (the radar, scorecards, headlines): covering indexes, so that a coach's whole caseload
 *   is ranked from index-only scans of applications, follow-ups and pending steps;
 * - per agency and period (the dashboard and its weekly trend): range scans on the event time.
 */
export class InsightsIndexes1795893000000 implements MigrationInterface {
  name = 'InsightsIndexes1795893000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE INDEX "applications_insights_client_idx" ON "applications" ("agency_id", "client_user_id") INCLUDE ("id", "stage", "applied_at", "last_touch_at", "created_at")`,
    );
    await queryRunner.query(
      `CREATE INDEX "applications_insights_open_idx" ON "applications" ("agency_id", "client_user_id") INCLUDE ("last_touch_at", "applied_at", "created_at") WHERE "stage" IN ('APPLIED', 'SCREENING', 'INTERVIEWING', 'OFFER')`,
    );
    await queryRunner.query(
      `CREATE INDEX "applications_insights_applied_idx" ON "applications" ("agency_id", "applied_at") INCLUDE ("id", "client_user_id") WHERE "applied_at" IS NOT NULL`,
    );
    await queryRunner.query(
      `CREATE INDEX "applications_insights_created_idx" ON "applications" ("agency_id", "created_at") INCLUDE ("id", "client_user_id", "stage")`,
    );
    await queryRunner.query(
      `CREATE INDEX "application_stage_changes_insights_idx" ON "application_stage_changes" ("agency_id", "application_id") INCLUDE ("to_stage")`,
    );
    await queryRunner.query(
      `CREATE INDEX "follow_ups_insights_client_idx" ON "follow_ups" ("agency_id", "client_user_id", "occurred_at") INCLUDE ("application_id", "channel", "direction", "outcome")`,
    );
    await queryRunner.query(
      `CREATE INDEX "follow_ups_insights_agency_idx" ON "follow_ups" ("agency_id", "occurred_at") INCLUDE ("id", "client_user_id", "application_id", "channel", "direction", "outcome")`,
    );
    await queryRunner.query(
      `CREATE INDEX "step_instances_insights_pending_idx" ON "step_instances" ("agency_id", "client_user_id", "due_at") WHERE "status" = 'PENDING'`,
    );
    await queryRunner.query(
      `CREATE INDEX "step_instances_insights_client_due_idx" ON "step_instances" ("agency_id", "client_user_id", "due_at") INCLUDE ("id", "status", "completed_at")`,
    );
    await queryRunner.query(
      `CREATE INDEX "step_instances_insights_due_idx" ON "step_instances" ("agency_id", "due_at") INCLUDE ("client_user_id", "status", "completed_at", "step_key", "channel", "follow_up_id")`,
    );
    await queryRunner.query(
      `CREATE INDEX "vents_insights_unactioned_idx" ON "vents" ("agency_id", "client_user_id") WHERE "shared_with_coach" AND "state" = 'OPEN'`,
    );
    await queryRunner.query(
      `CREATE INDEX "reminders_insights_recipient_idx" ON "reminders" ("agency_id", "recipient_user_id", "due_at") INCLUDE ("refs") WHERE "kind" = 'playbook.step-due' AND "status" = 'SENT'`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const index of [
      'reminders_insights_recipient_idx',
      'vents_insights_unactioned_idx',
      'step_instances_insights_due_idx',
      'step_instances_insights_client_due_idx',
      'step_instances_insights_pending_idx',
      'follow_ups_insights_agency_idx',
      'follow_ups_insights_client_idx',
      'application_stage_changes_insights_idx',
      'applications_insights_created_idx',
      'applications_insights_applied_idx',
      'applications_insights_open_idx',
      'applications_insights_client_idx',
    ]) {
      await queryRunner.query(`DROP INDEX "public"."${index}"`);
    }
  }
}

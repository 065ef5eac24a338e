import { MigrationInterface, QueryRunner } from 'typeorm';

export class ReminderRecovery1795892632486 implements MigrationInterface {
  name = 'ReminderRecovery1795892632486';

  // Reviewed: the generator also proposed dropping reminders_insights_step_due_idx, which the insights
  // context's migration adds to this table; those lines were removed.
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE INDEX "reminders_sending_idx" ON "reminders"  ("updated_at") WHERE "status" = 'SENDING' AND "digest_id" IS NULL`,
    );
    await queryRunner.query(
      `CREATE INDEX "reminder_digests_sending_idx" ON "reminder_digests"  ("updated_at") WHERE "status" = 'SENDING'`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."reminder_digests_sending_idx"`);
    await queryRunner.query(`DROP INDEX "public"."reminders_sending_idx"`);
  }
}

import { MigrationInterface, QueryRunner } from 'typeorm';

export class ReminderScanIndexes1795892294003 implements MigrationInterface {
  name = 'ReminderScanIndexes1795892294003';

  // Reviewed by hand: TypeORM does not notice a changed WHERE on an index that keeps its name, so the
  // two due indexes are recreated here to leave out reminders already handed to the queue.
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."reminders_due_idx"`);
    await queryRunner.query(
      `CREATE INDEX "reminders_due_idx" ON "reminders"  ("due_at") WHERE "status" = 'SCHEDULED' AND "enqueued_at" IS NULL`,
    );
    await queryRunner.query(`DROP INDEX "public"."reminder_digests_due_idx"`);
    await queryRunner.query(
      `CREATE INDEX "reminder_digests_due_idx" ON "reminder_digests"  ("due_at") WHERE "status" = 'SCHEDULED' AND "enqueued_at" IS NULL`,
    );
    await queryRunner.query(
      `CREATE INDEX "reminders_enqueued_idx" ON "reminders"  ("enqueued_at") WHERE "status" = 'SCHEDULED' AND "enqueued_at" IS NOT NULL`,
    );
    await queryRunner.query(
      `CREATE INDEX "reminder_digests_enqueued_idx" ON "reminder_digests"  ("enqueued_at") WHERE "status" = 'SCHEDULED' AND "enqueued_at" IS NOT NULL`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."reminder_digests_enqueued_idx"`);
    await queryRunner.query(`DROP INDEX "public"."reminders_enqueued_idx"`);
    await queryRunner.query(`DROP INDEX "public"."reminder_digests_due_idx"`);
    await queryRunner.query(
      `CREATE INDEX "reminder_digests_due_idx" ON "reminder_digests"  ("due_at") WHERE "status" = 'SCHEDULED'`,
    );
    await queryRunner.query(`DROP INDEX "public"."reminders_due_idx"`);
    await queryRunner.query(`CREATE INDEX "reminders_due_idx" ON "reminders"  ("due_at") WHERE "status" = 'SCHEDULED'`);
  }
}

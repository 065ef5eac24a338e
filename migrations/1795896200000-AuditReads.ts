import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Audit rows name every client a read covered (`subject_user_ids`, searched through a GIN index) and the
 * operations it served (`detail`); admins page them newest first per agency, and retention deletes by age.
 */
export class AuditReads1795896200000 implements MigrationInterface {
  name = 'AuditReads1795896200000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "audit_events" ADD "subject_user_ids" uuid array NOT NULL DEFAULT '{}'`);
    await queryRunner.query(`ALTER TABLE "audit_events" ADD "detail" character varying(500)`);
    await queryRunner.query(
      `UPDATE "audit_events" SET "subject_user_ids" = ARRAY["subject_user_id"] WHERE "subject_user_id" IS NOT NULL`,
    );
    await queryRunner.query(
      `CREATE INDEX "audit_events_agency_time_idx" ON "audit_events" ("agency_id", "occurred_at", "id")`,
    );
    await queryRunner.query(
      `CREATE INDEX "audit_events_subjects_idx" ON "audit_events" USING gin ("subject_user_ids")`,
    );
    await queryRunner.query(`CREATE INDEX "audit_events_occurred_idx" ON "audit_events" ("occurred_at")`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "audit_events_occurred_idx"`);
    await queryRunner.query(`DROP INDEX "audit_events_subjects_idx"`);
    await queryRunner.query(`DROP INDEX "audit_events_agency_time_idx"`);
    await queryRunner.query(`ALTER TABLE "audit_events" DROP COLUMN "detail"`);
    await queryRunner.query(`ALTER TABLE "audit_events" DROP COLUMN "subject_user_ids"`);
  }
}

import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Delivery state the database keeps so that it, not the queue, is the truth about what is due:
 * - `reminders.timing`: whether the send-time check of business hours applies (re-checked at sending);
 * - `reminders.job_id` / `reminder_digests.job_id`: the queue job carrying each row, to tell a lost job from a waiting one;
 * - status `IN_DIGEST` for reminders waiting in a daily digest (they were shown as SENDING);
 * - `mail_refusals`: addresses whose server refused mail for good;
 * - `process_heartbeats`: when each recurring job last ran, for /health.
 */
export class ReminderDeliveryState1796044008955 implements MigrationInterface {
  name = 'ReminderDeliveryState1796044008955';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "process_heartbeats" ("name" character varying(64) NOT NULL, "beat_at" TIMESTAMP WITH TIME ZONE NOT NULL, "every_ms" integer NOT NULL, CONSTRAINT "PK_5df5cddf6e867183f65a3c14cc5" PRIMARY KEY ("name"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "mail_refusals" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "agency_id" uuid NOT NULL, "email" character varying(254) NOT NULL, "response_code" integer, "reason" text NOT NULL, "refused_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "mail_refusals_agency_email_key" UNIQUE ("agency_id", "email"), CONSTRAINT "PK_2a584f3146d52bc80fc2cda8710" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`ALTER TABLE "reminders" ADD "timing" character varying(16) NOT NULL DEFAULT 'exact'`);
    // Until now every step reminder was scheduled with the default, business-hours timing.
    await queryRunner.query(
      `UPDATE "reminders" SET "timing" = 'business-hours' WHERE "kind" IN ('playbook.step-due', 'playbook.step-overdue') AND "status" = 'SCHEDULED'`,
    );
    await queryRunner.query(`ALTER TABLE "reminders" ADD "job_id" character varying(120)`);
    await queryRunner.query(`ALTER TABLE "reminder_digests" ADD "job_id" character varying(120)`);
    await queryRunner.query(
      `UPDATE "reminders" SET "status" = 'IN_DIGEST' WHERE "status" = 'SENDING' AND "digest_id" IS NOT NULL`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`UPDATE "reminders" SET "status" = 'SENDING' WHERE "status" = 'IN_DIGEST'`);
    await queryRunner.query(`ALTER TABLE "reminder_digests" DROP COLUMN "job_id"`);
    await queryRunner.query(`ALTER TABLE "reminders" DROP COLUMN "job_id"`);
    await queryRunner.query(`ALTER TABLE "reminders" DROP COLUMN "timing"`);
    await queryRunner.query(`DROP TABLE "mail_refusals"`);
    await queryRunner.query(`DROP TABLE "process_heartbeats"`);
  }
}

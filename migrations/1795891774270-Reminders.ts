import { MigrationInterface, QueryRunner } from 'typeorm';

export class Reminders1795891774270 implements MigrationInterface {
  name = 'Reminders1795891774270';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "notification_preferences" ("agency_id" uuid NOT NULL, "user_id" uuid NOT NULL, "mode" character varying(16) NOT NULL DEFAULT 'IMMEDIATE', "unsubscribed" boolean NOT NULL DEFAULT false, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_63b8e21abb8e781e275867709bc" PRIMARY KEY ("agency_id", "user_id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "reminders" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "agency_id" uuid NOT NULL, "kind" character varying(64) NOT NULL, "recipient_user_id" uuid NOT NULL, "due_at" TIMESTAMP WITH TIME ZONE NOT NULL, "status" character varying(16) NOT NULL DEFAULT 'SCHEDULED', "idempotency_key" character varying(200) COLLATE "C" NOT NULL, "refs" jsonb NOT NULL DEFAULT '{}', "attempts" integer NOT NULL DEFAULT '0', "last_error" text, "skip_reason" character varying(20), "provider_message_id" character varying(200), "sent_at" TIMESTAMP WITH TIME ZONE, "enqueued_at" TIMESTAMP WITH TIME ZONE, "digest_id" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "reminders_agency_key_key" UNIQUE ("agency_id", "idempotency_key"), CONSTRAINT "PK_38715fec7f634b72c6cf7ea4893" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "reminders_digest_idx" ON "reminders"  ("digest_id") WHERE "digest_id" IS NOT NULL`,
    );
    await queryRunner.query(`CREATE INDEX "reminders_agency_due_idx" ON "reminders"  ("agency_id", "due_at") `);
    await queryRunner.query(
      `CREATE INDEX "reminders_recipient_idx" ON "reminders"  ("agency_id", "recipient_user_id", "due_at") `,
    );
    await queryRunner.query(`CREATE INDEX "reminders_due_idx" ON "reminders"  ("due_at") WHERE "status" = 'SCHEDULED'`);
    await queryRunner.query(
      `CREATE TABLE "reminder_digests" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "agency_id" uuid NOT NULL, "recipient_user_id" uuid NOT NULL, "digest_date" date NOT NULL, "due_at" TIMESTAMP WITH TIME ZONE NOT NULL, "status" character varying(16) NOT NULL DEFAULT 'SCHEDULED', "attempts" integer NOT NULL DEFAULT '0', "last_error" text, "provider_message_id" character varying(200), "sent_at" TIMESTAMP WITH TIME ZONE, "enqueued_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "reminder_digests_person_day_key" UNIQUE ("agency_id", "recipient_user_id", "digest_date"), CONSTRAINT "PK_8c74445fe192c8dab806f49dd0e" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "reminder_digests_due_idx" ON "reminder_digests"  ("due_at") WHERE "status" = 'SCHEDULED'`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."reminder_digests_due_idx"`);
    await queryRunner.query(`DROP TABLE "reminder_digests"`);
    await queryRunner.query(`DROP INDEX "public"."reminders_due_idx"`);
    await queryRunner.query(`DROP INDEX "public"."reminders_recipient_idx"`);
    await queryRunner.query(`DROP INDEX "public"."reminders_agency_due_idx"`);
    await queryRunner.query(`DROP INDEX "public"."reminders_digest_idx"`);
    await queryRunner.query(`DROP TABLE "reminders"`);
    await queryRunner.query(`DROP TABLE "notification_preferences"`);
  }
}

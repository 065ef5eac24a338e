import { MigrationInterface, QueryRunner } from 'typeorm';

export class Vents1795891805041 implements MigrationInterface {
  name = 'Vents1795891805041';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "vents" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "agency_id" uuid NOT NULL, "client_user_id" uuid NOT NULL, "text" character varying(5000) NOT NULL, "mood" smallint NOT NULL, "tags" character varying(32) array NOT NULL DEFAULT '{}', "application_id" uuid, "shared_with_coach" boolean NOT NULL DEFAULT false, "state" character varying(10) NOT NULL, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "vents_mood_range" CHECK (mood BETWEEN 1 AND 5), CONSTRAINT "PK_f7cc793c79cc5fde4300a5e012b" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "vents_agency_created_idx" ON "vents"  ("agency_id", "created_at", "id") `);
    await queryRunner.query(
      `CREATE INDEX "vents_agency_client_created_idx" ON "vents"  ("agency_id", "client_user_id", "created_at", "id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "actions" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "agency_id" uuid NOT NULL, "client_user_id" uuid NOT NULL, "title" character varying(300) NOT NULL, "due_on" date, "status" character varying(10) NOT NULL, "source" character varying(10) NOT NULL, "vent_id" uuid, "application_id" uuid, "created_by_user_id" uuid NOT NULL, "on_behalf" boolean NOT NULL DEFAULT false, "settled_at" TIMESTAMP WITH TIME ZONE, "settled_by_user_id" uuid, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_7bfb822f56be449c0b8adbf83cf" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "actions_agency_vent_idx" ON "actions"  ("agency_id", "vent_id") `);
    await queryRunner.query(
      `CREATE INDEX "actions_agency_created_idx" ON "actions"  ("agency_id", "created_at", "id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "actions_agency_client_created_idx" ON "actions"  ("agency_id", "client_user_id", "created_at", "id") `,
    );
    await queryRunner.query(
      `ALTER TABLE "actions" ADD CONSTRAINT "FK_864efd3034abc379f8e5837be5c" FOREIGN KEY ("vent_id") REFERENCES "vents"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "actions" DROP CONSTRAINT "FK_864efd3034abc379f8e5837be5c"`);
    await queryRunner.query(`DROP INDEX "public"."actions_agency_client_created_idx"`);
    await queryRunner.query(`DROP INDEX "public"."actions_agency_created_idx"`);
    await queryRunner.query(`DROP INDEX "public"."actions_agency_vent_idx"`);
    await queryRunner.query(`DROP TABLE "actions"`);
    await queryRunner.query(`DROP INDEX "public"."vents_agency_client_created_idx"`);
    await queryRunner.query(`DROP INDEX "public"."vents_agency_created_idx"`);
    await queryRunner.query(`DROP TABLE "vents"`);
  }
}

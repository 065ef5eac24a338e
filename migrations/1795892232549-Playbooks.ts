import { MigrationInterface, QueryRunner } from 'typeorm';

export class Playbooks1795892232549 implements MigrationInterface {
  name = 'Playbooks1795892232549';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "playbooks" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "agency_id" uuid NOT NULL, "name" character varying(120) NOT NULL, "is_default" boolean NOT NULL DEFAULT false, "current_version" integer NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_700979398c237ee843f513f51ce" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "playbooks_one_default_key" ON "playbooks"  ("agency_id") WHERE is_default`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "playbooks_agency_name_key" ON "playbooks"  ("agency_id", "name") `);
    await queryRunner.query(
      `CREATE TABLE "playbook_versions" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "agency_id" uuid NOT NULL, "playbook_id" uuid NOT NULL, "version" integer NOT NULL, "steps" jsonb NOT NULL, "created_by_user_id" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "playbook_versions_playbook_version_key" UNIQUE ("agency_id", "playbook_id", "version"), CONSTRAINT "PK_371eb82dd51f03fe849a6cf9fe6" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "cadences" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "agency_id" uuid NOT NULL, "application_id" uuid NOT NULL, "client_user_id" uuid NOT NULL, "playbook_version_id" uuid NOT NULL, "started_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "stopped_at" TIMESTAMP WITH TIME ZONE, "stop_reason" character varying(32), CONSTRAINT "PK_9746af2912141a47bc0ae44e807" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "cadences_running_application_key" ON "cadences"  ("agency_id", "application_id") WHERE stopped_at IS NULL`,
    );
    await queryRunner.query(
      `CREATE TABLE "playbook_assignments" ("agency_id" uuid NOT NULL, "client_user_id" uuid NOT NULL, "playbook_id" uuid NOT NULL, "assigned_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_4871d1ce530e779b91c6fc28d45" PRIMARY KEY ("agency_id", "client_user_id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "step_instances" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "agency_id" uuid NOT NULL, "cadence_id" uuid NOT NULL, "application_id" uuid NOT NULL, "client_user_id" uuid NOT NULL, "step_key" character varying(64) NOT NULL, "trigger" character varying(20) NOT NULL, "channel" character varying(20) NOT NULL, "purpose" character varying(20) NOT NULL, "instructions" text NOT NULL, "due_at" TIMESTAMP WITH TIME ZONE NOT NULL, "status" character varying(12) NOT NULL DEFAULT 'PENDING', "completed_at" TIMESTAMP WITH TIME ZONE, "follow_up_id" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_e9c653bf0de8a9b647f2e5d8975" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "step_instances_pending_due_idx" ON "step_instances"  ("agency_id", "due_at") WHERE status = 'PENDING'`,
    );
    await queryRunner.query(
      `CREATE INDEX "step_instances_application_idx" ON "step_instances"  ("agency_id", "application_id", "status") `,
    );
    await queryRunner.query(
      `CREATE INDEX "step_instances_client_due_idx" ON "step_instances"  ("agency_id", "client_user_id", "due_at", "id") `,
    );
    await queryRunner.query(
      `ALTER TABLE "playbook_versions" ADD CONSTRAINT "FK_589e5e3bd9f1023d9d750405be8" FOREIGN KEY ("playbook_id") REFERENCES "playbooks"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "cadences" ADD CONSTRAINT "FK_3c9c306e42cac94048ceb31af67" FOREIGN KEY ("playbook_version_id") REFERENCES "playbook_versions"("id") ON DELETE NO ACTION ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "playbook_assignments" ADD CONSTRAINT "FK_f39b2fd11eefd98ce263c1dd381" FOREIGN KEY ("playbook_id") REFERENCES "playbooks"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "step_instances" ADD CONSTRAINT "FK_9b2e39dac176935a8715ae56efe" FOREIGN KEY ("cadence_id") REFERENCES "cadences"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "step_instances" DROP CONSTRAINT "FK_9b2e39dac176935a8715ae56efe"`);
    await queryRunner.query(`ALTER TABLE "playbook_assignments" DROP CONSTRAINT "FK_f39b2fd11eefd98ce263c1dd381"`);
    await queryRunner.query(`ALTER TABLE "cadences" DROP CONSTRAINT "FK_3c9c306e42cac94048ceb31af67"`);
    await queryRunner.query(`ALTER TABLE "playbook_versions" DROP CONSTRAINT "FK_589e5e3bd9f1023d9d750405be8"`);
    await queryRunner.query(`DROP INDEX "public"."step_instances_client_due_idx"`);
    await queryRunner.query(`DROP INDEX "public"."step_instances_application_idx"`);
    await queryRunner.query(`DROP INDEX "public"."step_instances_pending_due_idx"`);
    await queryRunner.query(`DROP TABLE "step_instances"`);
    await queryRunner.query(`DROP TABLE "playbook_assignments"`);
    await queryRunner.query(`DROP INDEX "public"."cadences_running_application_key"`);
    await queryRunner.query(`DROP TABLE "cadences"`);
    await queryRunner.query(`DROP TABLE "playbook_versions"`);
    await queryRunner.query(`DROP INDEX "public"."playbooks_agency_name_key"`);
    await queryRunner.query(`DROP INDEX "public"."playbooks_one_default_key"`);
    await queryRunner.query(`DROP TABLE "playbooks"`);
  }
}

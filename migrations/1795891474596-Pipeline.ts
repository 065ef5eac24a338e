import { MigrationInterface, QueryRunner } from 'typeorm';

export class Pipeline1795891474596 implements MigrationInterface {
  name = 'Pipeline1795891474596';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "companies" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "agency_id" uuid NOT NULL, "name" character varying(160) NOT NULL, "normalized_name" character varying(160) NOT NULL, "domain" character varying(253), "main_phone" character varying(40), "sales_phone" character varying(40), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "companies_agency_normalized_name_key" UNIQUE ("agency_id", "normalized_name"), CONSTRAINT "PK_d4bc3e82a314fa9e29f652c2c22" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "companies_agency_domain_key" ON "companies"  ("agency_id", "domain") WHERE domain IS NOT NULL`,
    );
    await queryRunner.query(
      `CREATE TABLE "applications" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "agency_id" uuid NOT NULL, "client_user_id" uuid NOT NULL, "company_id" uuid NOT NULL, "title" character varying(200) NOT NULL, "source" character varying(120), "stage" character varying(20) NOT NULL, "applied_at" TIMESTAMP WITH TIME ZONE, "last_touch_at" TIMESTAMP WITH TIME ZONE, "no_reachable_contact" boolean NOT NULL DEFAULT false, "no_reachable_contact_reason" character varying(500), "created_by_user_id" uuid NOT NULL, "on_behalf" boolean NOT NULL DEFAULT false, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_938c0a27255637bde919591888f" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "applications_agency_company_idx" ON "applications"  ("agency_id", "company_id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "applications_agency_created_idx" ON "applications"  ("agency_id", "created_at", "id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "applications_agency_client_created_idx" ON "applications"  ("agency_id", "client_user_id", "created_at", "id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "application_stage_changes" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "agency_id" uuid NOT NULL, "application_id" uuid NOT NULL, "from_stage" character varying(20), "to_stage" character varying(20) NOT NULL, "note" character varying(500), "changed_by_user_id" uuid NOT NULL, "on_behalf" boolean NOT NULL DEFAULT false, "changed_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_3bb4a91c417aae031d73a3c8f4e" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "application_stage_changes_agency_application_idx" ON "application_stage_changes"  ("agency_id", "application_id", "changed_at") `,
    );
    await queryRunner.query(
      `CREATE TABLE "contacts" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "agency_id" uuid NOT NULL, "client_user_id" uuid NOT NULL, "company_id" uuid NOT NULL, "name" character varying(120) NOT NULL, "role" character varying(20) NOT NULL, "phone" character varying(40), "email" character varying(254), "how_found" character varying(20) NOT NULL, "added_by_user_id" uuid NOT NULL, "on_behalf" boolean NOT NULL DEFAULT false, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_b99cd40cfd66a99f1571f4f72e6" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "contacts_agency_company_client_idx" ON "contacts"  ("agency_id", "company_id", "client_user_id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "follow_ups" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "agency_id" uuid NOT NULL, "application_id" uuid NOT NULL, "client_user_id" uuid NOT NULL, "contact_id" uuid, "channel" character varying(20) NOT NULL, "direction" character varying(10) NOT NULL, "purpose" character varying(20) NOT NULL, "outcome" character varying(30), "occurred_at" TIMESTAMP WITH TIME ZONE NOT NULL, "notes" character varying(2000), "logged_by_user_id" uuid NOT NULL, "on_behalf" boolean NOT NULL DEFAULT false, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_d510aabdff2ec7fdc67a1092157" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "follow_ups_agency_client_idx" ON "follow_ups"  ("agency_id", "client_user_id", "occurred_at") `,
    );
    await queryRunner.query(
      `CREATE INDEX "follow_ups_agency_application_idx" ON "follow_ups"  ("agency_id", "application_id", "occurred_at") `,
    );
    await queryRunner.query(
      `ALTER TABLE "applications" ADD CONSTRAINT "FK_cb7a3b4b25f960e895d3213a010" FOREIGN KEY ("company_id") REFERENCES "companies"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "application_stage_changes" ADD CONSTRAINT "FK_eff966edb05118712da6734f423" FOREIGN KEY ("application_id") REFERENCES "applications"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "contacts" ADD CONSTRAINT "FK_b53945f3dfe982678bfeb5e1b4f" FOREIGN KEY ("company_id") REFERENCES "companies"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "follow_ups" ADD CONSTRAINT "FK_bda081e7c7953b23a94c687978b" FOREIGN KEY ("application_id") REFERENCES "applications"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "follow_ups" ADD CONSTRAINT "FK_f804714e934dc9e4b0782bbdb27" FOREIGN KEY ("contact_id") REFERENCES "contacts"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "follow_ups" DROP CONSTRAINT "FK_f804714e934dc9e4b0782bbdb27"`);
    await queryRunner.query(`ALTER TABLE "follow_ups" DROP CONSTRAINT "FK_bda081e7c7953b23a94c687978b"`);
    await queryRunner.query(`ALTER TABLE "contacts" DROP CONSTRAINT "FK_b53945f3dfe982678bfeb5e1b4f"`);
    await queryRunner.query(`ALTER TABLE "application_stage_changes" DROP CONSTRAINT "FK_eff966edb05118712da6734f423"`);
    await queryRunner.query(`ALTER TABLE "applications" DROP CONSTRAINT "FK_cb7a3b4b25f960e895d3213a010"`);
    await queryRunner.query(`DROP INDEX "public"."follow_ups_agency_application_idx"`);
    await queryRunner.query(`DROP INDEX "public"."follow_ups_agency_client_idx"`);
    await queryRunner.query(`DROP TABLE "follow_ups"`);
    await queryRunner.query(`DROP INDEX "public"."contacts_agency_company_client_idx"`);
    await queryRunner.query(`DROP TABLE "contacts"`);
    await queryRunner.query(`DROP INDEX "public"."application_stage_changes_agency_application_idx"`);
    await queryRunner.query(`DROP TABLE "application_stage_changes"`);
    await queryRunner.query(`DROP INDEX "public"."applications_agency_client_created_idx"`);
    await queryRunner.query(`DROP INDEX "public"."applications_agency_created_idx"`);
    await queryRunner.query(`DROP INDEX "public"."applications_agency_company_idx"`);
    await queryRunner.query(`DROP TABLE "applications"`);
    await queryRunner.query(`DROP INDEX "public"."companies_agency_domain_key"`);
    await queryRunner.query(`DROP TABLE "companies"`);
  }
}

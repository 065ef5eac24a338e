import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A company's domain and phones are the agency's only once a coach or admin confirms them; what a
 * client types stays on that client's application. Details already on companies were typed by
 * whichever client came first and nobody vouched for them: they move to that first application
 * and leave the shared row.
 */
export class CompanyDetailsConfirmed1796050000000 implements MigrationInterface {
  name = 'CompanyDetailsConfirmed1796050000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "applications" ADD "company_domain" character varying(253), ` +
        `ADD "company_main_phone" character varying(40), ADD "company_sales_phone" character varying(40)`,
    );
    await queryRunner.query(
      `ALTER TABLE "companies" ADD "details_confirmed_at" TIMESTAMP WITH TIME ZONE, ADD "details_confirmed_by_user_id" uuid`,
    );
    await queryRunner.query(
      `UPDATE "applications" a
          SET "company_domain" = c."domain", "company_main_phone" = c."main_phone", "company_sales_phone" = c."sales_phone"
         FROM "companies" c
        WHERE c."agency_id" = a."agency_id" AND c."id" = a."company_id"
          AND a."id" = (SELECT first."id" FROM "applications" first
                         WHERE first."agency_id" = c."agency_id" AND first."company_id" = c."id"
                         ORDER BY first."created_at", first."id" LIMIT 1)`,
    );
    await queryRunner.query(`UPDATE "companies" SET "domain" = NULL, "main_phone" = NULL, "sales_phone" = NULL`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "companies" DROP COLUMN "details_confirmed_by_user_id", DROP COLUMN "details_confirmed_at"`,
    );
    await queryRunner.query(
      `ALTER TABLE "applications" DROP COLUMN "company_sales_phone", DROP COLUMN "company_main_phone", DROP COLUMN "company_domain"`,
    );
  }
}

import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Revocable signed links (calendar feeds): each link carries the generation of its subject current
 * when it was made; regenerating bumps it, which ends every older link. Written by hand, read by the
 * signed-link service only (no entity).
 */
export class SignedLinkGenerations1795896000000 implements MigrationInterface {
  name = 'SignedLinkGenerations1795896000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "signed_link_generations" ("agency_id" uuid NOT NULL, "purpose" character varying(40) NOT NULL, ` +
        `"subject" character varying(200) NOT NULL, "generation" integer NOT NULL, ` +
        `CONSTRAINT "PK_signed_link_generations" PRIMARY KEY ("agency_id", "purpose", "subject"))`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "signed_link_generations"`);
  }
}

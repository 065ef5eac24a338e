import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Paged member lists: `memberPage` walks an agency's memberships and `myClientPage` a coach's
 * assignments by (created_at, id). The timestamps become millisecond-exact (a cursor carries
 * milliseconds) and each walk gets its index.
 */
export class MemberPages1796080000000 implements MigrationInterface {
  name = 'MemberPages1796080000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "memberships" ALTER COLUMN "created_at" TYPE TIMESTAMP(3) WITH TIME ZONE`);
    await queryRunner.query(
      `ALTER TABLE "coach_assignments" ALTER COLUMN "created_at" TYPE TIMESTAMP(3) WITH TIME ZONE`,
    );
    await queryRunner.query(
      `CREATE INDEX "memberships_agency_joined_idx" ON "memberships" ("agency_id", "created_at", "id")`,
    );
    await queryRunner.query(
      `CREATE INDEX "coach_assignments_coach_since_idx" ON "coach_assignments" ("agency_id", "coach_user_id", "created_at", "client_user_id")`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."coach_assignments_coach_since_idx"`);
    await queryRunner.query(`DROP INDEX "public"."memberships_agency_joined_idx"`);
    await queryRunner.query(`ALTER TABLE "coach_assignments" ALTER COLUMN "created_at" TYPE TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`ALTER TABLE "memberships" ALTER COLUMN "created_at" TYPE TIMESTAMP WITH TIME ZONE`);
  }
}

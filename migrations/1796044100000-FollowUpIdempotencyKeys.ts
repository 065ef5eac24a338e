import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A follow-up may carry the key its sender chose (a phone queueing a touch while offline): the same
 * person sending the same key again gets the touch already stored instead of a second one.
 */
export class FollowUpIdempotencyKeys1796044100000 implements MigrationInterface {
  name = 'FollowUpIdempotencyKeys1796044100000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "follow_ups" ADD "idempotency_key" character varying(100)`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "follow_ups_idempotency_key_idx" ON "follow_ups" ("agency_id", "logged_by_user_id", "idempotency_key") ` +
        `WHERE "idempotency_key" IS NOT NULL`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "follow_ups_idempotency_key_idx"`);
    await queryRunner.query(`ALTER TABLE "follow_ups" DROP COLUMN "idempotency_key"`);
  }
}

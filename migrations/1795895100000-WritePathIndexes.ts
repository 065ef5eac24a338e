import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Indexes for the write paths, so that their cost follows one application's or one step's rows and
 * not the agency's history:
 *
 * - the cadence planner reads and counts a cadence's steps (by status, by trigger): `step_instances`
 *   had no index starting with the cadence, so each follow-up read every step of the agency;
 * - cancelling a step's reminders matches `refs @> {"stepInstanceId": …}`: a GIN index on the refs
 *   (jsonb_path_ops serves containment only, and is the smaller kind).
 */
export class WritePathIndexes1795895100000 implements MigrationInterface {
  name = 'WritePathIndexes1795895100000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE INDEX "step_instances_cadence_idx" ON "step_instances" ("agency_id", "cadence_id", "status")`,
    );
    await queryRunner.query(`CREATE INDEX "reminders_refs_idx" ON "reminders" USING gin ("refs" jsonb_path_ops)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "reminders_refs_idx"`);
    await queryRunner.query(`DROP INDEX "step_instances_cadence_idx"`);
  }
}

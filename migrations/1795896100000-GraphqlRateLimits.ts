import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Per-caller, per-operation request counters of the GraphQL rate limit when it runs on PostgreSQL
 * (the layout rate-limiter-flexible's PostgreSQL store reads and writes; `expire` is epoch milliseconds).
 * The expiry index serves its hourly sweep of expired rows.
 */
export class GraphqlRateLimits1795896100000 implements MigrationInterface {
  name = 'GraphqlRateLimits1795896100000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "graphql_rate_limits" ("key" varchar(255) NOT NULL, "points" integer NOT NULL DEFAULT 0, "expire" bigint, CONSTRAINT "PK_graphql_rate_limits" PRIMARY KEY ("key"))`,
    );
    await queryRunner.query(`CREATE INDEX "graphql_rate_limits_expire_idx" ON "graphql_rate_limits" ("expire")`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "graphql_rate_limits"`);
  }
}

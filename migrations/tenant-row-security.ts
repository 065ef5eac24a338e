import { QueryRunner } from 'typeorm';

/**
 * Row-level security for a tenant table: enabled and forced (the owner is bound too), with one policy that
 * lets a statement see and write only the rows of the agency its transaction set (`app.agency_id`, see
 * libs/server/core/src/lib/database/tenant-scope.ts). A new table with an `agency_id` column calls this in its
 * migration; the catalog test (row-level-security.int-spec.ts) fails for one that does not.
 */
export async function enableTenantRowSecurity(
  queryRunner: QueryRunner,
  table: string,
  tenantColumn = 'agency_id',
): Promise<void> {
  await queryRunner.query(`ALTER TABLE "${table}" ENABLE ROW LEVEL SECURITY`);
  await queryRunner.query(`ALTER TABLE "${table}" FORCE ROW LEVEL SECURITY`);
  await queryRunner.query(
    `CREATE POLICY tenant_isolation ON "${table}" USING ("${tenantColumn}" = app_agency_id()) WITH CHECK ("${tenantColumn}" = app_agency_id())`,
  );
  // The owner migrates with app.cross_tenant = 'migration' (run-migrations.ts); the application's role cannot use it.
  await queryRunner.query(
    `CREATE POLICY owner_migration ON "${table}" TO CURRENT_USER USING (app_cross_tenant() = 'migration') WITH CHECK (app_cross_tenant() = 'migration')`,
  );
}

/**
 * One named cross-agency path into a table: allowed only while the transaction's `app.cross_tenant` is
 * `reason` (and `condition`, when given, holds). Permissive, so it widens `tenant_isolation` for that path only.
 */
export async function allowCrossTenant(
  queryRunner: QueryRunner,
  table: string,
  reason: string,
  command: 'SELECT' | 'UPDATE' | 'DELETE' | 'ALL',
  condition = 'true',
): Promise<void> {
  const using = `app_cross_tenant() = '${reason}' AND (${condition})`;
  const check = command === 'ALL' || command === 'UPDATE' ? ` WITH CHECK (${using})` : '';
  await queryRunner.query(
    `CREATE POLICY "cross_tenant_${reason}_${command.toLowerCase()}" ON "${table}" FOR ${command} USING (${using})${check}`,
  );
}

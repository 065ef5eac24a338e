import { MigrationInterface, QueryRunner } from 'typeorm';
import { allowCrossTenant, enableTenantRowSecurity } from './tenant-row-security';

/**
 * PostgreSQL enforces tenancy as a second line: every table with an `agency_id` column, and `agencies` itself
 * (by `id`), answers and accepts only the rows of the agency the transaction set with
 * `set_config('app.agency_id', …, true)`. A statement that forgets its own `agency_id` predicate still sees
 * one agency; a statement with no agency set sees none.
 *
 * Tables without an agency: `users` (one account may belong to several agencies; sign-in finds it by e-mail)
 * and `mfa_recovery_codes` (the account's), `login_throttles` and `graphql_rate_limits` (counters keyed by
 * address and user, shared by every agency), `process_heartbeats`, the migrations table and BullMQ's schema.
 *
 * The cross-agency paths, each allowed on the tables it needs only, by `app.cross_tenant`:
 * - `own-account` (with `app.user_id`): a person's own memberships, their agencies and their sessions, in
 *   every agency (sign-in before an agency is chosen, signing out everywhere, a password change);
 * - `invitation`: finding an invitation by its token before its agency is known;
 * - `refresh`: finding the session of a refresh token before its agency is known;
 * - `reminder-scan`: the worker's scan of due reminders and digests of every agency;
 * - `planner`: the worker's planners of every agency: the coaches' memberships (weekly caseload summaries),
 *   the insights rows due a refresh, the fact deltas folded into the scope weeks, and the list of agencies
 *   (`npm run insights:rebuild`);
 * - `audit-retention`: finding and deleting audit events past their retention in every agency;
 * - `account-check`: memberships of every agency, for an erasure's check whether an account still belongs to one
 *   (added for that one statement inside the erasure's transaction).
 */
export class RowLevelSecurity1796100000000 implements MigrationInterface {
  name = 'RowLevelSecurity1796100000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    // Empty settings (a transaction that set none, or the reset value after one that did) mean "none".
    for (const [name, setting, type] of [
      ['app_agency_id', 'app.agency_id', 'uuid'],
      ['app_user_id', 'app.user_id', 'uuid'],
      ['app_cross_tenant', 'app.cross_tenant', 'text'],
    ]) {
      await queryRunner.query(
        `CREATE FUNCTION ${name}() RETURNS ${type} LANGUAGE sql STABLE PARALLEL SAFE ` +
          `AS $$ SELECT NULLIF(current_setting('${setting}', true), '')::${type} $$`,
      );
    }
    const tenantTables: { table_name: string }[] = await queryRunner.query(
      `SELECT c.table_name FROM information_schema.columns c
         JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
        WHERE c.table_schema = 'public' AND c.column_name = 'agency_id' AND t.table_type = 'BASE TABLE'
        ORDER BY c.table_name`,
    );
    for (const { table_name } of tenantTables) await enableTenantRowSecurity(queryRunner, table_name);
    await enableTenantRowSecurity(queryRunner, 'agencies', 'id');

    await allowCrossTenant(queryRunner, 'memberships', 'own-account', 'SELECT', 'user_id = app_user_id()');
    await allowCrossTenant(queryRunner, 'auth_sessions', 'own-account', 'ALL', 'user_id = app_user_id()');
    await allowCrossTenant(
      queryRunner,
      'agencies',
      'own-account',
      'SELECT',
      'EXISTS (SELECT 1 FROM memberships m WHERE m.agency_id = agencies.id AND m.user_id = app_user_id())',
    );
    await allowCrossTenant(queryRunner, 'invitations', 'invitation', 'SELECT');
    await allowCrossTenant(queryRunner, 'auth_sessions', 'refresh', 'SELECT');
    await allowCrossTenant(queryRunner, 'reminders', 'reminder-scan', 'ALL');
    await allowCrossTenant(queryRunner, 'reminder_digests', 'reminder-scan', 'ALL');
    await allowCrossTenant(queryRunner, 'memberships', 'planner', 'SELECT', `role = 'COACH'`);
    await allowCrossTenant(queryRunner, 'agencies', 'planner', 'SELECT');
    await allowCrossTenant(queryRunner, 'memberships', 'account-check', 'SELECT');
    await allowCrossTenant(queryRunner, 'insights_client_rollups', 'planner', 'ALL');
    await allowCrossTenant(queryRunner, 'insights_fact_deltas', 'planner', 'ALL');
    await allowCrossTenant(queryRunner, 'insights_scope_weeks', 'planner', 'ALL');
    // A DELETE … WHERE reads the rows it deletes: the retention path may see (and delete) them, nothing else.
    await allowCrossTenant(queryRunner, 'audit_events', 'audit-retention', 'SELECT');
    await allowCrossTenant(queryRunner, 'audit_events', 'audit-retention', 'DELETE');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const policies: { tablename: string; policyname: string }[] = await queryRunner.query(
      `SELECT tablename, policyname FROM pg_policies WHERE schemaname = 'public'`,
    );
    for (const { tablename, policyname } of policies) {
      await queryRunner.query(`DROP POLICY "${policyname}" ON "${tablename}"`);
    }
    const tables: { relname: string }[] = await queryRunner.query(
      `SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = 'public' AND c.relkind = 'r' AND c.relrowsecurity`,
    );
    for (const { relname } of tables) {
      await queryRunner.query(`ALTER TABLE "${relname}" NO FORCE ROW LEVEL SECURITY`);
      await queryRunner.query(`ALTER TABLE "${relname}" DISABLE ROW LEVEL SECURITY`);
    }
    await queryRunner.query(`DROP FUNCTION app_cross_tenant()`);
    await queryRunner.query(`DROP FUNCTION app_user_id()`);
    await queryRunner.query(`DROP FUNCTION app_agency_id()`);
  }
}

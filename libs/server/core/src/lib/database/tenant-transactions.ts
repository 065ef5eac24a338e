import type { Pool, PoolClient, QueryResult } from 'pg';
import type { EntityManager } from 'typeorm';
import { PostgresQueryRunner } from 'typeorm/driver/postgres/PostgresQueryRunner';
import {
  agencyScope,
  CrossTenantReason,
  currentTenantScope,
  scopeSetsAnything,
  tenantSettingsSql,
} from './tenant-scope';

interface RunnerInternals {
  isTransactionActive: boolean;
  transactionDepth: number;
  databaseConnection: PoolClient;
  connect(): Promise<PoolClient>;
}

type StartTransaction = (this: RunnerInternals, isolationLevel?: unknown) => Promise<void>;
type Query = (this: RunnerInternals, text: string, parameters?: unknown[], structured?: boolean) => Promise<unknown>;

let installed = false;

/**
 * Makes every TypeORM statement run in a transaction bound to the current tenant scope (tenant-scope.ts):
 * an explicit transaction sets the scope right after it starts; a statement outside one is wrapped in
 * BEGIN + settings … COMMIT. Settings are transaction-local, so nothing stays on a pooled connection. The
 * added statements go to the driver directly: they are not counted as the application's statements
 * (SqlStatementCounter), their cost shows in `npm run bench`. Without a scope nothing is added: the
 * settings are then empty, and tenant tables answer no rows.
 */
export function bindTransactionsToTenantScope(): void {
  if (installed) return;
  installed = true;
  const prototype = PostgresQueryRunner.prototype as unknown as {
    startTransaction: StartTransaction;
    query: Query;
  };
  const startTransaction = prototype.startTransaction;
  const query = prototype.query;

  prototype.startTransaction = async function (this: RunnerInternals, isolationLevel?: unknown): Promise<void> {
    await startTransaction.call(this, isolationLevel);
    const scope = currentTenantScope();
    if (this.transactionDepth === 1 && scopeSetsAnything(scope)) {
      await this.databaseConnection.query(tenantSettingsSql(scope));
    }
  };

  prototype.query = async function (
    this: RunnerInternals,
    text: string,
    parameters?: unknown[],
    structured?: boolean,
  ): Promise<unknown> {
    const scope = currentTenantScope();
    if (this.isTransactionActive || !scopeSetsAnything(scope)) return query.call(this, text, parameters, structured);
    const connection = await this.connect();
    await connection.query(`BEGIN; ${tenantSettingsSql(scope)}`);
    try {
      const result = await query.call(this, text, parameters, structured);
      await connection.query('COMMIT');
      return result;
    } catch (error) {
      await connection.query('ROLLBACK').catch(() => undefined);
      throw error;
    }
  };
}

/**
 * Re-binds an open transaction to one agency: a cross-agency planner that picked due rows of several agencies
 * hands each agency's rows over bound to that agency alone (its cross-agency reason ends here).
 */
export async function bindTransactionToTenant(manager: EntityManager, agencyId: string): Promise<void> {
  const runner = manager.queryRunner as unknown as RunnerInternals | undefined;
  if (!runner?.isTransactionActive) throw new Error('bindTransactionToTenant needs a transaction');
  // Straight to the driver, like the settings at the transaction's start: not one of the application's statements.
  await runner.databaseConnection.query(tenantSettingsSql(agencyScope(agencyId)));
}

/**
 * Runs `work` inside an open transaction with one cross-agency reason added to its binding (the agency stays),
 * then takes the reason away again: for the one check of a transaction that must look past its agency.
 */
export async function crossTenantInTransaction<T>(
  manager: EntityManager,
  reason: CrossTenantReason,
  work: () => Promise<T>,
): Promise<T> {
  const runner = manager.queryRunner as unknown as RunnerInternals | undefined;
  if (!runner?.isTransactionActive) throw new Error('crossTenantInTransaction needs a transaction');
  const scope = currentTenantScope();
  const withReason = tenantSettingsSql({
    agencyId: scope?.agencyId ?? null,
    userId: scope?.userId ?? null,
    crossTenant: reason,
  });
  await runner.databaseConnection.query(withReason);
  try {
    return await work();
  } finally {
    await runner.databaseConnection.query(
      tenantSettingsSql({ agencyId: scope?.agencyId ?? null, userId: scope?.userId ?? null, crossTenant: null }),
    );
  }
}

/** One statement on a plain `pg` pool (the read replica's), in a transaction bound to the current scope. */
export async function queryInTenantScope<T>(pool: Pool, text: string, values: unknown[] = []): Promise<T[]> {
  const scope = currentTenantScope();
  if (!scopeSetsAnything(scope)) return (await pool.query(text, values)).rows as T[];
  const client = await pool.connect();
  let result: QueryResult;
  try {
    await client.query(`BEGIN; ${tenantSettingsSql(scope)}`);
    result = await client.query(text, values);
    await client.query('COMMIT');
  } catch (error) {
    // A connection that cannot even roll back is dropped rather than handed to the next caller.
    const rolledBack = await client.query('ROLLBACK').then(
      () => true,
      () => false,
    );
    client.release(rolledBack ? undefined : (error as Error));
    throw error;
  }
  client.release();
  return result.rows as T[];
}

import { runMigrations as runQueueMigrations } from 'bullmq';
import { Client, Pool } from 'pg';
import { DataSource } from 'typeorm';
import { MIGRATIONS } from './index';
import type { EntityClass } from './entities';

export const MIGRATIONS_TABLE = 'schema_migrations';

/** Schemas whose tables the application reads and writes: its own, and BullMQ's PostgreSQL backend. */
export const APP_SCHEMAS = ['public', 'bullmq'] as const;

export function migrationDataSource(databaseUrl: string, entities: EntityClass[] = []): DataSource {
  return new DataSource({
    type: 'postgres',
    url: databaseUrl,
    entities,
    migrations: MIGRATIONS,
    migrationsTableName: MIGRATIONS_TABLE,
    // gen_random_uuid() is built into PostgreSQL 13+; no extension needed.
    uuidExtension: 'pgcrypto',
    synchronize: false,
    logging: ['error'],
    // Row-level security binds the owner too (FORCE): a migration that rewrites rows across agencies says so.
    extra: { options: '-c app.cross_tenant=migration' },
  });
}

/**
 * Applies the application's migrations, then BullMQ's own schema for its PostgreSQL backend, as the
 * owner (`ownerUrl`). When `appUrl` names another role, that role is created if missing and given
 * what the running application needs and nothing more: data access to the tables, never ownership.
 */
export async function runAllMigrations(ownerUrl: string, appUrl?: string): Promise<string[]> {
  const dataSource = await migrationDataSource(ownerUrl).initialize();
  try {
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    const pool = new Pool({ connectionString: ownerUrl, max: 1 });
    try {
      await runQueueMigrations(pool as never);
    } finally {
      await pool.end();
    }
    if (appUrl) await grantAppRole(ownerUrl, appUrl);
    return applied.map((migration) => migration.name);
  } finally {
    await dataSource.destroy();
  }
}

/** The role a connection URL signs in as. */
export function roleOf(databaseUrl: string): string {
  return decodeURIComponent(new URL(databaseUrl).username);
}

/** The same server and database, signed in as another role. */
export function urlAsRole(databaseUrl: string, role: string, password: string): string {
  const url = new URL(databaseUrl);
  url.username = encodeURIComponent(role);
  url.password = encodeURIComponent(password);
  return url.toString();
}

const ROLE_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

/**
 * Creates the application's role when missing (LOGIN, no superuser, no BYPASSRLS, owns nothing in public) and
 * grants it SELECT/INSERT/UPDATE/DELETE on the application's tables and use of their sequences. The migrations
 * table stays the owner's. Run after every migration, so new tables are covered.
 */
export async function grantAppRole(ownerUrl: string, appUrl: string): Promise<void> {
  const role = roleOf(appUrl);
  if (!role || role === roleOf(ownerUrl)) return;
  if (!ROLE_NAME.test(role)) throw new Error(`The application's database role "${role}" is not a plain name`);
  const password = decodeURIComponent(new URL(appUrl).password);
  const owner = new Client({ connectionString: ownerUrl });
  await owner.connect();
  try {
    const { rows } = await owner.query(`SELECT 1 FROM pg_roles WHERE rolname = $1`, [role]);
    const literal = (await owner.query(`SELECT quote_literal($1) AS q`, [password])).rows[0].q as string;
    const attributes = 'LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOBYPASSRLS NOREPLICATION';
    const withPassword = password ? ` PASSWORD ${literal}` : '';
    if (rows.length === 0) {
      try {
        await owner.query(`CREATE ROLE ${role} ${attributes}${withPassword}`);
      } catch (error) {
        // Another process (a parallel test run) created it meanwhile: the same role is fine.
        if (!['42710', '23505'].includes((error as { code?: string }).code ?? '')) throw error;
      }
    } else {
      // Whatever it had before, it gets no more than this; the password changes only when the URL's does not work
      // (a role shared by several databases of one server keeps the one its other users sign in with).
      await owner.query(`ALTER ROLE ${role} ${attributes}`);
      if (password && !(await signsIn(appUrl))) await owner.query(`ALTER ROLE ${role}${withPassword}`);
    }
    const schemas = (
      await owner.query<{ nspname: string }>(`SELECT nspname FROM pg_namespace WHERE nspname = ANY($1)`, [
        [...APP_SCHEMAS],
      ])
    ).rows.map((row) => row.nspname);
    const database = (await owner.query(`SELECT quote_ident(current_database()) AS d`)).rows[0].d as string;
    await owner.query(`GRANT CONNECT, TEMPORARY ON DATABASE ${database} TO ${role}`);
    for (const schema of schemas) {
      await owner.query(`GRANT USAGE ON SCHEMA ${schema} TO ${role}`);
      await owner.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA ${schema} TO ${role}`);
      await owner.query(`GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA ${schema} TO ${role}`);
    }
    // BullMQ's PostgreSQL backend creates a job-id sequence the first time a queue is used: the application's role
    // may create in its schema (queue internals, no tenant data), never in public.
    if (schemas.includes('bullmq')) await owner.query(`GRANT CREATE ON SCHEMA bullmq TO ${role}`);
    await owner.query(`REVOKE ALL ON ${MIGRATIONS_TABLE} FROM ${role}`);
  } finally {
    await owner.end();
  }
}

async function signsIn(url: string): Promise<boolean> {
  const client = new Client({ connectionString: url });
  try {
    await client.connect();
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

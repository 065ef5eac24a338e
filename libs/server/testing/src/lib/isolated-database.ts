import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { Client } from 'pg';

const REPO_ROOT = resolve(__dirname, '../../../../..');

/** Migrates with the project's own tool (`npm run migration:run`), as a release step would. */
async function migrate(databaseUrl: string): Promise<void> {
  await promisify(execFile)(process.execPath, ['-r', '@swc-node/register', 'tools/db/migrate.ts'], {
    cwd: REPO_ROOT,
    env: { ...process.env, DATABASE_URL: databaseUrl },
  });
}

export interface IsolatedDatabase {
  url: string;
  dispose(): Promise<void>;
}

/**
 * A migrated database of its own, beside the run's test database. A reminder worker scans every
 * agency in its database, so suites that run workers each get one: they cannot take each other's reminders.
 */
export async function createIsolatedDatabase(label: string): Promise<IsolatedDatabase> {
  const base = new URL(process.env['DATABASE_URL'] as string);
  const name = `${base.pathname.slice(1)}_${label}`.replace(/[^a-z0-9_]/gi, '_').slice(0, 63);
  const admin = new URL(base.toString());
  admin.pathname = '/postgres';
  const run = async (sql: string) => {
    const client = new Client({ connectionString: admin.toString() });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  await run(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await run(`CREATE DATABASE ${name}`);
  const url = new URL(base.toString());
  url.pathname = `/${name}`;
  await migrate(url.toString());
  return { url: url.toString(), dispose: () => run(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
}

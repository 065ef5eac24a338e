import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { Client } from 'pg';

const REPO_ROOT = resolve(__dirname, '../../../../..');

/** Migrates with the project's own tool (`npm run migration:run`), as a release step would. */
async function migrate(ownerUrl: string, appUrl: string): Promise<void> {
  await promisify(execFile)(process.execPath, ['-r', '@swc-node/register', 'tools/db/migrate.ts'], {
    cwd: REPO_ROOT,
    env: { ...process.env, DATABASE_OWNER_URL: ownerUrl, DATABASE_URL: appUrl },
  });
}

export interface IsolatedDatabase {
  /** As the application's role (what APIs and workers under test connect with). */
  url: string;
  /** As the owner, for arranging and inspecting rows across agencies. */
  ownerUrl: string;
  dispose(): Promise<void>;
}

/** The run's database URL (`DATABASE_URL` or `DATABASE_OWNER_URL`) pointed at another database. */
function onDatabase(variable: 'DATABASE_URL' | 'DATABASE_OWNER_URL', name: string): string {
  const url = new URL((process.env[variable] || process.env['DATABASE_URL']) as string);
  url.pathname = `/${name}`;
  return url.toString();
}

/**
 * A migrated database of its own, beside the run's test database. A reminder worker scans every
 * agency in its database, so suites that run workers each get one: they cannot take each other's reminders.
 */
export async function createIsolatedDatabase(label: string): Promise<IsolatedDatabase> {
  const base = new URL((process.env['DATABASE_OWNER_URL'] || process.env['DATABASE_URL']) as string);
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
  const ownerUrl = onDatabase('DATABASE_OWNER_URL', name);
  const url = onDatabase('DATABASE_URL', name);
  await migrate(ownerUrl, url);
  return { url, ownerUrl, dispose: () => run(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
}

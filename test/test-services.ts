import { Client } from 'pg';
import { urlAsRole } from '../migrations/run-migrations';
import { answers } from '../tools/db/service-probe';
import { startEmbeddedPostgres, EmbeddedDatabase } from '../tools/db/embedded-postgres';

const LOCAL_POSTGRES = 'postgres://postgres@127.0.0.1:5432/postgres';

/** The application's role in test databases (created by the first run on a server, shared by later ones). */
export const TEST_APP_ROLE = { name: 'followthrough_app', password: 'followthrough_app' };

export interface TestDatabase {
  /** As the application's role, which owns nothing and is bound by row-level security. */
  url: string;
  /** As the owner, which migrates (a superuser on test servers, so tests can arrange rows across agencies). */
  ownerUrl: string;
  /** Drops what the run created (its database, its embedded server). */
  dispose(): Promise<void>;
}

/**
 * DATABASE_URL when set (with DATABASE_OWNER_URL for the owner, else the same); else a fresh database on the
 * local server; else embedded PostgreSQL.
 */
export async function provisionTestDatabase(): Promise<TestDatabase> {
  const given = process.env['DATABASE_URL'];
  if (given) {
    return { url: given, ownerUrl: process.env['DATABASE_OWNER_URL'] || given, dispose: async () => undefined };
  }

  let embedded: EmbeddedDatabase | null = null;
  let adminUrl = LOCAL_POSTGRES;
  if (!(await answers('127.0.0.1', 5432))) {
    embedded = await startEmbeddedPostgres('.data/test', 'postgres', 54339);
    adminUrl = embedded.url;
  }
  const name = `followthrough_test_${Date.now()}_${process.pid}`;
  const admin = new Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: urlAsRole(url.toString(), TEST_APP_ROLE.name, TEST_APP_ROLE.password),
    ownerUrl: url.toString(),
    dispose: async () => {
      const cleanup = new Client({ connectionString: adminUrl });
      await cleanup.connect();
      await cleanup.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await cleanup.end();
      await embedded?.stop();
    },
  };
}

/** REDIS_URL when set; else the local Redis when it answers; else none (Redis-backed tests are skipped with a notice). */
export async function locateTestRedis(): Promise<string | null> {
  if (process.env['REDIS_URL']) return process.env['REDIS_URL'];
  return (await answers('127.0.0.1', 6379)) ? 'redis://127.0.0.1:6379' : null;
}

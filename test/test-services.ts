import { Client } from 'pg';
import { answers } from '../tools/db/service-probe';
import { startEmbeddedPostgres, EmbeddedDatabase } from '../tools/db/embedded-postgres';

const LOCAL_POSTGRES = 'postgres://postgres@127.0.0.1:5432/postgres';

export interface TestDatabase {
  url: string;
  /** Drops what the run created (its database, its embedded server). */
  dispose(): Promise<void>;
}

/** DATABASE_URL when set; else a fresh database on the local server; else embedded PostgreSQL. */
export async function provisionTestDatabase(): Promise<TestDatabase> {
  if (process.env['DATABASE_URL']) return { url: process.env['DATABASE_URL'], dispose: async () => undefined };

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
    url: url.toString(),
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

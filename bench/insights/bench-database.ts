import { Client } from 'pg';
import { startEmbeddedPostgres } from '../../tools/db/embedded-postgres';

export interface BenchDatabase {
  url: string;
  description: string;
  close(): Promise<void>;
}

async function run(url: string, statement: string): Promise<void> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

/**
 * A fresh database for one run: on the server of DATABASE_URL when it is set (a scratch database, dropped
 * at the end), else on embedded PostgreSQL with its data under BENCH_DATA_DIR (default .data/bench),
 * where the bench database is recreated on every run and the cluster stays for the next one.
 */
export async function benchDatabase(): Promise<BenchDatabase> {
  const name = `followthrough_bench_${Date.now()}`;
  if (process.env['DATABASE_URL']) {
    const admin = new URL(process.env['DATABASE_URL']);
    admin.pathname = '/postgres';
    await run(admin.toString(), `CREATE DATABASE ${name}`);
    const url = new URL(admin);
    url.pathname = `/${name}`;
    return {
      url: url.toString(),
      description: `DATABASE_URL server (${admin.host}), scratch database ${name}`,
      close: async () => {
        if (process.env['BENCH_KEEP_DATABASE']) console.log(`Kept ${url.toString()} (BENCH_KEEP_DATABASE)`);
        else await run(admin.toString(), `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      },
    };
  }
  const dataDir = process.env['BENCH_DATA_DIR'] || '.data/bench';
  const embedded = await startEmbeddedPostgres(dataDir, 'postgres', 54349);
  await run(embedded.url, `CREATE DATABASE ${name}`);
  const url = new URL(embedded.url);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    description: `embedded PostgreSQL (${dataDir}/pg), database ${name}`,
    close: async () => {
      await run(embedded.url, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).catch(() => undefined);
      await embedded.stop();
    },
  };
}

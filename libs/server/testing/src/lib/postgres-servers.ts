import { execFile, execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/**
 * PostgreSQL servers of our own from Debian's binaries (/usr/lib/postgresql/<version>/bin): a primary and a
 * streaming replica cloned from it, on loopback ports we choose. Used by the scale topology and by the tests
 * of replica reads; never touches the machine's shared server. PostgreSQL refuses to run as root, so as root
 * every command runs as the `postgres` system user, which must own the data directories.
 */
export function postgresBinDir(): string {
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root)
    ? readdirSync(root).filter((name) => existsSync(join(root, name, 'bin', 'initdb')))
    : [];
  if (versions.length === 0)
    throw new Error('No PostgreSQL server binaries under /usr/lib/postgresql (apt-get install postgresql)');
  const newest = versions.sort((a, b) => Number(b) - Number(a))[0];
  return join(root, newest, 'bin');
}

function postgresIds(): { uid: number; gid: number } | null {
  if (process.getuid?.() !== 0) return null;
  const [uid, gid] = execFileSync('sh', ['-c', 'id -u postgres && id -g postgres'])
    .toString()
    .trim()
    .split('\n')
    .map(Number);
  return { uid, gid };
}

/** Runs a PostgreSQL program (as `postgres` when we are root). */
export async function pgCommand(program: string, args: string[]): Promise<string> {
  const ids = postgresIds();
  const { stdout } = await run(join(postgresBinDir(), program), args, {
    ...(ids ?? {}),
    cwd: '/tmp',
    env: { ...process.env, LC_ALL: 'C.UTF-8' },
  });
  return stdout;
}

/** Creates a directory the server user owns (with parents we create owned by us). */
export function serverDirectory(path: string): string {
  mkdirSync(path, { recursive: true, mode: 0o700 });
  const ids = postgresIds();
  if (ids) chownSync(path, ids.uid, ids.gid);
  return path;
}

const SERVER_SETTINGS = (port: number) => [
  `port = ${port}`,
  `listen_addresses = '127.0.0.1'`,
  `unix_socket_directories = ''`,
  'wal_level = replica',
  'max_wal_senders = 10',
  'max_replication_slots = 10',
  'hot_standby = on',
  'hot_standby_feedback = on',
  'fsync = off',
  'synchronous_commit = off',
  'full_page_writes = off',
  'max_connections = 200',
  'shared_buffers = 128MB',
];

/** initdb (trust on loopback, replication included) and the settings of a primary listening on `port`. */
export async function initPrimary(dataDir: string, port: number): Promise<void> {
  if (existsSync(join(dataDir, 'PG_VERSION'))) return;
  serverDirectory(dataDir);
  await pgCommand('initdb', ['-D', dataDir, '-U', 'postgres', '--auth=trust', '--encoding=UTF8', '--no-instructions']);
  writeFileSync(join(dataDir, 'postgresql.auto.conf'), SERVER_SETTINGS(port).join('\n') + '\n');
  const ids = postgresIds();
  if (ids) chownSync(join(dataDir, 'postgresql.auto.conf'), ids.uid, ids.gid);
}

/** A streaming replica of the primary on `primaryPort`, cloned into `dataDir` and set to listen on `port`. */
export async function cloneReplica(primaryPort: number, dataDir: string, port: number, slot: string): Promise<void> {
  if (existsSync(join(dataDir, 'PG_VERSION'))) return;
  serverDirectory(dataDir);
  await pgCommand('pg_basebackup', [
    '-h',
    '127.0.0.1',
    '-p',
    String(primaryPort),
    '-U',
    'postgres',
    '-D',
    dataDir,
    '-R',
    '-X',
    'stream',
    '-c',
    'fast',
    '-C',
    '-S',
    slot,
  ]);
  // -R wrote primary_conninfo and standby.signal; the cloned settings still name the primary's port.
  execFileSync('sh', ['-c', `sed -i 's/^port = .*/port = ${port}/' '${join(dataDir, 'postgresql.auto.conf')}'`]);
}

export async function startServer(dataDir: string, logFile: string): Promise<void> {
  await pgCommand('pg_ctl', ['-D', dataDir, '-l', logFile, '-w', '-t', '60', 'start']);
}

export async function stopServer(dataDir: string, mode: 'fast' | 'immediate' = 'fast'): Promise<void> {
  if (!existsSync(join(dataDir, 'postmaster.pid'))) return;
  await pgCommand('pg_ctl', ['-D', dataDir, '-m', mode, '-w', '-t', '60', 'stop']).catch(() => undefined);
}

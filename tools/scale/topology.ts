import { ChildProcess, execFile, execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chownSync, existsSync, mkdirSync, openSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { Client } from 'pg';
import { cloneReplica, initPrimary, serverDirectory, startServer, stopServer } from '@followthrough/server-testing';

const run = promisify(execFile);

export const REPO_ROOT = resolve(__dirname, '../..');
export const SCALE_DIR = join(REPO_ROOT, '.data', 'scale');

/** Every port of the topology: loopback only, away from the usual 5432 / 6379 / 3000. */
export const PORTS = {
  primary: 55432,
  replica: 55433,
  pgbouncer: 56432,
  // Each node also listens on its port + 10000 (cluster bus), which must stay under 65536.
  redis: [47001, 47002, 47003, 47004, 47005, 47006],
  api: [53001, 53002],
  nginx: 58080,
  smtp: 52525,
} as const;

export const WORKERS = 2;

export const URLS = {
  /** Direct to the primary: migrations and the bench's own checks. */
  primary: `postgres://postgres@127.0.0.1:${PORTS.primary}/followthrough`,
  /** The application's role on the primary (created by the migration step; loopback is trusted here). */
  primaryAsApp: `postgres://followthrough_app@127.0.0.1:${PORTS.primary}/followthrough`,
  /** What the processes use: PgBouncer in transaction mode, in front of the primary and of the replica. */
  pooled: `postgres://postgres@127.0.0.1:${PORTS.pgbouncer}/followthrough`,
  pooledReplica: `postgres://postgres@127.0.0.1:${PORTS.pgbouncer}/followthrough_replica`,
  api: `http://127.0.0.1:${PORTS.nginx}`,
};

const dirs = {
  primary: join(SCALE_DIR, 'pg-primary'),
  replica: join(SCALE_DIR, 'pg-replica'),
  pgLogs: join(SCALE_DIR, 'pg-logs'),
  pgbouncer: join(SCALE_DIR, 'pgbouncer'),
  redis: join(SCALE_DIR, 'redis'),
  nginx: join(SCALE_DIR, 'nginx'),
  run: join(SCALE_DIR, 'run'),
  logs: join(SCALE_DIR, 'logs'),
};

export const MAIL_LOG = join(SCALE_DIR, 'mail', 'received.log');

const log = (line: string) => console.log(`[scale] ${line}`);
const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

// ---------------------------------------------------------------- packages

const PACKAGES: { binary: string; pkg: string }[] = [
  { binary: '/usr/sbin/nginx', pkg: 'nginx-light' },
  { binary: '/usr/sbin/pgbouncer', pkg: 'pgbouncer' },
  { binary: '/usr/bin/redis-server', pkg: 'redis-server' },
  { binary: '/usr/bin/redis-cli', pkg: 'redis-tools' },
];

/** Installs the Debian packages the topology runs on when they are missing (needs root, as on this machine kind). */
export function ensurePackages(): void {
  const missing = PACKAGES.filter((entry) => !existsSync(entry.binary)).map((entry) => entry.pkg);
  if (!existsSync('/usr/lib/postgresql')) missing.push('postgresql');
  if (missing.length === 0) return;
  if (process.getuid?.() !== 0)
    throw new Error(
      `Missing packages: ${missing.join(' ')}. Install them with: sudo apt-get install -y ${missing.join(' ')}`,
    );
  log(`Installing ${missing.join(', ')} from Debian`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  execFileSync('apt-get', ['update', '-q'], { stdio: 'inherit', env });
  // policy-rc.d keeps the packages' own services (nginx on :80, pgbouncer on :6432) from starting.
  const policy = '/usr/sbin/policy-rc.d';
  const hadPolicy = existsSync(policy);
  if (!hadPolicy) writeFileSync(policy, '#!/bin/sh\nexit 101\n', { mode: 0o755 });
  try {
    execFileSync('apt-get', ['install', '-y', '-q', '--no-install-recommends', ...missing], { stdio: 'inherit', env });
  } finally {
    if (!hadPolicy) rmSync(policy, { force: true });
  }
}

// ---------------------------------------------------------------- helpers

function postgresIds(): { uid: number; gid: number } | null {
  if (process.getuid?.() !== 0) return null;
  const [uid, gid] = execFileSync('sh', ['-c', 'id -u postgres && id -g postgres'])
    .toString()
    .trim()
    .split('\n')
    .map(Number);
  return { uid, gid };
}

function render(template: string, values: Record<string, string>): string {
  return readFileSync(join(__dirname, 'config', template), 'utf8').replace(/\$\{([A-Z0-9_]+)\}/g, (_, name: string) => {
    if (!(name in values)) throw new Error(`${template}: no value for \${${name}}`);
    return values[name];
  });
}

async function waitFor(what: string, probe: () => Promise<boolean>, limitMs = 90_000): Promise<void> {
  const until = Date.now() + limitMs;
  while (Date.now() < until) {
    if (await probe().catch(() => false)) return;
    await sleep(250);
  }
  throw new Error(`Timed out waiting for ${what}`);
}

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function readPid(file: string): number | null {
  if (!existsSync(file)) return null;
  const pid = Number(readFileSync(file, 'utf8').trim());
  return Number.isInteger(pid) && pid > 0 && pidAlive(pid) ? pid : null;
}

// ---------------------------------------------------------------- PostgreSQL

async function startPostgres(): Promise<void> {
  serverDirectory(dirs.pgLogs);
  const fresh = !existsSync(join(dirs.primary, 'PG_VERSION'));
  await initPrimary(dirs.primary, PORTS.primary);
  if (!existsSync(join(dirs.primary, 'postmaster.pid')))
    await startServer(dirs.primary, join(dirs.pgLogs, 'primary.log'));
  log(`PostgreSQL primary on 127.0.0.1:${PORTS.primary}`);
  const admin = new Client({ connectionString: `postgres://postgres@127.0.0.1:${PORTS.primary}/postgres` });
  await admin.connect();
  try {
    const exists = await admin.query(`SELECT 1 FROM pg_database WHERE datname = 'followthrough'`);
    if (exists.rowCount === 0) await admin.query('CREATE DATABASE followthrough');
  } finally {
    await admin.end();
  }
  // Migrations go to the primary directly (the release step), never through the pooler.
  const migrated = await run(process.execPath, ['-r', '@swc-node/register', 'tools/db/migrate.ts'], {
    cwd: REPO_ROOT,
    env: { ...process.env, DATABASE_OWNER_URL: URLS.primary, DATABASE_URL: URLS.primaryAsApp },
  });
  log(`Migrations: ${migrated.stdout.trim()}`);
  if (fresh) rmSync(dirs.replica, { recursive: true, force: true });
  await cloneReplica(PORTS.primary, dirs.replica, PORTS.replica, 'scale_replica');
  if (!existsSync(join(dirs.replica, 'postmaster.pid')))
    await startServer(dirs.replica, join(dirs.pgLogs, 'replica.log'));
  log(`PostgreSQL streaming replica on 127.0.0.1:${PORTS.replica}`);
}

// ---------------------------------------------------------------- PgBouncer

async function startPgbouncer(): Promise<void> {
  const pidFile = join(dirs.pgbouncer, 'pgbouncer.pid');
  if (readPid(pidFile)) return;
  serverDirectory(dirs.pgbouncer);
  const authFile = join(dirs.pgbouncer, 'userlist.txt');
  const ini = join(dirs.pgbouncer, 'pgbouncer.ini');
  writeFileSync(authFile, '"postgres" ""\n');
  writeFileSync(
    ini,
    render('pgbouncer.ini.template', {
      PRIMARY_HOST: '127.0.0.1',
      PRIMARY_PORT: String(PORTS.primary),
      REPLICA_HOST: '127.0.0.1',
      REPLICA_PORT: String(PORTS.replica),
      PG_USER: 'postgres',
      PG_APP_USER: 'followthrough_app',
      PGBOUNCER_LISTEN_ADDR: '127.0.0.1',
      PGBOUNCER_PORT: String(PORTS.pgbouncer),
      // Loopback only and PostgreSQL itself trusts loopback here; docker-compose uses passwords (scram).
      PGBOUNCER_AUTH_TYPE: 'any',
      PGBOUNCER_AUTH_FILE: authFile,
      PGBOUNCER_LOG: join(dirs.pgbouncer, 'pgbouncer.log'),
      PGBOUNCER_PID: pidFile,
    }),
  );
  const ids = postgresIds();
  for (const file of [authFile, ini]) if (ids) chownSync(file, ids.uid, ids.gid);
  // It refuses to run as root: -u drops to the server user.
  await run('/usr/sbin/pgbouncer', ['-d', ...(ids ? ['-u', 'postgres'] : []), ini]);
  await waitFor('PgBouncer', async () => {
    const client = new Client({ connectionString: URLS.pooled });
    await client.connect();
    await client.end();
    return true;
  });
  log(`PgBouncer (transaction pooling) on 127.0.0.1:${PORTS.pgbouncer}`);
}

// ---------------------------------------------------------------- Redis Cluster

export function redisCli(port: number, ...args: string[]): string {
  return execFileSync('redis-cli', ['-h', '127.0.0.1', '-p', String(port), ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
  }).toString();
}

export function startRedisNode(port: number): void {
  const dir = join(dirs.redis, String(port));
  mkdirSync(dir, { recursive: true });
  if (readPid(join(dir, 'redis.pid'))) return;
  execFileSync('redis-server', [
    '--port',
    String(port),
    '--bind',
    '127.0.0.1',
    '--protected-mode',
    'no',
    '--cluster-enabled',
    'yes',
    '--cluster-config-file',
    'nodes.conf',
    // Quick failover for the bench: a master silent for 2 s is replaced by its replica.
    '--cluster-node-timeout',
    '2000',
    '--appendonly',
    'yes',
    '--appendfsync',
    'everysec',
    '--save',
    '',
    '--dir',
    dir,
    '--logfile',
    join(dir, 'redis.log'),
    '--pidfile',
    join(dir, 'redis.pid'),
    '--daemonize',
    'yes',
  ]);
}

export function redisPid(port: number): number | null {
  return readPid(join(dirs.redis, String(port), 'redis.pid'));
}

/** Cluster state ok with 3 masters serving every slot, as seen by the first node that answers. */
export function clusterHealthy(): boolean {
  for (const port of PORTS.redis) {
    try {
      const info = redisCli(port, 'cluster', 'info');
      const nodes = redisCli(port, 'cluster', 'nodes');
      const masters = nodes.split('\n').filter((line) => {
        const flags = (line.split(' ')[2] ?? '').split(',');
        return flags.includes('master') && !flags.some((flag) => flag.startsWith('fail')) && /\d+-\d+/.test(line);
      }).length;
      return /cluster_state:ok/.test(info) && masters === 3;
    } catch {
      // That node is down: ask the next one.
    }
  }
  return false;
}

async function startRedisCluster(): Promise<void> {
  for (const port of PORTS.redis) startRedisNode(port);
  await waitFor('the Redis nodes', async () => PORTS.redis.every((port) => /PONG/.test(redisCli(port, 'ping'))));
  const known = redisCli(PORTS.redis[0], 'cluster', 'info');
  if (/cluster_known_nodes:1\b/.test(known)) {
    execFileSync(
      'redis-cli',
      [
        '--cluster',
        'create',
        ...PORTS.redis.map((port) => `127.0.0.1:${port}`),
        '--cluster-replicas',
        '1',
        '--cluster-yes',
      ],
      { stdio: 'ignore' },
    );
  }
  await waitFor('the Redis Cluster to be ok', async () => clusterHealthy());
  log(`Redis Cluster: 3 masters + 3 replicas on 127.0.0.1:${PORTS.redis[0]}-${PORTS.redis[PORTS.redis.length - 1]}`);
}

// ---------------------------------------------------------------- node processes

/** A random secret made on the first start and kept under .data/scale, shared by every process of the topology. */
function secret(name: string): string {
  const file = join(SCALE_DIR, name);
  if (!existsSync(file)) writeFileSync(file, randomBytes(36).toString('hex'), { mode: 0o600 });
  return readFileSync(file, 'utf8').trim();
}

/** The environment every API and worker process of the topology gets. */
export function serverEnv(): Record<string, string> {
  return {
    NODE_ENV: 'production',
    JWT_SECRET: secret('jwt-secret'),
    LINK_SIGNING_KEYS: `k1:${secret('link-signing-key')}`,
    MFA_ENCRYPTION_KEY: secret('mfa-encryption-key'),
    DATABASE_URL: URLS.pooled,
    DATABASE_REPLICA_URL: URLS.pooledReplica,
    REPLICA_MAX_LAG_SECONDS: '5',
    REDIS_CLUSTER_NODES: PORTS.redis.map((port) => `127.0.0.1:${port}`).join(','),
    SMTP_URL: `smtp://127.0.0.1:${PORTS.smtp}`,
    PUBLIC_URL: URLS.api,
    TRUST_PROXY: '1',
    // Every client of this loopback topology (the bench included) comes from 127.0.0.1, so per-IP limits
    // would throttle the whole load; per-account limits stay as in production.
    LOGIN_MAX_FAILURES_PER_IP: '100000',
    SIGNUP_MAX_PER_IP: '100000',
    DATA_DIR: join(SCALE_DIR, 'app-data'),
    REMINDER_SCAN_EVERY_MS: '1000',
    REMINDER_LOCK_MS: '5000',
    REMINDER_BACKOFF_MS: '1000',
    REMINDER_RECLAIM_AFTER_MS: '15000',
  };
}

export type Role = 'api' | 'worker' | 'smtp';

const pidFileOf = (role: Role, index: number) => join(dirs.run, `${role}-${index}.pid`);
export const logFileOf = (role: Role, index: number) => join(dirs.logs, `${role}-${index}.log`);

const ENTRY: Record<Role, string> = {
  api: 'apps/api/src/main.ts',
  worker: 'apps/worker/src/main.ts',
  smtp: 'tools/scale/smtp-sink.ts',
};

/** Starts one process in the background (it outlives this script); returns its pid. */
export function spawnProcess(role: Role, index: number, env: Record<string, string>): ChildProcess {
  mkdirSync(dirs.run, { recursive: true });
  mkdirSync(dirs.logs, { recursive: true });
  const out = openSync(logFileOf(role, index), 'a');
  const child = spawn(process.execPath, ['-r', '@swc-node/register', ENTRY[role]], {
    cwd: REPO_ROOT,
    env: { ...process.env, ...env },
    detached: true,
    stdio: ['ignore', out, out],
  });
  child.unref();
  writeFileSync(pidFileOf(role, index), String(child.pid));
  return child;
}

export function processPid(role: Role, index: number): number | null {
  return readPid(pidFileOf(role, index));
}

export async function apiHealthy(port: number): Promise<boolean> {
  try {
    const response = await fetch(`http://127.0.0.1:${port}/health`, { signal: AbortSignal.timeout(2000) });
    return response.status === 200;
  } catch {
    return false;
  }
}

export async function startApi(index: number): Promise<void> {
  const port = PORTS.api[index];
  if (!processPid('api', index)) spawnProcess('api', index, { ...serverEnv(), PORT: String(port) });
  await waitFor(`API ${index + 1} on :${port}`, () => apiHealthy(port), 180_000);
}

export async function startWorker(index: number): Promise<void> {
  const logFile = logFileOf('worker', index);
  const before = existsSync(logFile) ? readFileSync(logFile, 'utf8').length : 0;
  if (processPid('worker', index)) return;
  spawnProcess('worker', index, serverEnv());
  await waitFor(
    `worker ${index + 1}`,
    async () => readFileSync(logFile, 'utf8').slice(before).includes('Reminder workers ready'),
    180_000,
  );
}

/** SIGTERM, then SIGKILL if the process is still there after the grace period. */
export async function stopProcess(role: Role, index: number, graceMs = 40_000): Promise<void> {
  const pid = processPid(role, index);
  if (!pid) return;
  process.kill(pid, 'SIGTERM');
  const until = Date.now() + graceMs;
  while (pidAlive(pid) && Date.now() < until) await sleep(100);
  if (pidAlive(pid)) process.kill(pid, 'SIGKILL');
  rmSync(pidFileOf(role, index), { force: true });
}

async function startSmtpSink(): Promise<void> {
  mkdirSync(join(SCALE_DIR, 'mail'), { recursive: true });
  if (!processPid('smtp', 0))
    spawnProcess('smtp', 0, { SCALE_SMTP_PORT: String(PORTS.smtp), SCALE_MAIL_LOG: MAIL_LOG });
  await waitFor('the SMTP sink', async () => readFileSync(logFileOf('smtp', 0), 'utf8').includes('SMTP sink on'));
}

// ---------------------------------------------------------------- nginx

/** The process titles of nginx's workers ("nginx: worker process", "… is shutting down" while draining). */
function nginxWorkers(master: number): string[] {
  const titles: string[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      if (Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) !== master) continue;
      titles.push(readFileSync(`/proc/${entry}/cmdline`, 'utf8').replace(/\0/g, ' '));
    } catch {
      // Gone meanwhile.
    }
  }
  return titles;
}

/** Writes nginx's config with the API processes that take traffic (the others marked down) and starts or reloads it. */
export async function configureNginx(serving: number[] = PORTS.api.map((_, index) => index)): Promise<void> {
  mkdirSync(join(dirs.nginx, 'temp'), { recursive: true });
  const upstreams = PORTS.api
    .map(
      (port, index) => `server 127.0.0.1:${port} max_fails=1 fail_timeout=2s${serving.includes(index) ? '' : ' down'};`,
    )
    .join('\n    ');
  const conf = join(dirs.nginx, 'nginx.conf');
  writeFileSync(
    conf,
    render('nginx.conf.template', {
      NGINX_PID: join(dirs.nginx, 'nginx.pid'),
      NGINX_ERROR_LOG: join(dirs.nginx, 'error.log'),
      NGINX_TEMP: join(dirs.nginx, 'temp'),
      NGINX_LISTEN: `127.0.0.1:${PORTS.nginx}`,
      API_UPSTREAMS: upstreams,
    }),
  );
  const args = ['-p', dirs.nginx, '-c', conf, '-e', join(dirs.nginx, 'error.log')];
  const master = readPid(join(dirs.nginx, 'nginx.pid'));
  if (master) {
    // A reload starts new workers with the new upstreams; the old ones finish their requests, then exit.
    await run('/usr/sbin/nginx', [...args, '-s', 'reload']);
    await waitFor(
      'nginx workers of the previous configuration to finish their requests',
      async () => {
        await sleep(200);
        return nginxWorkers(master).every((title) => !title.includes('shutting down'));
      },
      120_000,
    );
  } else {
    await run('/usr/sbin/nginx', args);
  }
}

/**
 * A zero-downtime deploy: one API process at a time is taken out of nginx (reload: in-flight requests finish on
 * the old nginx workers), stopped with SIGTERM (it drains), started again, checked healthy, and put back.
 */
export async function rollingRestart(onStep: (line: string) => void = log): Promise<void> {
  const all = PORTS.api.map((_, index) => index);
  for (const index of all) {
    // Returns once no nginx worker can still be waiting on this process.
    await configureNginx(all.filter((other) => other !== index));
    const began = Date.now();
    await stopProcess('api', index);
    await startApi(index);
    await configureNginx(all);
    onStep(`API ${index + 1} restarted (${((Date.now() - began) / 1000).toFixed(1)} s out of rotation)`);
    await sleep(1000);
  }
}

// ---------------------------------------------------------------- up / down

export async function up(): Promise<void> {
  ensurePackages();
  mkdirSync(SCALE_DIR, { recursive: true });
  await startPostgres();
  await startPgbouncer();
  await startRedisCluster();
  await startSmtpSink();
  log('Starting 2 API processes and 2 workers (the first start compiles the TypeScript, about a minute)');
  await Promise.all([
    ...PORTS.api.map((_, index) => startApi(index)),
    ...Array.from({ length: WORKERS }, (_, index) => startWorker(index)),
  ]);
  await configureNginx();
  log(`nginx on ${URLS.api} → API processes on :${PORTS.api.join(', :')} (round robin, keep-alive)`);
  log(`Up. Logs under ${dirs.logs}; npm run scale:down stops everything.`);
}

export async function down(): Promise<void> {
  const nginxPid = readPid(join(dirs.nginx, 'nginx.pid'));
  if (nginxPid)
    await run('/usr/sbin/nginx', [
      '-p',
      dirs.nginx,
      '-c',
      join(dirs.nginx, 'nginx.conf'),
      '-e',
      join(dirs.nginx, 'error.log'),
      '-s',
      'quit',
    ]).catch(() => undefined);
  await Promise.all([
    ...PORTS.api.map((_, index) => stopProcess('api', index)),
    ...Array.from({ length: WORKERS }, (_, index) => stopProcess('worker', index)),
  ]);
  await stopProcess('smtp', 0);
  const bouncer = readPid(join(dirs.pgbouncer, 'pgbouncer.pid'));
  if (bouncer) process.kill(bouncer, 'SIGINT');
  for (const port of PORTS.redis) {
    if (redisPid(port)) {
      try {
        redisCli(port, 'shutdown', 'nosave');
      } catch {
        // It closes the connection as it exits.
      }
    }
  }
  await stopServer(dirs.replica);
  await stopServer(dirs.primary);
  log('Down (data kept under .data/scale; delete that folder for a fresh start)');
}

import 'reflect-metadata';
import autocannon from 'autocannon';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { dirname, join } from 'node:path';
import { Pool } from 'pg';
import { reminderMessageId } from '@followthrough/server-reminders';
import { GraphqlClient, LOGIN, registerMailbox, SinkFolderMailbox } from '@followthrough/server-testing';
import { BENCH_PASSWORD, BenchAgency, generateAgencies } from './insights/generate-agencies';
import {
  apiHealthy,
  clusterHealthy,
  configureNginx,
  MAIL_LOG,
  PORTS,
  processPid,
  redisCli,
  redisPid,
  rollingRestart,
  SCALE_DIR,
  spawnProcess,
  serverEnv,
  startRedisNode,
  startWorker,
  stopProcess,
  URLS,
  WORKERS,
} from '../tools/scale/topology';

// `npm run bench:scale`, against the topology of `npm run scale:up`: tokens and throttles across API processes,
// the API's mixed load through nginx on 1 then 2 processes, a rolling restart under load, the reminder queue's
// throughput per worker, then the crash test (20 SIGKILLs of a random worker, then a Redis master killed).
// Every loop is bounded; everything runs on loopback. Prints figures and writes bench/results/scale-latest.md.

const DURATION = Number(process.env['BENCH_DURATION'] || 15);
const CONNECTIONS = 16;
const KILLS = Number(process.env['BENCH_KILLS'] || 20);
const CLIENTS_PER_COACH = Number(process.env['BENCH_CLIENTS_PER_COACH'] || 100);
const THROUGHPUT_REMINDERS = Number(process.env['BENCH_THROUGHPUT_REMINDERS'] || 1500);
const CRASH_REMINDERS = Number(process.env['BENCH_CRASH_REMINDERS'] || 2000);
/** Which parts to run (comma-separated): tokens, api, deploy, queue, crash. All by default. */
const PARTS = new Set(
  (process.env['BENCH_PARTS'] || 'tokens,api,deploy,queue,crash').split(',').map((part) => part.trim()),
);
const RESULTS = join(__dirname, 'results');

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));
const lines: string[] = [];
function report(line = ''): void {
  console.log(line);
  lines.push(line);
}

// ---------------------------------------------------------------- CPU accounting (Linux /proc)

function ticks(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return Number(fields[11]) + Number(fields[12]);
  } catch {
    return 0;
  }
}

function childrenOf(parent: number): number[] {
  return readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .map(Number)
    .filter((pid) => {
      try {
        return Number(readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ')[1]) === parent;
      } catch {
        return false;
      }
    });
}

function pidFromFile(file: string): number | null {
  return existsSync(file) ? Number(readFileSync(file, 'utf8').split('\n')[0]) || null : null;
}

/** The processes whose CPU a load run is charged with, by part. */
function parts(): Record<string, number[]> {
  const postmaster = pidFromFile(join(SCALE_DIR, 'pg-primary', 'postmaster.pid'));
  const replica = pidFromFile(join(SCALE_DIR, 'pg-replica', 'postmaster.pid'));
  const nginx = pidFromFile(join(SCALE_DIR, 'nginx', 'nginx.pid'));
  const bouncer = pidFromFile(join(SCALE_DIR, 'pgbouncer', 'pgbouncer.pid'));
  return {
    api: PORTS.api.map((_, index) => processPid('api', index)).filter((pid): pid is number => pid !== null),
    worker: Array.from({ length: WORKERS }, (_, index) => processPid('worker', index)).filter(
      (pid): pid is number => pid !== null,
    ),
    postgres: postmaster ? [postmaster, ...childrenOf(postmaster)] : [],
    replica: replica ? [replica, ...childrenOf(replica)] : [],
    pgbouncer: bouncer ? [bouncer] : [],
    nginx: nginx ? [nginx, ...childrenOf(nginx)] : [],
  };
}

function cpuSnapshot(): Record<string, number> {
  return Object.fromEntries(
    Object.entries(parts()).map(([name, pids]) => [name, pids.reduce((sum, pid) => sum + ticks(pid), 0)]),
  );
}

function cpuSince(before: Record<string, number>): Record<string, number> {
  const after = cpuSnapshot();
  // Clock ticks are 1/100 s on Linux.
  return Object.fromEntries(
    Object.keys(after).map((name) => [name, Math.max(0, after[name] - (before[name] ?? 0)) / 100]),
  );
}

// ---------------------------------------------------------------- API

const RADAR = `query Radar { followUpRadar(first: 20) { edges { node { clientUserId score } } pageInfo { hasNextPage } } }`;
const SCORECARD = `query Card($id: ID!) { clientScorecard(clientUserId: $id) { applications followUpCoverage responseRate } }`;
const LOG = `mutation Log($input: LogFollowUpInput!) { logFollowUp(input: $input) { id } }`;
const ME = `query { me { user { id } } }`;
const SIGN_OUT = `mutation { signOut }`;

interface Call {
  token: string;
  query: string;
  variables: Record<string, unknown>;
}

async function login(url: string, email: string, password = BENCH_PASSWORD): Promise<string> {
  return (await new GraphqlClient(url).ok(LOGIN, { input: { email, password } }))['login'].accessToken;
}

/** Four reads (radar pages, scorecards) for one write (a coach logs a call on a client's behalf). */
async function mixedCalls(pool: Pool, agency: BenchAgency): Promise<Call[]> {
  const calls: Call[] = [];
  for (const coach of agency.coaches) {
    const token = await login(URLS.api, coach.email);
    const { rows } = await pool.query(
      `SELECT a.id, a.client_user_id FROM applications a WHERE a.agency_id = $1 AND a.client_user_id = ANY($2::uuid[]) ORDER BY a.id LIMIT 20`,
      [agency.agencyId, coach.clientIds],
    );
    for (const row of rows as { id: string; client_user_id: string }[]) {
      calls.push({ token, query: RADAR, variables: {} });
      calls.push({ token, query: SCORECARD, variables: { id: row.client_user_id } });
      calls.push({ token, query: RADAR, variables: {} });
      calls.push({ token, query: SCORECARD, variables: { id: row.client_user_id } });
      calls.push({
        token,
        query: LOG,
        variables: {
          input: { applicationId: row.id, channel: 'PHONE', purpose: 'STATUS_CHECK', outcome: 'NO_ANSWER' },
        },
      });
    }
  }
  // Every call must succeed before it is measured (a GraphQL error still answers 200).
  for (const call of calls.slice(0, 5)) await new GraphqlClient(URLS.api, call.token).ok(call.query, call.variables);
  return calls;
}

interface LoadFigures {
  requests: number;
  requestsPerSecond: number;
  p50: number;
  p99: number;
  failed: number;
  /** What the failures were: connection errors, answers other than 2xx, no answer within 10 s. */
  failures: string;
  cpu: Record<string, number>;
}

async function mixedLoad(calls: Call[], seconds: number, during?: () => Promise<void>): Promise<LoadFigures> {
  const before = cpuSnapshot();
  let stop: (() => void) | null = null;
  const running = autocannon({
    url: `${URLS.api}/graphql`,
    method: 'POST',
    connections: CONNECTIONS,
    duration: seconds,
    requests: calls.map((call) => ({
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${call.token}` },
      body: JSON.stringify({ query: call.query, variables: call.variables }),
    })),
  });
  stop = () => (running as unknown as { stop(): void }).stop();
  if (during) {
    await during();
    stop();
  }
  const result = await running;
  return {
    requests: result.requests.total,
    requestsPerSecond: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    failed: result.errors + result.non2xx + result.timeouts,
    failures: `errors ${result.errors - result.timeouts}, non-2xx ${result.non2xx}, timeouts ${result.timeouts}`,
    cpu: cpuSince(before),
  };
}

function loadLine(label: string, figures: LoadFigures): string {
  const cpu = Object.entries(figures.cpu)
    .filter(([, seconds]) => seconds > 0)
    .map(([name, seconds]) => `${name} ${((seconds / figures.requests) * 1000).toFixed(2)}`)
    .join(', ');
  return `${label.padEnd(26)} ${figures.requestsPerSecond.toFixed(0).padStart(6)} req/s   p50 ${String(figures.p50).padStart(4)} ms   p99 ${String(figures.p99).padStart(5)} ms   failed ${figures.failed}${figures.failed ? ` (${figures.failures})` : ''}   CPU ms/request: ${cpu}`;
}

// ---------------------------------------------------------------- tokens and throttles

async function firstRateLimitedAttempt(ports: number[], email: string, limit = 12): Promise<number | null> {
  for (let attempt = 1; attempt <= limit; attempt += 1) {
    const port = ports[(attempt - 1) % ports.length];
    const response = await new GraphqlClient(`http://127.0.0.1:${port}`).request(LOGIN, {
      input: { email, password: 'not the password 123' },
    });
    const code = response.errors?.[0]?.extensions?.['code'];
    if (code === 'RATE_LIMITED') return attempt;
  }
  return null;
}

async function tokensAndThrottles(agency: BenchAgency): Promise<void> {
  report('Tokens, throttles and rate limits across API processes (each request sent to one process directly)');
  const [one, two] = PORTS.api.map((port) => `http://127.0.0.1:${port}`);
  const coach = agency.coaches[0];
  const token = await login(one, coach.email);
  const meOnTwo = await new GraphqlClient(two, token).request(ME);
  report(
    `  token issued by API 1, used on API 2:        ${meOnTwo.errors ? `REFUSED (${meOnTwo.errors[0].message})` : 'accepted'}`,
  );
  await new GraphqlClient(two, token).ok(SIGN_OUT);
  const afterSignOut = await new GraphqlClient(one, token).request(ME);
  report(
    `  signed out on API 2, same token on API 1:    ${afterSignOut.errors ? `refused (${afterSignOut.errors[0].extensions?.['code']})` : 'STILL ACCEPTED'}`,
  );
  // Addresses of no account: the throttle counts them the same, and the bench's coaches stay usable.
  const alone = await firstRateLimitedAttempt([PORTS.api[0]], `nobody.${randomUUID()}@bench.example`);
  const alternating = await firstRateLimitedAttempt([...PORTS.api], `nobody.${randomUUID()}@bench.example`);
  report(
    `  wrong passwords, first RATE_LIMITED answer:  attempt ${alone} on one process, attempt ${alternating} alternating between two`,
  );
  report('');
}

// ---------------------------------------------------------------- reminders

async function seedRecipients(pool: Pool): Promise<{ agencyId: string; clientIds: string[] }> {
  const stamp = randomUUID().slice(0, 8);
  const agency = await pool.query(`INSERT INTO agencies (name, timezone) VALUES ($1, 'Europe/Paris') RETURNING id`, [
    `Scale Bench ${stamp}`,
  ]);
  const agencyId: string = agency.rows[0].id;
  const users = await pool.query(
    `INSERT INTO users (email, name, password_hash)
     SELECT 'scale.' || $1 || '.' || n || '@bench.example', 'Scale client ' || n, 'not-a-hash' FROM generate_series(1, 20) AS n RETURNING id`,
    [stamp],
  );
  const clientIds: string[] = users.rows.map((row: { id: string }) => row.id);
  await pool.query(`INSERT INTO memberships (agency_id, user_id, role) SELECT $1, unnest($2::uuid[]), 'CLIENT'`, [
    agencyId,
    clientIds,
  ]);
  return { agencyId, clientIds };
}

async function insertDue(
  pool: Pool,
  seeded: { agencyId: string; clientIds: string[] },
  keyPrefix: string,
  from: number,
  count: number,
): Promise<void> {
  await pool.query(
    `INSERT INTO reminders (agency_id, kind, recipient_user_id, due_at, idempotency_key, refs)
     SELECT $1, 'notice', ($2::uuid[])[1 + n % array_length($2::uuid[], 1)], now() - interval '1 minute', $3 || n, '{}'
       FROM generate_series($4::int, $5::int) AS n`,
    [seeded.agencyId, seeded.clientIds, keyPrefix, from, from + count - 1],
  );
}

async function statusCounts(pool: Pool, keyPrefix: string): Promise<Record<string, number>> {
  const { rows } = await pool.query(
    `SELECT status, count(*)::int AS n FROM reminders WHERE idempotency_key LIKE $1 || '%' GROUP BY status`,
    [keyPrefix],
  );
  return Object.fromEntries(rows.map((row: { status: string; n: number }) => [row.status, row.n]));
}

async function untilSent(
  pool: Pool,
  keyPrefix: string,
  total: number,
  limitMs: number,
): Promise<Record<string, number>> {
  const until = Date.now() + limitMs;
  let counts = await statusCounts(pool, keyPrefix);
  while ((counts['SENT'] ?? 0) + (counts['FAILED'] ?? 0) + (counts['SKIPPED'] ?? 0) < total && Date.now() < until) {
    await sleep(250);
    counts = await statusCounts(pool, keyPrefix);
  }
  return counts;
}

/** Deliveries and duplicates in the SMTP sink's log for this run's reminders. */
async function mailFigures(
  pool: Pool,
  keyPrefix: string,
): Promise<{ delivered: number; received: number; duplicates: number }> {
  const { rows } = await pool.query(`SELECT id FROM reminders WHERE idempotency_key LIKE $1 || '%'`, [keyPrefix]);
  const ours = new Set(rows.map((row: { id: string }) => reminderMessageId(row.id)));
  const seen = new Map<string, number>();
  for (const line of readFileSync(MAIL_LOG, 'utf8').split('\n')) {
    const id = line.split(' ')[1];
    if (id && ours.has(id)) seen.set(id, (seen.get(id) ?? 0) + 1);
  }
  const received = [...seen.values()].reduce((sum, n) => sum + n, 0);
  return { delivered: seen.size, received, duplicates: received - seen.size };
}

async function throughput(
  pool: Pool,
  seeded: { agencyId: string; clientIds: string[] },
  workers: number,
): Promise<number> {
  const key = `scale-rate-${workers}-${randomUUID().slice(0, 8)}:`;
  const cpuBefore = cpuSnapshot();
  const began = Date.now();
  await insertDue(pool, seeded, key, 1, THROUGHPUT_REMINDERS);
  const counts = await untilSent(pool, key, THROUGHPUT_REMINDERS, 180_000);
  const seconds = (Date.now() - began) / 1000;
  const rate = (counts['SENT'] ?? 0) / seconds;
  const cpu = cpuSince(cpuBefore);
  const perMail = (name: string) => ((cpu[name] / Math.max(1, counts['SENT'] ?? 0)) * 1000).toFixed(2);
  report(
    `  ${workers} worker(s): ${counts['SENT'] ?? 0}/${THROUGHPUT_REMINDERS} reminders e-mailed in ${seconds.toFixed(1)} s → ${rate.toFixed(0)} e-mails/s ` +
      `(${(rate / workers).toFixed(0)} per worker); CPU ms per e-mail: worker ${perMail('worker')}, postgres ${perMail('postgres')}, pgbouncer ${perMail('pgbouncer')}`,
  );
  return rate;
}

function waitUntilGone(pid: number, limitMs: number): Promise<void> {
  const until = Date.now() + limitMs;
  return (async () => {
    while (Date.now() < until) {
      try {
        process.kill(pid, 0);
      } catch {
        return;
      }
      await sleep(20);
    }
  })();
}

/** The master that holds the reminders queue's hash slot, as the first node that answers sees it. */
function remindersMaster(except?: number): number {
  for (const port of PORTS.redis.filter((candidate) => candidate !== except)) {
    let slot: number;
    let nodes: string;
    try {
      slot = Number(redisCli(port, 'cluster', 'keyslot', '{bull:reminders}').trim());
      nodes = redisCli(port, 'cluster', 'nodes');
    } catch {
      continue;
    }
    for (const line of nodes.split('\n')) {
      const fields = line.split(' ');
      const flags = (fields[2] ?? '').split(',');
      if (!flags.includes('master') || flags.some((flag) => flag.startsWith('fail'))) continue;
      for (const range of fields.slice(8)) {
        const [from, to] = range.split('-').map(Number);
        if (slot >= from && slot <= (to ?? from)) return Number(fields[1].split(':')[1].split('@')[0]);
      }
    }
  }
  throw new Error('No master holds the reminders queue slot');
}

async function crashTest(pool: Pool, seeded: { agencyId: string; clientIds: string[] }): Promise<void> {
  const key = `scale-crash-${randomUUID().slice(0, 8)}:`;
  // The reminders are made due in one chunk per kill, so that every kill lands mid-delivery.
  const chunk = Math.ceil(CRASH_REMINDERS / (KILLS + 1));
  let inserted = 0;
  const addChunk = async () => {
    const count = Math.min(chunk, CRASH_REMINDERS - inserted);
    if (count <= 0) return;
    await insertDue(pool, seeded, key, inserted + 1, count);
    inserted += count;
  };
  await addChunk();

  let kills = 0;
  for (let round = 0; kills < KILLS && round < 3 * KILLS; round += 1) {
    await sleep(2000 + Math.random() * 2000);
    await addChunk();
    const index = Math.floor(Math.random() * WORKERS);
    const pid = processPid('worker', index);
    if (pid) {
      process.kill(pid, 'SIGKILL');
      kills += 1;
      await waitUntilGone(pid, 5000);
    }
    // Restarted at once, as a supervisor would; it may itself be killed while still starting.
    spawnProcess('worker', index, serverEnv());
  }
  report(`  ${kills} SIGKILLs of a random worker, every 2-4 s, each restarted at once`);
  for (let index = 0; index < WORKERS; index += 1) await startWorker(index);

  const master = remindersMaster();
  const pid = redisPid(master);
  const killedAt = Date.now();
  if (pid) process.kill(pid, 'SIGKILL');
  let failoverSeconds = NaN;
  for (let waited = 0; waited < 60_000; waited += 200) {
    await sleep(200);
    try {
      // Done when a node other than the dead one serves the slot and the cluster reports ok.
      if (remindersMaster(master) !== master && clusterHealthy()) {
        failoverSeconds = (Date.now() - killedAt) / 1000;
        break;
      }
    } catch {
      // No master for the slot yet: the replica has not been promoted.
    }
  }
  report(
    `  Redis master :${master} (holding the reminders queue) SIGKILLed: its replica took over in ${failoverSeconds.toFixed(1)} s`,
  );
  await addChunk();
  await sleep(5000);
  startRedisNode(master);

  const settled = Date.now();
  const counts = await untilSent(pool, key, inserted, 600_000);
  report(`  all settled ${((Date.now() - settled) / 1000).toFixed(0)} s after the Redis failover`);
  // Deliveries still in flight when the count completes are included by waiting for the log to settle.
  await sleep(2000);
  const mail = await mailFigures(pool, key);
  const sending = (
    await pool.query(
      `SELECT count(*)::int AS n FROM reminders WHERE idempotency_key LIKE $1 || '%' AND status = 'SENDING'`,
      [key],
    )
  ).rows[0].n;
  report(`  ${inserted} reminders made due during the run; statuses: ${JSON.stringify(counts)}`);
  report(
    `  lost: ${inserted - mail.delivered}   duplicates: ${mail.duplicates} (allowed ≤ ${kills + 1}: one per kill)   left in SENDING: ${sending}`,
  );
  report(`  e-mails received ${mail.received}, distinct ${mail.delivered}`);
}

// ---------------------------------------------------------------- main

/** The bench's agency: generated on the first run (its bulk data has fixed names), reused afterwards. */
async function benchAgency(pool: Pool): Promise<BenchAgency> {
  const file = join(SCALE_DIR, 'bench-agency.json');
  if (existsSync(file)) {
    const saved = JSON.parse(readFileSync(file, 'utf8')) as BenchAgency;
    const found = await pool.query(`SELECT 1 FROM agencies WHERE id = $1`, [saved.agencyId]);
    if (found.rowCount === 1) {
      report(`Reusing the bench agency of an earlier run (4 coaches × ${saved.coaches[0].clientIds.length} clients)`);
      return saved;
    }
  }
  report(`Generating 1 agency of 4 coaches × ${CLIENTS_PER_COACH} clients through nginx …`);
  // Their sign-up and invitation links are read from the topology's SMTP sink, which keeps account e-mails whole.
  registerMailbox(URLS.api, new SinkFolderMailbox(join(dirname(MAIL_LOG), 'accounts')));
  const { agencies } = await generateAgencies(URLS.api, URLS.primary, {
    agencies: 1,
    coachesPerAgency: 4,
    clientsPerCoach: CLIENTS_PER_COACH,
    batchSize: 50,
  });
  writeFileSync(file, JSON.stringify(agencies[0]));
  return agencies[0];
}

async function main(): Promise<void> {
  if (!(await apiHealthy(PORTS.nginx))) throw new Error(`Nothing healthy at ${URLS.api}: run npm run scale:up first`);
  const pool = new Pool({ connectionString: URLS.primary, max: 4 });
  try {
    report(`# Scale bench (${new Date().toISOString()}, ${cpus().length} CPU cores shared by every process below)`);
    report('');
    const agency = await benchAgency(pool);
    report('');

    if (PARTS.has('tokens')) await tokensAndThrottles(agency);

    const calls = PARTS.has('api') || PARTS.has('deploy') ? await mixedCalls(pool, agency) : [];
    if (PARTS.has('api')) {
      report(
        `API: mixed load through nginx (per coach: 2 radar pages, 2 scorecards, 1 logged call; ${CONNECTIONS} connections, ${DURATION} s)`,
      );
      await configureNginx([0]);
      const single = await mixedLoad(calls, DURATION);
      report(loadLine('  1 API process', single));
      await configureNginx();
      const double = await mixedLoad(calls, DURATION);
      report(loadLine('  2 API processes', double));
      report('');
    }

    if (PARTS.has('deploy')) {
      report('Zero-downtime deploy: each API process restarted in turn under the same load');
      const steps: string[] = [];
      const rolling = await mixedLoad(calls, 600, () => rollingRestart((line) => steps.push(line)));
      for (const step of steps) report(`  ${step}`);
      report(loadLine('  during the restart', rolling));
      report(`  failed requests: ${rolling.failed} of ${rolling.requests}`);
      report('');
    }

    const seeded = PARTS.has('queue') || PARTS.has('crash') ? await seedRecipients(pool) : null;
    if (seeded && PARTS.has('queue')) {
      report('Reminders: queue throughput (SMTP sink on loopback, Redis Cluster, PgBouncer)');
      await stopProcess('worker', 1);
      await throughput(pool, seeded, 1);
      await startWorker(1);
      await throughput(pool, seeded, 2);
      report('');
    }
    if (seeded && PARTS.has('crash')) {
      report('Reminders: crash test across 2 workers');
      await crashTest(pool, seeded);
    }
  } finally {
    await pool.end();
  }
  mkdirSync(RESULTS, { recursive: true });
  // A run of some parts only keeps the full run's file.
  const file = PARTS.size === 5 ? 'scale-latest.md' : `scale-latest-${[...PARTS].join('-')}.md`;
  writeFileSync(join(RESULTS, file), lines.join('\n') + '\n');
  console.log(`\nWritten to bench/results/${file}`);
}

main().catch((error: Error) => {
  console.error(`bench:scale failed: ${error.stack ?? error.message}`);
  process.exit(1);
});

import 'reflect-metadata';
import { ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, openSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { Pool } from 'pg';
import { GraphqlClient, LOGIN } from '@followthrough/server-testing';
import { runAllMigrations } from '../migrations/run-migrations';
import { benchDatabase } from './insights/bench-database';
import { BENCH_PASSWORD, BenchAgency, generateAgencies } from './insights/generate-agencies';
import { InProcessApi } from './insights/in-process-api';
import { GraphqlCall, load, preciseSequential, rssMb, sqlFloor } from './insights/measure';
import { BenchReport, loadNotes, markdown, QueryReport, resultsTable } from './insights/report';
import { CapturedStatement } from './insights/in-process-api';

// `npm run bench`: the insights benchmark. Two agencies of 5 coaches × 500 clients, each client with 20
// applications, 60 follow-ups, 5 vents with their actions, cadence steps and step reminders; then the radar,
// a scorecard and the agency dashboard under autocannon against the real API in its own process, next to the
// same SQL run directly. BENCH_SCALE=0.1 makes a quick run (50 clients per coach); BENCH_DURATION sets the
// seconds of each load run (default 8).
//
// The radar is served from its snapshot (libs/server/insights README, "Radar snapshots"): the main table measures
// that, with the API's default max age; a second API process started with INSIGHTS_RADAR_MAX_AGE_SECONDS=0
// measures the cold cost, a full recompute of the coach's caseload on every request.

const SCALE = Number(process.env['BENCH_SCALE'] || 1);
const DURATION = Number(process.env['BENCH_DURATION'] || 8);
const SHAPE = { agencies: 2, coachesPerAgency: 5, clientsPerCoach: Math.max(1, Math.round(500 * SCALE)), batchSize: 50 };
const RESULTS = join(__dirname, 'results');

const RADAR = `query Radar($first: Int) { followUpRadar(first: $first) {
  edges { cursor node { clientUserId clientName score reasons { code text weight }
    headline { openApplications overdueSteps silentApplications lastTouchAt businessDaysSinceLastTouch followUpCoverage beyondEmailShare unactionedSharedVents ignoredReminders } } }
  pageInfo { endCursor hasNextPage } asOf } }`;
const SCORECARD = `query Scorecard($id: ID!) { clientScorecard(clientUserId: $id) {
  clientUserId clientName asOf applications applicationsByStage { stage count } appliedApplications coveredApplications followUpCoverage
  outboundTouches beyondEmailTouches beyondEmailShare medianBusinessDaysToFirstTouch overdueSteps answeredTouches responseRate
  responseRateByChannel { channel touches answered rate } vents { total open actioned resolved medianHoursToFirstAction }
  actions { total open done dropped doneShare } remindersSent remindersIgnored } }`;
const DASHBOARD = `query Dashboard { agencyDashboard {
  period { from to } asOf
  coaches { coachUserId coachName clients stepsDue stepsDoneOnTime followUpCompliance medianBusinessDaysToFirstTouch outboundTouches beyondEmailTouches beyondEmailShare sharedVents actionedSharedVents ventToActionConversion }
  responseRateByChannel { channel touches answered rate } responseRateByStep { stepKey channel stepsDone answered rate }
  funnel { stage count } weeklyTrend { weekStart outboundTouches beyondEmailTouches answeredTouches responseRate applicationsApplied stepsDue stepsDoneOnTime followUpCompliance } } }`;

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

async function login(url: string, email: string): Promise<string> {
  return (await new GraphqlClient(url).ok(LOGIN, { input: { email, password: BENCH_PASSWORD } }))['login'].accessToken;
}

/** The real API (apps/api) in its own process, in production mode, as `npm run start:api` runs it. */
async function spawnApi(databaseUrl: string, env: Record<string, string> = {}, logName = 'api.log'): Promise<{ child: ChildProcess; url: string; stop(): Promise<void> }> {
  const port = await freePort();
  mkdirSync(RESULTS, { recursive: true });
  const log = openSync(join(RESULTS, logName), 'w');
  const child = spawn(process.execPath, ['-r', '@swc-node/register', 'apps/api/src/main.ts'], {
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      PORT: String(port),
      NODE_ENV: 'production',
      JWT_SECRET: randomBytes(32).toString('hex'),
      LINK_SIGNING_KEYS: `bench:${randomBytes(32).toString('hex')}`,
      JWT_TTL_SECONDS: '900',
      LOGIN_MAX_FAILURES_PER_IP: '100000',
      SIGNUP_MAX_PER_IP: '100000',
      // Load runs call one operation as one user thousands of times: the limit is counted, never reached.
      GRAPHQL_RATE_LIMIT: '1000000',
      ...env,
    },
    stdio: ['ignore', log, log],
  });
  const url = `http://127.0.0.1:${port}`;
  for (let waited = 0; ; waited += 250) {
    if (child.exitCode !== null) throw new Error(`The API exited (${child.exitCode}); see bench/results/${logName}`);
    const healthy = await fetch(`${url}/health`).then((r) => r.ok).catch(() => false);
    if (healthy) break;
    if (waited > 90_000) throw new Error(`The API did not become healthy within 90 s; see bench/results/${logName}`);
    await new Promise((wait) => setTimeout(wait, 250));
  }
  return {
    child,
    url,
    stop: () =>
      new Promise<void>((stopped) => {
        if (child.exitCode !== null) return stopped();
        child.once('exit', () => stopped());
        child.kill('SIGTERM');
      }),
  };
}

async function counts(database: string, pool: Pool): Promise<string[]> {
  const tables = ['applications', 'follow_ups', 'application_stage_changes', 'vents', 'actions', 'cadences', 'step_instances', 'reminders', 'memberships'];
  const lines: string[] = [];
  for (const table of tables) {
    const [row] = (await pool.query(`SELECT count(*)::bigint AS n FROM ${table}`)).rows as { n: string }[];
    lines.push(`${table}: ${Number(row.n).toLocaleString('en')} rows`);
  }
  const [size] = (await pool.query(`SELECT pg_size_pretty(pg_database_size(current_database())) AS size`)).rows as { size: string }[];
  lines.push(`database size: ${size.size} (${database})`);
  return lines;
}

/** Makes the agency's radar snapshots stale, as a pipeline change would: the next radar request recomputes. */
async function bumpRadarVersion(pool: Pool, agencyId: string): Promise<void> {
  await pool.query(
    `INSERT INTO insights_radar_versions (agency_id, version, changed_at) VALUES ($1, 1, now())
     ON CONFLICT (agency_id) DO UPDATE SET version = insights_radar_versions.version + 1, changed_at = now()`,
    [agencyId],
  );
}

async function main(): Promise<void> {
  const started = process.hrtime.bigint();
  const startedAt = new Date();
  const database = await benchDatabase();
  console.log(`Insights benchmark on ${database.description}`);
  let inProcess: InProcessApi | null = null;
  let api: Awaited<ReturnType<typeof spawnApi>> | null = null;
  const pool = new Pool({ connectionString: database.url, max: 4 });
  try {
    await runAllMigrations(database.url);
    inProcess = await InProcessApi.start(database.url);
    const { agencies, seconds: generationSeconds } = await generateAgencies(inProcess.url, database.url, SHAPE);
    const vacuumStarted = process.hrtime.bigint();
    await pool.query('VACUUM ANALYZE');
    const vacuumSeconds = Number(process.hrtime.bigint() - vacuumStarted) / 1e9;
    const clientsPerAgency = SHAPE.coachesPerAgency * SHAPE.clientsPerCoach;
    console.log(`Generated in ${generationSeconds.toFixed(1)} s; VACUUM ANALYZE ${vacuumSeconds.toFixed(1)} s`);

    // Statement counts and the exact statements, from the API in this process.
    const [agency] = agencies as [BenchAgency];
    const coach = agency.coaches[0];
    const client = coach.clientIds[0];
    const local = {
      admin: new GraphqlClient(inProcess.url).as(await login(inProcess.url, agency.admin.email)),
      coach: new GraphqlClient(inProcess.url).as(await login(inProcess.url, coach.email)),
    };
    const counting = inProcess;
    const captured = async (run: () => Promise<unknown>) => {
      await run(); // warm
      return counting.capture(run);
    };
    const radarCoach = await captured(() => local.coach.ok(RADAR, { first: 50 }));
    const radarAdmin = await captured(() => local.admin.ok(RADAR, { first: 50 }));
    // The same requests when the snapshot is stale: the recompute (transaction, lock, INSERT … SELECT) and the read.
    const recomputed = async (run: () => Promise<unknown>) => {
      await bumpRadarVersion(pool, agency.agencyId);
      return counting.capture(run);
    };
    const coldCoach = await recomputed(() => local.coach.ok(RADAR, { first: 50 }));
    const coldAdmin = await recomputed(() => local.admin.ok(RADAR, { first: 50 }));
    const scorecard = await captured(() => local.coach.ok(SCORECARD, { id: client }));
    const dashboardAdmin = await captured(() => local.admin.ok(DASHBOARD));
    const dashboardCoach = await captured(() => local.coach.ok(DASHBOARD));
    const statementChecks = [
      { label: 'followUpRadar(first: 50), coach, from the snapshot', clients: SHAPE.clientsPerCoach, statements: radarCoach.count },
      { label: 'followUpRadar(first: 50), admin (whole agency), from the snapshot', clients: clientsPerAgency, statements: radarAdmin.count },
      { label: 'followUpRadar(first: 50), coach, recomputed', clients: SHAPE.clientsPerCoach, statements: coldCoach.count },
      { label: 'followUpRadar(first: 50), admin (whole agency), recomputed', clients: clientsPerAgency, statements: coldAdmin.count },
      { label: 'clientScorecard, coach', clients: 1, statements: scorecard.count },
      { label: 'agencyDashboard, coach (own caseload)', clients: SHAPE.clientsPerCoach, statements: dashboardCoach.count },
      { label: 'agencyDashboard, admin', clients: clientsPerAgency, statements: dashboardAdmin.count },
    ];
    await inProcess.close();
    inProcess = null;

    api = await spawnApi(database.url);
    const idleRss = rssMb(api.child.pid as number);
    const tokens = { admin: await login(api.url, agency.admin.email), coach: await login(api.url, coach.email) };
    const calls: { name: string; caller: string; call: GraphqlCall; statements: typeof radarCoach; parallelTail: number }[] = [
      { name: 'followUpRadar first 50', caller: `coach, ${SHAPE.clientsPerCoach} clients`, call: { url: api.url, token: tokens.coach, query: RADAR, variables: { first: 50 } }, statements: radarCoach, parallelTail: 0 },
      { name: 'clientScorecard', caller: 'coach', call: { url: api.url, token: tokens.coach, query: SCORECARD, variables: { id: client } }, statements: scorecard, parallelTail: 0 },
      { name: 'agencyDashboard', caller: `admin, ${clientsPerAgency} clients`, call: { url: api.url, token: tokens.admin, query: DASHBOARD, variables: {} }, statements: dashboardAdmin, parallelTail: 3 },
    ];
    const queries: QueryReport[] = [];
    let peak = idleRss;
    for (const entry of calls) {
      // A real answer, not an error, before measuring.
      await new GraphqlClient(api.url).as(entry.call.token).ok(entry.call.query, entry.call.variables);
      const iterations = entry.name === 'agencyDashboard' ? 60 : 200;
      await sqlFloor(pool, entry.statements.statements, entry.parallelTail, 10);
      const sql = await sqlFloor(pool, entry.statements.statements, entry.parallelTail, iterations);
      await preciseSequential(entry.call, 20);
      const precise = await preciseSequential(entry.call, iterations);
      const runs = [];
      for (const connections of [1, 16]) {
        const result = await load(entry.call, connections, DURATION, api.child.pid as number);
        peak = Math.max(peak, result.peakRssMb);
        runs.push(result);
        console.log(`  ${entry.name} at ${connections} connection(s): ${result.requestsPerSecond.toFixed(0)} req/s, p50 ${result.p50} ms, p99 ${result.p99} ms`);
      }
      queries.push({ name: entry.name, caller: entry.caller, statements: entry.statements.count, sql, precise, runs });
    }
    await api.stop();
    api = null;

    // The cold cost: an API that recomputes the radar on every request (max age 0), its statements replayed on one
    // connection (they include the transaction) as the floor.
    api = await spawnApi(database.url, { INSIGHTS_RADAR_MAX_AGE_SECONDS: '0' }, 'api-cold.log');
    const coldToken = await login(api.url, coach.email);
    const coldCall: GraphqlCall = { url: api.url, token: coldToken, query: RADAR, variables: { first: 50 } };
    await new GraphqlClient(api.url).as(coldToken).ok(RADAR, { first: 50 });
    const single = new Pool({ connectionString: database.url, max: 1 });
    const coldStatements: CapturedStatement[] = coldCoach.statements;
    let coldSql;
    try {
      await sqlFloor(single, coldStatements, 0, 5);
      coldSql = await sqlFloor(single, coldStatements, 0, 60);
    } finally {
      await single.end();
    }
    await preciseSequential(coldCall, 5);
    const coldPrecise = await preciseSequential(coldCall, 60);
    const coldRuns = [];
    for (const connections of [1, 16]) {
      const result = await load(coldCall, connections, DURATION, api.child.pid as number);
      coldRuns.push(result);
      console.log(`  followUpRadar recomputed on every request at ${connections} connection(s): ${result.requestsPerSecond.toFixed(0)} req/s, p50 ${result.p50} ms, p99 ${result.p99} ms`);
    }
    const cold: QueryReport = {
      name: 'followUpRadar first 50, recomputed on every request (INSIGHTS_RADAR_MAX_AGE_SECONDS=0)',
      caller: `coach, ${SHAPE.clientsPerCoach} clients`,
      statements: coldCoach.count,
      sql: coldSql,
      precise: coldPrecise,
      runs: coldRuns,
    };

    const radar = queries[0];
    const constant = radarCoach.count === radarAdmin.count && coldCoach.count === coldAdmin.count && dashboardCoach.count === dashboardAdmin.count;
    const report: BenchReport = {
      startedAt,
      environment: [
        `${cpus().length} CPU cores (${cpus()[0]?.model ?? 'unknown'}), ${(totalmem() / 2 ** 30).toFixed(0)} GB RAM, Node ${process.version}`,
        `PostgreSQL: ${database.description}`,
        `API: apps/api in its own process (NODE_ENV=production); autocannon in the benchmark process; ${DURATION} s per load run`,
      ],
      data: [
        `${SHAPE.agencies} agencies × ${SHAPE.coachesPerAgency} coaches × ${SHAPE.clientsPerCoach} clients (BENCH_SCALE=${SCALE}); per client 20 applications, 60 follow-ups, 5 vents with their actions, cadence steps and step reminders`,
        `generation (bulk INSERT … SELECT, ${SHAPE.batchSize} clients per batch): ${generationSeconds.toFixed(1)} s; VACUUM ANALYZE: ${vacuumSeconds.toFixed(1)} s`,
        ...(await counts(database.description, pool)),
      ],
      statementChecks,
      queries,
      cold,
      apiRss: { idleMb: idleRss, peakMb: peak },
      goals: [
        {
          goal: 'SQL statements per request constant in the number of clients',
          result: statementChecks.map((check) => `${check.statements} (${check.clients.toLocaleString('en')} clients)`).join(', '),
          met: constant,
        },
        ...queries.map((query) => {
          const limit = 2 * query.sql.p50 + 2;
          return {
            goal: `${query.name}: API p50 at 1 connection ≤ 2 × SQL + 2 ms`,
            result: `${query.precise.p50.toFixed(2)} ms vs ${limit.toFixed(2)} ms (SQL ${query.sql.p50.toFixed(2)} ms)`,
            met: query.precise.p50 <= limit,
          };
        }),
        { goal: 'radar p99 ≤ 50 ms at 16 connections', result: `${radar.runs[1].p99} ms`, met: radar.runs[1].p99 <= 50 },
      ],
      seconds: Number(process.hrtime.bigint() - started) / 1e9,
    };
    console.log('\nServed (the radar from its snapshot, default max age):\n' + resultsTable(report));
    console.log('\nCold radar (a full recompute on every request):\n' + resultsTable({ ...report, queries: [cold] }));
    console.log(`\nAPI RSS: ${idleRss.toFixed(0)} MB after start-up, ${peak.toFixed(0)} MB peak`);
    for (const goal of report.goals) console.log(`${goal.met ? 'MET    ' : 'NOT MET'}  ${goal.goal}: ${goal.result}`);
    for (const note of loadNotes(report)) console.log(`  ${note}`);
    mkdirSync(RESULTS, { recursive: true });
    writeFileSync(join(RESULTS, 'latest.md'), markdown(report));
    console.log(`\nWrote bench/results/latest.md (${report.seconds.toFixed(0)} s in all)`);
  } finally {
    await api?.stop();
    await inProcess?.close().catch(() => undefined);
    await pool.end();
    await database.close();
  }
}

main()
  .then(() => process.exit(0))
  .catch((error: Error) => {
    console.error(error);
    process.exit(1);
  });

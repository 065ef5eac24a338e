import 'reflect-metadata';
import { ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, openSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { cpus, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';
import { Pool } from 'pg';
import { ClientRollups } from '@followthrough/server-insights';
import { ACCEPT_INVITATION, GraphqlClient, invitationToken, INVITE_MEMBER, LOGIN } from '@followthrough/server-testing';
import { runAllMigrations, urlAsRole } from '../migrations/run-migrations';
import { benchDatabase } from './insights/bench-database';
import { BENCH_PASSWORD, BenchAgency, generateAgencies } from './insights/generate-agencies';
import { InProcessApi } from './insights/in-process-api';
import { startInsightsPass } from './insights/worker-pass';
import { GraphqlCall, load, preciseSequential, rssMb, sqlFloor } from './insights/measure';
import {
  COMPLETE_ACTION,
  CREATE_VENT,
  LOG_FOLLOW_UP,
  readersTogether,
  runWriters,
  SHARE_VENT,
  TimedClient,
  UPDATE_STAGE,
  Writer,
  writerThroughput,
} from './insights/mixed-load';
import {
  BenchReport,
  loadOtherScale,
  markdown,
  MixReport,
  mixTable,
  QueryReport,
  resultsTable,
  ScaleFigures,
  scaleGoals,
} from './insights/report';
import { CapturedStatement } from './insights/in-process-api';
import { RlsCost, rlsCost, rlsCostTable } from './insights/rls-cost';

// `npm run bench`: the insights benchmark. Two agencies of 5 coaches × 500 clients, each client with 20
// applications, 60 follow-ups, 5 vents with their actions, cadence steps and step reminders (bulk SQL, then the
// insights rollups rebuilt). Against the real API in its own process: the radar, a scorecard and the agency
// dashboard alone at 1 and 16 connections next to their SQL floor; then 16 reader connections while writers land
// 20, then 100 writes a second (follow-ups, stage changes, shared vents, completed actions) with the freshness lag
// of each probed follow-up; then 1 vs 16 concurrent writers of one agency. BENCH_SCALE=0.1 makes a quick run (50
// clients per coach); BENCH_DURATION sets the seconds of each read run (default 8; the mixed runs take twice that).
// Each run keeps its figures in bench/results/scale-<BENCH_SCALE>.json, so a run at another scale is compared with it.

const SCALE = Number(process.env['BENCH_SCALE'] || 1);
const DURATION = Number(process.env['BENCH_DURATION'] || 8);
const MIX_SECONDS = 2 * DURATION;
const SHAPE = {
  agencies: 2,
  coachesPerAgency: 5,
  clientsPerCoach: Math.max(1, Math.round(500 * SCALE)),
  batchSize: 50,
};
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
async function spawnApi(
  databaseUrl: string,
  env: Record<string, string> = {},
  logName = 'api.log',
): Promise<{ child: ChildProcess; url: string; stop(): Promise<void> }> {
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
      MFA_ENCRYPTION_KEY: randomBytes(32).toString('hex'),
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
    const healthy = await fetch(`${url}/health`)
      .then((r) => r.ok)
      .catch(() => false);
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
  const tables = [
    'applications',
    'follow_ups',
    'application_stage_changes',
    'vents',
    'actions',
    'cadences',
    'step_instances',
    'reminders',
    'memberships',
  ];
  const lines: string[] = [];
  for (const table of tables) {
    const [row] = (await pool.query(`SELECT count(*)::bigint AS n FROM ${table}`)).rows as { n: string }[];
    lines.push(`${table}: ${Number(row.n).toLocaleString('en')} rows`);
  }
  const [size] = (await pool.query(`SELECT pg_size_pretty(pg_database_size(current_database())) AS size`)).rows as {
    size: string;
  }[];
  lines.push(`database size: ${size.size} (${database})`);
  return lines;
}

/** Reads that run under load: one coach's radar page, one client's scorecard, the admin's dashboard. */
interface ReadEntry {
  name: string;
  caller: string;
  call: GraphqlCall;
  statements: { count: number; statements: CapturedStatement[] };
  parallelTail: number;
}

const OPEN_STAGES = ['APPLIED', 'SCREENING', 'INTERVIEWING', 'OFFER'];

/** Writers: 8 clients of each of the agency's first four coaches, given the bench password so they can sign in. */
async function prepareWriters(
  pool: Pool,
  agency: BenchAgency,
): Promise<
  {
    clientUserId: string;
    email: string;
    coachEmail: string;
    applicationIds: string[];
    openActionIds: string[];
    stages: Map<string, string>;
  }[]
> {
  const picked = agency.coaches
    .slice(0, 4)
    .flatMap((coach) => coach.clientIds.slice(0, 8).map((clientUserId) => ({ clientUserId, coachEmail: coach.email })));
  const ids = picked.map((writer) => writer.clientUserId);
  await pool.query(
    `UPDATE users SET password_hash = (SELECT password_hash FROM users WHERE lower(email) = lower($1)) WHERE id = ANY($2::uuid[])`,
    [agency.admin.email, ids],
  );
  const emails = new Map(
    (
      (await pool.query(`SELECT id, email FROM users WHERE id = ANY($1::uuid[])`, [ids])).rows as {
        id: string;
        email: string;
      }[]
    ).map((row) => [row.id, row.email]),
  );
  const applications = (
    await pool.query(
      `SELECT id, client_user_id, stage FROM applications WHERE agency_id = $1 AND client_user_id = ANY($2::uuid[]) AND stage = ANY($3)`,
      [agency.agencyId, ids, OPEN_STAGES],
    )
  ).rows as { id: string; client_user_id: string; stage: string }[];
  const actions = (
    await pool.query(
      `SELECT id, client_user_id FROM actions WHERE agency_id = $1 AND client_user_id = ANY($2::uuid[]) AND status = 'OPEN'`,
      [agency.agencyId, ids],
    )
  ).rows as { id: string; client_user_id: string }[];
  const writers = picked.map((writer) => ({
    ...writer,
    email: emails.get(writer.clientUserId) as string,
    applicationIds: applications.filter((row) => row.client_user_id === writer.clientUserId).map((row) => row.id),
    openActionIds: actions.filter((row) => row.client_user_id === writer.clientUserId).map((row) => row.id),
    stages: new Map(
      applications.filter((row) => row.client_user_id === writer.clientUserId).map((row) => [row.id, row.stage]),
    ),
  }));
  // The first writer is the one whose statements are counted: it needs an open action to complete (small scales may draw one without).
  const first = writers.findIndex((writer) => writer.openActionIds.length > 0 && writer.applicationIds.length > 1);
  if (first > 0) writers.unshift(...writers.splice(first, 1));
  return writers;
}

/** A coach whose caseload is exactly the writers: their radar (first 200) shows every writer, for the freshness probe. */
async function probeCoach(
  apiUrl: string,
  pool: Pool,
  agency: BenchAgency,
  adminToken: string,
  writerIds: string[],
): Promise<string> {
  const admin = new GraphqlClient(apiUrl).as(adminToken);
  const email = `probe.${Date.now().toString(36)}@bench.example`;
  await admin.ok(INVITE_MEMBER, { input: { email, role: 'COACH' } });
  const anonymous = new GraphqlClient(apiUrl);
  const accepted = (
    await anonymous.ok(ACCEPT_INVITATION, {
      input: { token: await invitationToken(anonymous, email), name: 'Bench Probe Coach', password: BENCH_PASSWORD },
    })
  )['acceptInvitation'];
  await pool.query(
    `INSERT INTO coach_assignments (agency_id, coach_user_id, client_user_id) SELECT $1, $2, c FROM unnest($3::uuid[]) c ON CONFLICT DO NOTHING`,
    [agency.agencyId, accepted.user.id, writerIds],
  );
  return email;
}

async function main(): Promise<void> {
  const started = process.hrtime.bigint();
  const startedAt = new Date();
  const loadAtStart = loadavg();
  const database = await benchDatabase();
  console.log(`Insights benchmark on ${database.description}`);
  let inProcess: InProcessApi | null = null;
  let api: Awaited<ReturnType<typeof spawnApi>> | null = null;
  const pool = new Pool({ connectionString: database.url, max: 4 });
  // The API connects as the application's role, bound by row-level security, as it does in production.
  const appUrl = urlAsRole(database.url, 'followthrough_app', 'followthrough_app');
  const appPool = new Pool({ connectionString: appUrl, max: 2 });
  let http: TimedClient | null = null;
  let stopInsightsPass: (() => Promise<void>) | null = null;
  try {
    await runAllMigrations(database.url, appUrl);
    inProcess = await InProcessApi.start(appUrl);
    const { agencies, seconds: generationSeconds } = await generateAgencies(inProcess.url, database.url, SHAPE);
    const vacuumStarted = process.hrtime.bigint();
    await pool.query('VACUUM ANALYZE');
    const vacuumSeconds = Number(process.hrtime.bigint() - vacuumStarted) / 1e9;
    // The bulk data went straight to the tables: the rollups are rebuilt, as an operator would after an import.
    const rebuildStarted = process.hrtime.bigint();
    const rebuilt = await inProcess.app.get(ClientRollups).rebuild();
    const rebuildSeconds = Number(process.hrtime.bigint() - rebuildStarted) / 1e9;
    await pool.query('VACUUM ANALYZE insights_client_rollups, insights_scope_weeks, insights_fact_deltas');
    const clientsPerAgency = SHAPE.coachesPerAgency * SHAPE.clientsPerCoach;
    console.log(
      `Generated in ${generationSeconds.toFixed(1)} s; rollups of ${rebuilt} clients rebuilt in ${rebuildSeconds.toFixed(1)} s; VACUUM ANALYZE ${vacuumSeconds.toFixed(1)} s`,
    );

    const [agency] = agencies as [BenchAgency];
    const coach = agency.coaches[0];
    const client = coach.clientIds[0];
    const writerSeeds = await prepareWriters(pool, agency);
    const adminLocal = await login(inProcess.url, agency.admin.email);
    const probeEmail = await probeCoach(
      inProcess.url,
      pool,
      agency,
      adminLocal,
      writerSeeds.map((writer) => writer.clientUserId),
    );

    // Statement counts and the exact statements, from the API in this process.
    const local = {
      admin: new GraphqlClient(inProcess.url).as(adminLocal),
      coach: new GraphqlClient(inProcess.url).as(await login(inProcess.url, coach.email)),
      writer: new GraphqlClient(inProcess.url).as(await login(inProcess.url, writerSeeds[0].email)),
      writerCoach: new GraphqlClient(inProcess.url).as(await login(inProcess.url, writerSeeds[0].coachEmail)),
    };
    const counting = inProcess;
    const captured = async (run: () => Promise<unknown>) => {
      await run(); // warm
      return counting.capture(run);
    };
    const radarCoach = await captured(() => local.coach.ok(RADAR, { first: 50 }));
    const radarAdmin = await captured(() => local.admin.ok(RADAR, { first: 50 }));
    const scorecard = await captured(() => local.coach.ok(SCORECARD, { id: client }));
    const dashboardAdmin = await captured(() => local.admin.ok(DASHBOARD));
    const dashboardCoach = await captured(() => local.coach.ok(DASHBOARD));
    const [seed] = writerSeeds;
    const logged = await counting.capture(() =>
      local.writer.ok(LOG_FOLLOW_UP, {
        input: {
          applicationId: seed.applicationIds[0],
          channel: 'PHONE',
          purpose: 'STATUS_CHECK',
          outcome: 'NO_ANSWER',
        },
      }),
    );
    const staged = await counting.capture(() =>
      local.writer.ok(UPDATE_STAGE, {
        // Another open application of the writer's, not at SCREENING already (the generated stages are random).
        input: {
          applicationId: seed.applicationIds.find((id, i) => i > 0 && seed.stages.get(id) !== 'SCREENING'),
          stage: 'SCREENING',
        },
      }),
    );
    let ventId = '';
    const vented = await counting.capture(
      async () =>
        (ventId = (await local.writer.ok(CREATE_VENT, { input: { text: 'Counting statements', mood: 3 } }))[
          'createVent'
        ].id),
    );
    const sharedVent = await counting.capture(() => local.writer.ok(SHARE_VENT, { input: { ventId, shared: true } }));
    const completed = await counting.capture(() =>
      local.writerCoach.ok(COMPLETE_ACTION, { id: seed.openActionIds.shift() }),
    );
    const statementChecks = [
      { label: 'followUpRadar(first: 50), coach', clients: SHAPE.clientsPerCoach, statements: radarCoach.count },
      {
        label: 'followUpRadar(first: 50), admin (whole agency)',
        clients: clientsPerAgency,
        statements: radarAdmin.count,
      },
      { label: 'clientScorecard, coach', clients: 1, statements: scorecard.count },
      {
        label: 'agencyDashboard, coach (own caseload)',
        clients: SHAPE.clientsPerCoach,
        statements: dashboardCoach.count,
      },
      { label: 'agencyDashboard, admin', clients: clientsPerAgency, statements: dashboardAdmin.count },
      { label: 'logFollowUp (unanswered call: a retry step and its reminders)', clients: 1, statements: logged.count },
      { label: 'updateApplicationStage (to SCREENING: the cadence stops)', clients: 1, statements: staged.count },
      { label: 'createVent', clients: 1, statements: vented.count },
      { label: 'setVentSharing', clients: 1, statements: sharedVent.count },
      { label: 'completeAction (coach)', clients: 1, statements: completed.count },
    ];
    await inProcess.close();
    inProcess = null;

    // What row-level security costs the same statements (owner without policies vs the application's role).
    const writeStatement: CapturedStatement = {
      text: `UPDATE applications SET updated_at = updated_at WHERE agency_id = $1 AND id = $2`,
      values: [agency.agencyId, seed.applicationIds[2]],
    };
    const rlsCosts: RlsCost[] = [];
    for (const [name, statements, iterations] of [
      ['followUpRadar(first: 50), coach', radarCoach.statements, 200],
      ['clientScorecard, coach', scorecard.statements, 200],
      ['agencyDashboard, admin', dashboardAdmin.statements, 40],
      ['one indexed UPDATE of an application (a write)', [writeStatement], 400],
    ] as const) {
      rlsCosts.push(await rlsCost(pool, appPool, agency.agencyId, name, [...statements], iterations));
    }
    console.log('\nRow-level security, the statements of one request:\n' + rlsCostTable(rlsCosts));

    // The worker's scheduled insights pass, every second as INSIGHTS_REFRESH_EVERY_MS defaults to; only from
    // here on, since SqlStatementCounter counts every statement of this process and the counts are taken above.
    stopInsightsPass = await startInsightsPass(1000);
    api = await spawnApi(appUrl);
    const idleRss = rssMb(api.child.pid as number);
    const tokens = {
      admin: await login(api.url, agency.admin.email),
      coach: await login(api.url, coach.email),
      probe: await login(api.url, probeEmail),
    };
    const coachTokens = new Map<string, string>();
    const writers: Writer[] = [];
    for (const writer of writerSeeds) {
      if (!coachTokens.has(writer.coachEmail))
        coachTokens.set(writer.coachEmail, await login(api.url, writer.coachEmail));
      writers.push({
        clientUserId: writer.clientUserId,
        token: await login(api.url, writer.email),
        coachToken: coachTokens.get(writer.coachEmail) as string,
        applicationIds: writer.applicationIds,
        openActionIds: writer.openActionIds,
        stages: writer.stages,
      });
    }
    const reads: ReadEntry[] = [
      {
        name: 'followUpRadar first 50',
        caller: `coach, ${SHAPE.clientsPerCoach} clients`,
        call: { url: api.url, token: tokens.coach, query: RADAR, variables: { first: 50 } },
        statements: radarCoach,
        parallelTail: 0,
      },
      {
        name: 'clientScorecard',
        caller: 'coach',
        call: { url: api.url, token: tokens.coach, query: SCORECARD, variables: { id: client } },
        statements: scorecard,
        parallelTail: 0,
      },
      {
        name: 'agencyDashboard',
        caller: `admin, ${clientsPerAgency} clients`,
        call: { url: api.url, token: tokens.admin, query: DASHBOARD, variables: {} },
        statements: dashboardAdmin,
        parallelTail: 3,
      },
    ];

    // 1. Reads alone, one query at a time, at 1 and 16 connections, next to their SQL floor.
    const queries: QueryReport[] = [];
    let peak = idleRss;
    for (const entry of reads) {
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
        console.log(
          `  ${entry.name} at ${connections} connection(s): ${result.requestsPerSecond.toFixed(0)} req/s, p50 ${result.p50} ms, p99 ${result.p99} ms`,
        );
      }
      queries.push({ name: entry.name, caller: entry.caller, statements: entry.statements.count, sql, precise, runs });
    }

    // 2. The mix: 16 reader connections (coaches on their radar and a scorecard, the admin on the dashboard) while
    //    writers land 20, then 100 writes a second across the agency.
    http = new TimedClient(api.url);
    const otherCoachToken = coachTokens.get(agency.coaches[1].email) ?? (await login(api.url, agency.coaches[1].email));
    const readerGroups = [
      { name: 'followUpRadar first 50 (coach 1)', call: reads[0].call, connections: 5 },
      { name: 'followUpRadar first 50 (coach 2)', call: { ...reads[0].call, token: otherCoachToken }, connections: 5 },
      { name: 'clientScorecard (coach 1)', call: reads[1].call, connections: 3 },
      { name: 'agencyDashboard (admin)', call: reads[2].call, connections: 3 },
    ];
    const mixes: MixReport[] = [];
    for (const rate of [20, 100]) {
      const [readers, writes] = await Promise.all([
        readersTogether(readerGroups, MIX_SECONDS, api.child.pid as number),
        runWriters(http, writers, tokens.probe, rate, MIX_SECONDS),
      ]);
      peak = Math.max(peak, ...readers.map((reader) => reader.peakRssMb));
      mixes.push({ rate, readers, writes });
      console.log(`  mix at ${rate} writes/s (achieved ${writes.achievedRate.toFixed(0)}):`);
      for (const reader of readers)
        console.log(
          `    ${reader.name}: ${reader.requestsPerSecond.toFixed(0)} req/s, p50 ${reader.p50} ms, p99 ${reader.p99} ms`,
        );
      for (const [name, figures] of Object.entries(writes.mutations)) {
        console.log(
          `    ${name}: ${figures.count} writes, p50 ${figures.p50.toFixed(1)} ms, p99 ${figures.p99.toFixed(1)} ms${figures.errors ? `, ${figures.errors} errors` : ''}`,
        );
      }
      console.log(
        `    freshness lag (write answered → seen in the radar): p50 ${writes.freshness.p50.toFixed(1)} ms, p99 ${writes.freshness.p99.toFixed(1)} ms over ${writes.freshness.count} probes`,
      );
    }

    // 3. Writers of one agency side by side: 1, then 16, each logging follow-ups for its own client as fast as answered.
    const one = await writerThroughput(http, writers, 1, DURATION);
    const sixteen = await writerThroughput(http, writers, 16, DURATION);
    console.log(
      `  writers: 1 → ${one.writesPerSecond.toFixed(0)} writes/s (p50 ${one.p50.toFixed(1)} ms); 16 → ${sixteen.writesPerSecond.toFixed(0)} writes/s (p50 ${sixteen.p50.toFixed(1)} ms)`,
    );

    const radar = queries[0];
    const dashboard = queries[2];
    const constant = radarCoach.count === radarAdmin.count && dashboardCoach.count === dashboardAdmin.count;
    const radarAt = (rate: number) => {
      const mix = mixes.find((entry) => entry.rate === rate) as MixReport;
      // NaN (a reader group that completed nothing) makes the goal unmet.
      return Math.max(
        ...mix.readers.filter((reader) => reader.name.startsWith('followUpRadar')).map((reader) => reader.p99),
      );
    };
    const logAt = (rate: number) =>
      (mixes.find((entry) => entry.rate === rate) as MixReport).writes.mutations.logFollowUp;
    const worstLag = Math.max(...mixes.map((mix) => mix.writes.freshness.p99));
    const figures: ScaleFigures = {
      scale: SCALE,
      reads: Object.fromEntries(
        queries.map((query) => [query.name, { p50: query.runs[1].p50, p99: query.runs[1].p99 }]),
      ),
      writes: Object.fromEntries(
        mixes.flatMap((mix) =>
          Object.entries(mix.writes.mutations).map(([name, value]) => [
            `${name} at ${mix.rate}/s`,
            { p50: value.p50, p99: value.p99 },
          ]),
        ),
      ),
    };
    const other = loadOtherScale(RESULTS, SCALE);
    const report: BenchReport = {
      startedAt,
      environment: [
        `${cpus().length} CPU cores (${cpus()[0]?.model ?? 'unknown'}), ${(totalmem() / 2 ** 30).toFixed(0)} GB RAM, Node ${process.version}; load average (1 / 5 / 15 min) at the start ${loadAtStart
          .map((value) => value.toFixed(1))
          .join(' / ')}, at the end ${loadavg()
          .map((value) => value.toFixed(1))
          .join(' / ')} (a shared machine: other work competes for the cores)`,
        `PostgreSQL: ${database.description}`,
        `API: apps/api in its own process (NODE_ENV=production); the worker's insights pass (due rollups, dashboard deltas folded) every second in the benchmark process during the timed runs; autocannon and the writers in the benchmark process; ${DURATION} s per read run, ${MIX_SECONDS} s per mixed run`,
      ],
      data: [
        `${SHAPE.agencies} agencies × ${SHAPE.coachesPerAgency} coaches × ${SHAPE.clientsPerCoach} clients (BENCH_SCALE=${SCALE}); per client 20 applications, 60 follow-ups, 5 vents with their actions, cadence steps and step reminders`,
        `generation (bulk INSERT … SELECT, ${SHAPE.batchSize} clients per batch): ${generationSeconds.toFixed(1)} s; insights rollups rebuilt for ${rebuilt.toLocaleString('en')} clients: ${rebuildSeconds.toFixed(1)} s; VACUUM ANALYZE: ${vacuumSeconds.toFixed(1)} s`,
        ...(await counts(database.description, pool)),
      ],
      statementChecks,
      queries,
      mixes,
      writers: { one, sixteen },
      apiRss: { idleMb: idleRss, peakMb: peak },
      rlsCosts,
      figures,
      other,
      goals: [
        {
          goal: 'SQL statements per request constant in the number of clients',
          result: statementChecks
            .slice(0, 5)
            .map((check) => `${check.statements} (${check.clients.toLocaleString('en')} clients)`)
            .join(', '),
          met: constant,
        },
        { goal: 'logFollowUp ≤ 12 statements', result: `${logged.count}`, met: logged.count <= 12 },
        {
          goal: 'radar p99 ≤ 25 ms at 16 connections while 20 writes/s land',
          result: `${radarAt(20)} ms`,
          met: radarAt(20) <= 25,
        },
        {
          goal: 'radar p99 ≤ 50 ms at 16 connections while 100 writes/s land',
          result: `${radarAt(100)} ms`,
          met: radarAt(100) <= 50,
        },
        {
          goal: `agencyDashboard p99 ≤ 50 ms at 16 connections (${clientsPerAgency.toLocaleString('en')} clients)`,
          result: `${dashboard.runs[1].p99} ms`,
          met: dashboard.runs[1].p99 <= 50,
        },
        ...[20, 100].map((rate) => ({
          goal: `logFollowUp p50 ≤ 10 ms and p99 ≤ 40 ms under the mix at ${rate} writes/s`,
          result: `p50 ${logAt(rate).p50.toFixed(1)} ms, p99 ${logAt(rate).p99.toFixed(1)} ms`,
          met: logAt(rate).p50 <= 10 && logAt(rate).p99 <= 40,
        })),
        {
          goal: '16 concurrent writers in one agency ≥ 8 × the throughput of one',
          result: `${sixteen.writesPerSecond.toFixed(0)} vs ${one.writesPerSecond.toFixed(0)} writes/s (${(sixteen.writesPerSecond / one.writesPerSecond).toFixed(1)} ×)`,
          met: sixteen.writesPerSecond >= 8 * one.writesPerSecond,
        },
        {
          goal: 'freshness lag p99 ≤ 2 s',
          result: `${worstLag.toFixed(1)} ms (worst of the two rates)`,
          met: worstLag <= 2000,
        },
        {
          goal: 'radar API p50 ≤ 2 × its SQL floor',
          result: `${radar.precise.p50.toFixed(2)} ms vs SQL ${radar.sql.p50.toFixed(2)} ms (${(radar.precise.p50 / radar.sql.p50).toFixed(1)} ×)`,
          met: radar.precise.p50 <= 2 * radar.sql.p50,
        },
        ...scaleGoals(figures, other),
      ],
      seconds: Number(process.hrtime.bigint() - started) / 1e9,
    };
    console.log('\nReads alone:\n' + resultsTable(report));
    console.log('\nThe mix:\n' + mixTable(report));
    console.log(`\nAPI RSS: ${idleRss.toFixed(0)} MB after start-up, ${peak.toFixed(0)} MB peak`);
    for (const goal of report.goals) console.log(`${goal.met ? 'MET    ' : 'NOT MET'}  ${goal.goal}: ${goal.result}`);
    mkdirSync(RESULTS, { recursive: true });
    writeFileSync(join(RESULTS, `scale-${SCALE}.md`), markdown(report));
    writeFileSync(join(RESULTS, `scale-${SCALE}.json`), JSON.stringify(figures, null, 2) + '\n');
    writeFileSync(join(RESULTS, 'latest.md'), latestOfEachScale());
    console.log(
      `\nWrote bench/results/latest.md (the latest run of each scale), scale-${SCALE}.md and scale-${SCALE}.json (${report.seconds.toFixed(0)} s in all)`,
    );
  } finally {
    await stopInsightsPass?.().catch(() => undefined);
    http?.close();
    await api?.stop();
    await inProcess?.close().catch(() => undefined);
    await pool.end();
    await appPool.end();
    await database.close();
  }
}

/** bench/results/latest.md: the latest report of each scale run (scale-<n>.md), smallest scale first. */
function latestOfEachScale(): string {
  const reports = readdirSync(RESULTS)
    .map((name) => /^scale-([\d.]+)\.md$/.exec(name))
    .filter((match): match is RegExpExecArray => match !== null)
    .sort((a, b) => Number(a[1]) - Number(b[1]))
    .map((match) => join(RESULTS, match[0]))
    .filter((path) => existsSync(path))
    .map((path) => readFileSync(path, 'utf8').trimEnd());
  return reports.join('\n\n---\n\n') + '\n';
}

main()
  .then(() => process.exit(0))
  .catch((error: Error) => {
    console.error(error);
    process.exit(1);
  });

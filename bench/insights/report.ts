import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { LoadResult } from './measure';
import { Latencies, WriteReport } from './mixed-load';
import { RlsCost, rlsCostTable } from './rls-cost';

export interface QueryReport {
  name: string;
  caller: string;
  statements: number;
  sql: { p50: number; p99: number };
  precise: { p50: number; p99: number };
  runs: LoadResult[];
}

export interface MixReport {
  rate: number;
  readers: (LoadResult & { name: string })[];
  writes: WriteReport;
}

/** The figures a run at another BENCH_SCALE is compared with (16-connection reads, mixed-load writes). */
export interface ScaleFigures {
  scale: number;
  reads: Record<string, { p50: number; p99: number }>;
  writes: Record<string, { p50: number; p99: number }>;
}

export interface BenchReport {
  startedAt: Date;
  environment: string[];
  data: string[];
  statementChecks: { label: string; clients: number; statements: number }[];
  /** Each read alone, at 1 and 16 connections. */
  queries: QueryReport[];
  /** 16 reader connections while writers land a steady rate. */
  mixes: MixReport[];
  writers: { one: WriterRun; sixteen: WriterRun };
  apiRss: { idleMb: number; peakMb: number };
  /** Row-level security: one request's statements with and without the policies. */
  rlsCosts: RlsCost[];
  figures: ScaleFigures;
  other: ScaleFigures | null;
  goals: { goal: string; result: string; met: boolean }[];
  seconds: number;
}

interface WriterRun {
  writesPerSecond: number;
  p50: number;
  p99: number;
  errors: number;
}

const ms = (value: number) => (Number.isNaN(value) ? '–' : value.toFixed(value < 10 ? 2 : 1));

export function resultsTable(report: BenchReport): string {
  const lines = [
    '| query (caller) | conn | req/s | p50 ms | p99 ms | SQL floor p50 / p99 ms | API p50 precise ms | API ÷ SQL (p50) | SQL statements / request | API peak RSS MB |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
  ];
  for (const query of report.queries) {
    for (const run of query.runs) {
      const first = run.connections === 1;
      lines.push(
        `| ${query.name} (${query.caller}) | ${run.connections} | ${run.requestsPerSecond.toFixed(0)} | ${run.p50} | ${run.p99} | ` +
          `${first ? `${ms(query.sql.p50)} / ${ms(query.sql.p99)}` : ''} | ${first ? ms(query.precise.p50) : ''} | ` +
          `${first ? (query.precise.p50 / query.sql.p50).toFixed(2) : ''} | ${first ? query.statements : ''} | ${run.peakRssMb.toFixed(0)} |` +
          (run.errors ? ` errors: ${run.errors}` : ''),
      );
    }
  }
  return lines.join('\n');
}

export function mixTable(report: BenchReport): string {
  const lines = [
    '| writes/s (achieved) | request | conn / count | req/s | p50 ms | p99 ms | errors |',
    '|---|---|---:|---:|---:|---:|---:|',
  ];
  for (const mix of report.mixes) {
    const rate = `${mix.rate} (${mix.writes.achievedRate.toFixed(0)})`;
    for (const reader of mix.readers) {
      lines.push(
        `| ${rate} | ${reader.name} | ${reader.connections} | ${reader.requestsPerSecond.toFixed(0)} | ${reader.p50} | ${reader.p99} | ${reader.errors} |`,
      );
    }
    for (const [name, figures] of Object.entries(mix.writes.mutations) as [string, Latencies][]) {
      lines.push(
        `| ${rate} | ${name} | ${figures.count} | | ${ms(figures.p50)} | ${ms(figures.p99)} | ${figures.errors} |`,
      );
    }
    const lag = mix.writes.freshness;
    lines.push(
      `| ${rate} | freshness lag (follow-up answered → seen in the radar) | ${lag.count} | | ${ms(lag.p50)} | ${ms(lag.p99)} | ${lag.errors} |`,
    );
  }
  return lines.join('\n');
}

/** The figures of the latest run at another scale, if one was kept. */
export function loadOtherScale(resultsDir: string, scale: number): ScaleFigures | null {
  if (!existsSync(resultsDir)) return null;
  const others = readdirSync(resultsDir)
    .filter((name) => /^scale-[\d.]+\.json$/.test(name))
    .map((name) => JSON.parse(readFileSync(join(resultsDir, name), 'utf8')) as ScaleFigures)
    .filter((figures) => figures.scale !== scale);
  // Compare the larger scale with the smaller one: prefer scale 1 as the base.
  return others.find((figures) => figures.scale === 1) ?? others[0] ?? null;
}

/** Every read and write figure of the larger scale within 1.5 × the smaller scale's. */
export function scaleGoals(
  current: ScaleFigures,
  other: ScaleFigures | null,
): { goal: string; result: string; met: boolean }[] {
  if (!other)
    return [
      {
        goal: 'every figure at BENCH_SCALE=4 within 1.5 × BENCH_SCALE=1',
        result: 'no run at another scale kept in bench/results',
        met: false,
      },
    ];
  const [small, large] = current.scale < other.scale ? [current, other] : [other, current];
  const pairs: string[] = [];
  let met = true;
  for (const kind of ['reads', 'writes'] as const) {
    for (const [name, figures] of Object.entries(large[kind])) {
      const base = small[kind][name];
      if (!base) continue;
      for (const p of ['p50', 'p99'] as const) {
        const ratio = figures[p] / Math.max(base[p], 1);
        if (ratio > 1.5) met = false;
        pairs.push(`${name} ${p} ${ms(base[p])} → ${ms(figures[p])} (${ratio.toFixed(2)} ×)`);
      }
    }
  }
  return [
    {
      goal: `every read and write figure at BENCH_SCALE=${large.scale} within 1.5 × BENCH_SCALE=${small.scale} (whole-ms floors of 1 ms)`,
      result: pairs.join('; '),
      met,
    },
  ];
}

export function markdown(report: BenchReport): string {
  const { one, sixteen } = report.writers;
  return [
    `# Insights benchmark (\`npm run bench\`, BENCH_SCALE=${report.figures.scale})`,
    '',
    `Run ${report.startedAt.toISOString()}, ${report.seconds.toFixed(0)} s in all.`,
    '',
    ...report.environment.map((line) => `- ${line}`),
    '',
    '## Data',
    '',
    ...report.data.map((line) => `- ${line}`),
    '',
    '## Reads alone',
    '',
    'autocannon reports whole milliseconds; "API p50 precise" is sequential requests on one keep-alive connection timed with hrtime, ' +
      'and "SQL floor" replays the very statements of one request (captured from the API) straight to PostgreSQL, one request at a time. ' +
      'The radar reads one page of the per-client rollups (libs/server/insights README, "Read model").',
    '',
    resultsTable(report),
    '',
    '## Reads while writers write',
    '',
    '16 reader connections — two coaches on their radar (5 each), one coach on a scorecard (3), the admin on the dashboard (3) — while writers ' +
      'land a steady rate across 32 clients of the same agency (open loop: follow-ups, stage changes, vents created and shared, coaches completing ' +
      "actions, in turn). Every fourth follow-up is probed: the time from its mutation's answer until a radar read shows it.",
    '',
    mixTable(report),
    '',
    `Writers of one agency, each logging follow-ups for its own client as fast as they are answered: 1 writer ${one.writesPerSecond.toFixed(0)} writes/s ` +
      `(p50 ${ms(one.p50)} ms, p99 ${ms(one.p99)} ms); 16 writers ${sixteen.writesPerSecond.toFixed(0)} writes/s (p50 ${ms(sixteen.p50)} ms, p99 ${ms(sixteen.p99)} ms), ` +
      `${(sixteen.writesPerSecond / one.writesPerSecond).toFixed(1)} ×.`,
    '',
    `API memory: ${report.apiRss.idleMb.toFixed(0)} MB RSS after start-up, ${report.apiRss.peakMb.toFixed(0)} MB at its peak under load.`,
    '',
    '## What row-level security costs',
    '',
    'The API connects as a role bound by row-level security and wraps its statements in a transaction that sets the tenant ' +
      '(BEGIN with the settings, the statements, COMMIT). The very statements of one request, replayed one request at a time: as the ' +
      'owner with no transaction (a superuser here, so no policy applies: the baseline), as the owner inside the same transaction ' +
      '(the added round trips alone), and as the application role with the policies applying (what the API pays).',
    '',
    rlsCostTable(report.rlsCosts),
    '',
    '## SQL statements per request (SqlStatementCounter, one request at a time, the session check included)',
    '',
    '| request | clients in scope | statements |',
    '|---|---:|---:|',
    ...report.statementChecks.map(
      (check) => `| ${check.label} | ${check.clients.toLocaleString('en')} | ${check.statements} |`,
    ),
    '',
    '## Goals',
    '',
    '| goal | measured | met |',
    '|---|---|---|',
    ...report.goals.map((goal) => `| ${goal.goal} | ${goal.result} | ${goal.met ? 'yes' : 'no'} |`),
    '',
  ].join('\n');
}

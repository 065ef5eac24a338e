import { LoadResult } from './measure';

export interface QueryReport {
  name: string;
  caller: string;
  statements: number;
  sql: { p50: number; p99: number };
  precise: { p50: number; p99: number };
  runs: LoadResult[];
}

export interface BenchReport {
  startedAt: Date;
  environment: string[];
  data: string[];
  statementChecks: { label: string; clients: number; statements: number }[];
  /** The main table: the radar served from its snapshot, the scorecard, the dashboard. */
  queries: QueryReport[];
  /** The radar recomputed on every request (INSIGHTS_RADAR_MAX_AGE_SECONDS=0), by an API process of its own. */
  cold: QueryReport;
  apiRss: { idleMb: number; peakMb: number };
  goals: { goal: string; result: string; met: boolean }[];
  seconds: number;
}

const ms = (value: number) => value.toFixed(value < 10 ? 2 : 1);

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

/** Why the radar's 16-connection result is what it is: Little's law (its goal is the one about load). */
export function loadNotes(report: BenchReport): string[] {
  return report.queries.slice(0, 1).map((query, i) => {
    const busy = query.runs.find((run) => run.connections === 16);
    if (!busy || busy.requestsPerSecond <= 0) return `${query.name}: no 16-connection run`;
    const wait = 16_000 / busy.requestsPerSecond;
    return (
      `${query.name}: 16 connections complete ${busy.requestsPerSecond.toFixed(0)} req/s, so each request spends about ` +
      `16 ÷ ${busy.requestsPerSecond.toFixed(0)} = ${wait.toFixed(0)} ms in the system (Little's law; measured p50 ${busy.p50} ms): ` +
      `the machine's two cores are saturated at about ${(2000 / busy.requestsPerSecond).toFixed(1)} ms of CPU per request (API and PostgreSQL together).` +
      (i === 0 ? ' A p99 of 50 ms at 16 connections needs well over 320 req/s, i.e. under about 6 ms of CPU per request.' : '') +
      ` Of one sequential request's ${ms(query.precise.p50)} ms, the SQL (the snapshot page) is ${ms(query.sql.p50)} ms; the rest is the ` +
      'API\'s own work (HTTP, token, GraphQL execution and serialization of 50 rows with their reasons and headlines), and ' +
      'autocannon shares the same two cores.'
    );
  });
}

export function markdown(report: BenchReport): string {
  return [
    '# Insights benchmark (`npm run bench`)',
    '',
    `Run ${report.startedAt.toISOString()}, ${report.seconds.toFixed(0)} s in all.`,
    '',
    ...report.environment.map((line) => `- ${line}`),
    '',
    '## Data',
    '',
    ...report.data.map((line) => `- ${line}`),
    '',
    '## Results',
    '',
    'autocannon reports whole milliseconds; "API p50 precise" is 200 sequential requests on one keep-alive connection timed with hrtime, ' +
      'and "SQL floor" replays the very statements of one request (captured from the API) straight to PostgreSQL, one request at a time.',
    '',
    '### Served: the radar from its snapshot (default max age, 60 s)',
    '',
    'The radar reads a page of its scope\'s materialized snapshot (one statement) while the snapshot is younger than ' +
      'INSIGHTS_RADAR_MAX_AGE_SECONDS and at the agency\'s current data version; once the max age passes, the next request ' +
      'recomputes it (at most one request per scope and minute pays the cold cost below; each load run lasts a few seconds).',
    '',
    resultsTable(report),
    '',
    '### Cold: the radar recomputed on every request (INSIGHTS_RADAR_MAX_AGE_SECONDS=0)',
    '',
    'What a request costs when the snapshot is stale (a pipeline change in the agency, or older than the max age): the ' +
      'whole caseload ranked with headlines and written as the scope\'s rows (INSERT … SELECT under an advisory lock), then ' +
      'the page read. Its SQL floor replays those statements, transaction included, on one connection. Recomputes of one ' +
      'scope are serialized by the lock, so at 16 connections they queue.',
    '',
    resultsTable({ ...report, queries: [report.cold] }),
    '',
    `API memory: ${report.apiRss.idleMb.toFixed(0)} MB RSS after start-up, ${report.apiRss.peakMb.toFixed(0)} MB at its peak under load.`,
    '',
    '## SQL statements per request (SqlStatementCounter, one request at a time)',
    '',
    '| request | clients in scope | statements |',
    '|---|---:|---:|',
    ...report.statementChecks.map((check) => `| ${check.label} | ${check.clients.toLocaleString('en')} | ${check.statements} |`),
    '',
    '## Goals',
    '',
    '| goal | measured | met |',
    '|---|---|---|',
    ...report.goals.map((goal) => `| ${goal.goal} | ${goal.result} | ${goal.met ? 'yes' : 'no'} |`),
    '',
    '## Reading the 16-connection runs',
    '',
    ...loadNotes(report).map((line) => `- ${line}`),
    '',
    '- The radar is served from a snapshot per scope (a coach\'s caseload, or an admin\'s whole agency): a request reads ' +
      'one keyset page of precomputed rows, whatever the caseload. Freshness bound: a pipeline change (new application, ' +
      'stage change, follow-up, no-reachable-contact mark) bumps the agency\'s data version in its own transaction, so the ' +
      'next radar request recomputes and shows it; anything else (vents and their actions, steps, reminders, time passing) ' +
      'shows within INSIGHTS_RADAR_MAX_AGE_SECONDS (60 s by default). A client unassigned from a coach leaves the coach\'s ' +
      'radar at once (the current client scope filters every read).',
    '',
  ].join('\n');
}

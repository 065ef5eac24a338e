import autocannon from 'autocannon';
import { Agent, request } from 'node:http';
import { readFileSync } from 'node:fs';
import { Pool } from 'pg';
import { CapturedStatement } from './in-process-api';

export interface GraphqlCall {
  url: string;
  token: string;
  query: string;
  variables: Record<string, unknown>;
}

export interface LoadResult {
  connections: number;
  requestsPerSecond: number;
  p50: number;
  p99: number;
  errors: number;
  peakRssMb: number;
}

function body(call: GraphqlCall): string {
  return JSON.stringify({ query: call.query, variables: call.variables });
}

/** The resident memory of a process, in MB (Linux /proc). */
export function rssMb(pid: number): number {
  try {
    const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) / 1024 : 0;
  } catch {
    return 0;
  }
}

/** autocannon against the API for `seconds`, sampling the API process's memory meanwhile. */
export async function load(
  call: GraphqlCall,
  connections: number,
  seconds: number,
  apiPid: number,
): Promise<LoadResult> {
  let peak = rssMb(apiPid);
  const sampler = setInterval(() => (peak = Math.max(peak, rssMb(apiPid))), 200);
  try {
    const result = await autocannon({
      url: `${call.url}/graphql`,
      method: 'POST',
      connections,
      duration: seconds,
      headers: { 'content-type': 'application/json', authorization: `Bearer ${call.token}` },
      body: body(call),
    });
    return {
      connections,
      requestsPerSecond: result.requests.average,
      p50: result.latency.p50,
      p99: result.latency.p99,
      errors: result.errors + result.non2xx + result.timeouts,
      peakRssMb: peak,
    };
  } finally {
    clearInterval(sampler);
  }
}

export function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

/** Sequential requests on one keep-alive connection, timed to the microsecond (autocannon reports whole milliseconds). */
export async function preciseSequential(call: GraphqlCall, iterations: number): Promise<{ p50: number; p99: number }> {
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  const url = new URL(`${call.url}/graphql`);
  const payload = body(call);
  const once = () =>
    new Promise<number>((resolve, reject) => {
      const started = process.hrtime.bigint();
      const req = request(
        {
          agent,
          host: url.hostname,
          port: url.port,
          path: url.pathname,
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            authorization: `Bearer ${call.token}`,
            'content-length': Buffer.byteLength(payload),
          },
        },
        (res) => {
          res.resume();
          res.on('end', () =>
            res.statusCode === 200
              ? resolve(Number(process.hrtime.bigint() - started) / 1e6)
              : reject(new Error(`HTTP ${res.statusCode}`)),
          );
        },
      );
      req.on('error', reject);
      req.end(payload);
    });
  const times: number[] = [];
  try {
    for (let i = 0; i < iterations; i += 1) times.push(await once());
  } finally {
    agent.destroy();
  }
  times.sort((a, b) => a - b);
  return { p50: percentile(times, 50), p99: percentile(times, 99) };
}

/**
 * The floor: the request's own statements sent straight to PostgreSQL, one request at a time, in the
 * same order (the trailing `parallelTail` statements side by side on separate connections, as the API runs them).
 */
export async function sqlFloor(
  pool: Pool,
  statements: CapturedStatement[],
  parallelTail: number,
  iterations: number,
): Promise<{ p50: number; p99: number }> {
  const head = statements.slice(0, statements.length - parallelTail);
  const tail = statements.slice(statements.length - parallelTail);
  const times: number[] = [];
  for (let i = 0; i < iterations; i += 1) {
    const started = process.hrtime.bigint();
    for (const statement of head) await pool.query(statement.text, statement.values);
    await Promise.all(tail.map((statement) => pool.query(statement.text, statement.values)));
    times.push(Number(process.hrtime.bigint() - started) / 1e6);
  }
  times.sort((a, b) => a - b);
  return { p50: percentile(times, 50), p99: percentile(times, 99) };
}

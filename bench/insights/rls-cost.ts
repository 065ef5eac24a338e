import { Pool } from 'pg';
import { CapturedStatement } from './in-process-api';
import { percentile } from './measure';

export interface RlsCost {
  name: string;
  /** The statements as they are, as the owner (a superuser here: no policy applies), no transaction. */
  bare: { p50: number; p99: number };
  /** The same inside BEGIN + the tenant settings … COMMIT, as the owner: the round trips alone. */
  wrapped: { p50: number; p99: number };
  /** As the application's role, in BEGIN + tenant settings … COMMIT, the policies applying: what the API pays. */
  rls: { p50: number; p99: number };
}

function settings(agencyId: string): string {
  return `BEGIN; SELECT set_config('app.agency_id', '${agencyId}', true), set_config('app.user_id', '', true), set_config('app.cross_tenant', '', true)`;
}

/**
 * What row-level security costs one request's statements (captured from the API): the owner without policies
 * and without a transaction (the baseline), the owner with the transaction the API wraps them in, and the
 * application's role with the policies. Runs are interleaved, one iteration of each in turn, so that the
 * machine's load falls on the three alike.
 */
export async function rlsCost(
  owner: Pool,
  app: Pool,
  agencyId: string,
  name: string,
  statements: CapturedStatement[],
  iterations: number,
): Promise<RlsCost> {
  const ownerClient = await owner.connect();
  const appClient = await app.connect();
  try {
    const bareRun = async () => {
      for (const statement of statements) await ownerClient.query(statement.text, statement.values);
    };
    const inTransaction = (client: typeof ownerClient) => async () => {
      await client.query(settings(agencyId));
      for (const statement of statements) await client.query(statement.text, statement.values);
      await client.query('COMMIT');
    };
    // Warm both connections' caches first.
    await bareRun();
    await inTransaction(appClient)();
    const bare: number[] = [];
    const wrapped: number[] = [];
    const rls: number[] = [];
    for (let i = 0; i < iterations; i += 1) {
      for (const [times, run] of [
        [bare, bareRun],
        [wrapped, inTransaction(ownerClient)],
        [rls, inTransaction(appClient)],
      ] as const) {
        const started = process.hrtime.bigint();
        await run();
        times.push(Number(process.hrtime.bigint() - started) / 1e6);
      }
    }
    const summary = (times: number[]) => {
      times.sort((a, b) => a - b);
      return { p50: percentile(times, 50), p99: percentile(times, 99) };
    };
    return { name, bare: summary(bare), wrapped: summary(wrapped), rls: summary(rls) };
  } finally {
    ownerClient.release();
    appClient.release();
  }
}

const ms = (value: number) => value.toFixed(value < 10 ? 3 : 1);

export function rlsCostTable(costs: RlsCost[]): string {
  return [
    '| statements of one request | owner, bare p50 / p99 ms | owner, in the tenant transaction p50 / p99 ms | app role with row-level security p50 / p99 ms | RLS ÷ bare (p50) |',
    '|---|---:|---:|---:|---:|',
    ...costs.map(
      (cost) =>
        `| ${cost.name} | ${ms(cost.bare.p50)} / ${ms(cost.bare.p99)} | ${ms(cost.wrapped.p50)} / ${ms(cost.wrapped.p99)} | ` +
        `${ms(cost.rls.p50)} / ${ms(cost.rls.p99)} | ${(cost.rls.p50 / cost.bare.p50).toFixed(2)} |`,
    ),
  ].join('\n');
}

import autocannon from 'autocannon';
import { Agent, request } from 'node:http';
import { GraphqlCall, LoadResult, rssMb } from './measure';

/** A client who writes during the mixed load: their token, their open applications, their coach's token. */
export interface Writer {
  clientUserId: string;
  token: string;
  coachToken: string;
  applicationIds: string[];
  /** Open actions of this client, completed by the coach one by one. */
  openActionIds: string[];
  /** Each application's stage when the run starts (a stage change must move it). */
  stages: Map<string, string>;
}

export const LOG_FOLLOW_UP = `mutation L($input: LogFollowUpInput!) { logFollowUp(input: $input) { id occurredAt } }`;
export const UPDATE_STAGE = `mutation S($input: UpdateApplicationStageInput!) { updateApplicationStage(input: $input) { id stage } }`;
export const CREATE_VENT = `mutation V($input: CreateVentInput!) { createVent(input: $input) { id } }`;
export const SHARE_VENT = `mutation S($input: SetVentSharingInput!) { setVentSharing(input: $input) { id sharedWithCoach } }`;
export const COMPLETE_ACTION = `mutation D($id: ID!) { completeAction(id: $id) { id status } }`;
const PROBE_RADAR = `query P { followUpRadar(first: 200) { edges { node { clientUserId headline { lastTouchAt } } } } }`;

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

export interface Latencies {
  count: number;
  errors: number;
  p50: number;
  p99: number;
}

function summarize(times: number[], errors: number): Latencies {
  const sorted = [...times].sort((a, b) => a - b);
  return { count: times.length, errors, p50: percentile(sorted, 50), p99: percentile(sorted, 99) };
}

/** GraphQL over keep-alive HTTP, timed with hrtime; throws on an HTTP or GraphQL error. */
export class TimedClient {
  private readonly agent = new Agent({ keepAlive: true, maxSockets: 64 });

  constructor(private readonly url: string) {}

  async call(
    token: string,
    query: string,
    variables: Record<string, unknown>,
  ): Promise<{ ms: number; data: Record<string, unknown> }> {
    const url = new URL(`${this.url}/graphql`);
    const payload = JSON.stringify({ query, variables });
    const started = process.hrtime.bigint();
    const text = await new Promise<string>((resolve, reject) => {
      const req = request(
        {
          agent: this.agent,
          host: url.hostname,
          port: url.port,
          path: url.pathname,
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            authorization: `Bearer ${token}`,
            'content-length': Buffer.byteLength(payload),
          },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () =>
            res.statusCode === 200
              ? resolve(Buffer.concat(chunks).toString('utf8'))
              : reject(new Error(`HTTP ${res.statusCode}`)),
          );
        },
      );
      req.on('error', reject);
      req.end(payload);
    });
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    const body = JSON.parse(text) as { data?: Record<string, unknown>; errors?: { message: string }[] };
    if (body.errors?.length) throw new Error(body.errors[0].message);
    return { ms, data: body.data ?? {} };
  }

  close(): void {
    this.agent.destroy();
  }
}

type MutationName = 'logFollowUp' | 'updateApplicationStage' | 'createVent + setVentSharing' | 'completeAction';

export interface WriteReport {
  rate: number;
  achievedRate: number;
  mutations: Record<MutationName, Latencies>;
  freshness: Latencies;
}

/**
 * Writers at a steady `rate` (writes per second, open loop: a slow write does not slow the schedule) across the
 * given clients: follow-ups, stage changes, vents shared with the coach, coaches completing actions, in turn.
 * Every fourth follow-up is probed: from the moment its mutation answered until a radar read of the probe coach
 * (whose caseload is the writers) shows it — the freshness lag.
 */
export async function runWriters(
  http: TimedClient,
  writers: Writer[],
  probeToken: string,
  rate: number,
  seconds: number,
): Promise<WriteReport> {
  const times: Record<MutationName, number[]> = {
    logFollowUp: [],
    updateApplicationStage: [],
    'createVent + setVentSharing': [],
    completeAction: [],
  };
  const errors: Record<MutationName, number> = {
    logFollowUp: 0,
    updateApplicationStage: 0,
    'createVent + setVentSharing': 0,
    completeAction: 0,
  };
  const lags: number[] = [];
  let lagErrors = 0;
  const stages = new Map<string, string>(writers.flatMap((writer) => [...writer.stages]));
  const inFlight: Promise<void>[] = [];
  let issued = 0;
  const kinds: MutationName[] = [
    'logFollowUp',
    'updateApplicationStage',
    'logFollowUp',
    'createVent + setVentSharing',
    'logFollowUp',
    'completeAction',
  ];

  const probe = async (writer: Writer, occurredAt: string, answeredAt: bigint) => {
    for (let attempt = 0; attempt < 200; attempt += 1) {
      const { data } = await http.call(probeToken, PROBE_RADAR, {});
      const edges = (
        data['followUpRadar'] as {
          edges: { node: { clientUserId: string; headline: { lastTouchAt: string | null } } }[];
        }
      ).edges;
      const row = edges.find((edge) => edge.node.clientUserId === writer.clientUserId);
      if (row?.node.headline.lastTouchAt && row.node.headline.lastTouchAt >= occurredAt) {
        lags.push(Number(process.hrtime.bigint() - answeredAt) / 1e6);
        return;
      }
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    lagErrors += 1;
  };

  const write = async (n: number) => {
    const kind = kinds[n % kinds.length];
    const writer = writers[Math.floor(n / kinds.length) % writers.length];
    try {
      if (kind === 'logFollowUp') {
        const applicationId = writer.applicationIds[n % writer.applicationIds.length];
        const occurredAt = new Date().toISOString();
        const { ms } = await http.call(writer.token, LOG_FOLLOW_UP, {
          input: {
            applicationId,
            channel: n % 2 ? 'PHONE' : 'EMAIL',
            purpose: 'STATUS_CHECK',
            outcome: n % 2 ? 'NO_ANSWER' : null,
            occurredAt,
          },
        });
        const answeredAt = process.hrtime.bigint();
        times.logFollowUp.push(ms);
        if (n % 4 === 0) await probe(writer, occurredAt, answeredAt).catch(() => (lagErrors += 1));
      } else if (kind === 'updateApplicationStage') {
        const applicationId = writer.applicationIds[Math.floor(n / writers.length) % writer.applicationIds.length];
        // Decided when issued, so two stage changes of one application in flight never ask for the same stage.
        const stage = stages.get(applicationId) === 'SCREENING' ? 'INTERVIEWING' : 'SCREENING';
        stages.set(applicationId, stage);
        const { ms } = await http.call(writer.token, UPDATE_STAGE, { input: { applicationId, stage } });
        times.updateApplicationStage.push(ms);
      } else if (kind === 'createVent + setVentSharing') {
        const created = await http.call(writer.token, CREATE_VENT, {
          input: { text: 'Nobody calls back after the second interview', mood: 2 },
        });
        const ventId = (created.data['createVent'] as { id: string }).id;
        const shared = await http.call(writer.token, SHARE_VENT, { input: { ventId, shared: true } });
        times['createVent + setVentSharing'].push(created.ms + shared.ms);
      } else {
        const actionId = writer.openActionIds.shift();
        if (!actionId) return;
        const { ms } = await http.call(writer.coachToken, COMPLETE_ACTION, { id: actionId });
        times.completeAction.push(ms);
      }
    } catch {
      errors[kind] += 1;
    }
  };

  const started = Date.now();
  const end = started + seconds * 1000;
  while (Date.now() < end) {
    const due = Math.floor(((Date.now() - started) / 1000) * rate);
    while (issued < due) inFlight.push(write(issued++));
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
  const elapsed = (Date.now() - started) / 1000;
  await Promise.all(inFlight);
  const mutations = Object.fromEntries(
    Object.entries(times).map(([name, list]) => [name, summarize(list, errors[name as MutationName])]),
  ) as Record<MutationName, Latencies>;
  return { rate, achievedRate: issued / elapsed, mutations, freshness: summarize(lags, lagErrors) };
}

/** Several autocannon runs side by side (e.g. 10 connections on the radar, 3 on scorecards, 3 on the dashboard). */
export async function readersTogether(
  groups: { name: string; call: GraphqlCall; connections: number }[],
  seconds: number,
  apiPid: number,
) {
  let peak = rssMb(apiPid);
  const sampler = setInterval(() => (peak = Math.max(peak, rssMb(apiPid))), 200);
  try {
    const results = await Promise.all(
      groups.map((group) =>
        autocannon({
          url: `${group.call.url}/graphql`,
          method: 'POST',
          connections: group.connections,
          duration: seconds,
          headers: { 'content-type': 'application/json', authorization: `Bearer ${group.call.token}` },
          body: JSON.stringify({ query: group.call.query, variables: group.call.variables }),
        }),
      ),
    );
    // A group that completed nothing has no latency to report (not 0 ms).
    const answered = (i: number) => results[i].requests.total - results[i].non2xx > 0;
    return groups.map((group, i): LoadResult & { name: string } => ({
      name: group.name,
      connections: group.connections,
      requestsPerSecond: results[i].requests.average,
      p50: answered(i) ? results[i].latency.p50 : NaN,
      p99: answered(i) ? results[i].latency.p99 : NaN,
      errors: results[i].errors + results[i].non2xx + results[i].timeouts,
      peakRssMb: peak,
    }));
  } finally {
    clearInterval(sampler);
  }
}

/** Closed loop: `concurrency` writers, each logging follow-ups for its own client as fast as answers come, for `seconds`. */
export async function writerThroughput(
  http: TimedClient,
  writers: Writer[],
  concurrency: number,
  seconds: number,
): Promise<{ writesPerSecond: number; p50: number; p99: number; errors: number }> {
  const times: number[] = [];
  let errors = 0;
  const end = Date.now() + seconds * 1000;
  const started = Date.now();
  await Promise.all(
    writers.slice(0, concurrency).map(async (writer, w) => {
      let n = 0;
      while (Date.now() < end) {
        try {
          const { ms } = await http.call(writer.token, LOG_FOLLOW_UP, {
            input: {
              applicationId: writer.applicationIds[(n + w) % writer.applicationIds.length],
              channel: 'EMAIL',
              purpose: 'STATUS_CHECK',
            },
          });
          times.push(ms);
        } catch {
          errors += 1;
        }
        n += 1;
      }
    }),
  );
  const summary = summarize(times, errors);
  return {
    writesPerSecond: times.length / ((Date.now() - started) / 1000),
    p50: summary.p50,
    p99: summary.p99,
    errors,
  };
}

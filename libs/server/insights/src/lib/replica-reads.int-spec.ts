import { execFile } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { Client } from 'pg';
import { IdentityModule } from '@followthrough/server-identity';
import { PipelineModule } from '@followthrough/server-pipeline';
import {
  AgencyFixture,
  asAppRole,
  cloneReplica,
  createAgencyFixture,
  eventually,
  GraphqlClient,
  initPrimary,
  serverDirectory,
  startServer,
  startTestApi,
  stopServer,
  TestApi,
} from '@followthrough/server-testing';
import { InsightsModule } from './insights.module';

const REPO_ROOT = resolve(__dirname, '../../../../..');
const CREATE_APPLICATION = `mutation C($input: CreateApplicationInput!) { createApplication(input: $input) { id } }`;
const SCORECARD = `query S($id: ID!) { clientScorecard(clientUserId: $id) { applications } }`;

function freePort(): Promise<number> {
  return new Promise((done) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => done(port));
    });
  });
}

async function sql(url: string, text: string): Promise<unknown[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(text)).rows;
  } finally {
    await client.end();
  }
}

interface Health {
  replica?: { lagSeconds: number | null; serving: 'replica' | 'primary' };
}

// Insights' scorecard, dashboard and exports read from a streaming replica (own PostgreSQL servers from the
// machine's binaries), and go back to the primary while its lag passes REPLICA_MAX_LAG_SECONDS.
describe('insights reads on a streaming replica', () => {
  const root = mkdtempSync(join(tmpdir(), 'ft-replica-'));
  chmodSync(root, 0o755); // the server user must reach its data directories
  const dirs = { primary: join(root, 'primary'), replica: join(root, 'replica'), logs: join(root, 'logs') };
  let primaryUrl: string;
  let replicaUrl: string;
  let strict: TestApi;
  let tolerant: TestApi;
  let agency: AgencyFixture;

  const health = async (api: TestApi): Promise<Health> => (await fetch(`${api.url}/health`)).json() as Promise<Health>;
  const applications = async (api: TestApi): Promise<number> => {
    const client = agency.clients[0];
    return (await new GraphqlClient(api.url, client.token).ok(SCORECARD, { id: client.userId }))['clientScorecard']
      .applications;
  };

  beforeAll(async () => {
    const [primaryPort, replicaPort] = [await freePort(), await freePort()];
    serverDirectory(dirs.logs);
    await initPrimary(dirs.primary, primaryPort);
    await startServer(dirs.primary, join(dirs.logs, 'primary.log'));
    await sql(`postgres://postgres@127.0.0.1:${primaryPort}/postgres`, 'CREATE DATABASE followthrough');
    primaryUrl = `postgres://postgres@127.0.0.1:${primaryPort}/followthrough`;
    await promisify(execFile)(process.execPath, ['-r', '@swc-node/register', 'tools/db/migrate.ts'], {
      cwd: REPO_ROOT,
      env: { ...process.env, DATABASE_OWNER_URL: primaryUrl, DATABASE_URL: asAppRole(primaryUrl) },
    });
    await cloneReplica(primaryPort, dirs.replica, replicaPort, 'test_replica');
    await startServer(dirs.replica, join(dirs.logs, 'replica.log'));
    replicaUrl = `postgres://postgres@127.0.0.1:${replicaPort}/followthrough`;

    const modules = [IdentityModule, PipelineModule, InsightsModule];
    strict = await startTestApi(modules, {
      DATABASE_URL: asAppRole(primaryUrl),
      DATABASE_REPLICA_URL: asAppRole(replicaUrl),
      REPLICA_MAX_LAG_SECONDS: '1',
    });
    tolerant = await startTestApi(modules, {
      DATABASE_URL: asAppRole(primaryUrl),
      DATABASE_REPLICA_URL: asAppRole(replicaUrl),
      REPLICA_MAX_LAG_SECONDS: '3600',
    });
    agency = await createAgencyFixture(strict.client, 'Replica Careers', 1, 1);
  }, 120_000);

  afterAll(async () => {
    await strict?.close();
    await tolerant?.close();
    await stopServer(dirs.replica, 'immediate');
    await stopServer(dirs.primary, 'immediate');
    rmSync(root, { recursive: true, force: true });
  });

  it('reports the lag in /health and reads from the replica while it keeps up', async () => {
    const caughtUp = await eventually(
      'the replica to catch up',
      () => health(strict),
      (report) => report.replica?.lagSeconds === 0,
    );
    expect(caughtUp.replica).toEqual({ lagSeconds: 0, serving: 'replica' });
    const client = agency.clients[0];
    await client.client.ok(CREATE_APPLICATION, {
      input: { companyName: 'Acme', title: 'Analyst', appliedAt: new Date().toISOString() },
    });
    await eventually(
      'the application on the replica',
      () => applications(strict),
      (count) => count === 1,
    );
  });

  it('goes back to the primary once the replica lags more than the setting, and returns when it catches up', async () => {
    await sql(replicaUrl, 'SELECT pg_wal_replay_pause()');
    const client = agency.clients[0];
    await client.client.ok(CREATE_APPLICATION, {
      input: { companyName: 'Globex', title: 'Engineer', appliedAt: new Date().toISOString() },
    });

    const lagging = await eventually(
      'the lag to pass 1 s',
      () => health(strict),
      (report) => (report.replica?.lagSeconds ?? 0) > 1.2,
      15_000,
    );
    expect(lagging.replica?.serving).toBe('primary');
    // The strict API answers from the primary; the tolerant one still reads the replica, which has not replayed it.
    expect(await applications(strict)).toBe(2);
    expect(await applications(tolerant)).toBe(1);
    expect((await health(tolerant)).replica?.serving).toBe('replica');

    await sql(replicaUrl, 'SELECT pg_wal_replay_resume()');
    await eventually(
      'the replica to serve again',
      () => health(strict),
      (report) => report.replica?.serving === 'replica',
    );
    expect(await applications(tolerant)).toBe(2);
  }, 60_000);

  it('falls back to the primary when the replica is down, without failing /health', async () => {
    await stopServer(dirs.replica, 'immediate');
    const report = await eventually(
      'the replica to be reported down',
      () => health(strict),
      (current) => current.replica?.lagSeconds === null,
    );
    expect(report).toEqual(
      expect.objectContaining({ status: 'ok', replica: { lagSeconds: null, serving: 'primary' } }),
    );
    expect(await applications(tolerant)).toBe(2);
  }, 60_000);
});

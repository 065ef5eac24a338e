import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { SqlStatementCounter } from '@followthrough/server-core';
import { IdentityModule } from '@followthrough/server-identity';
import { InsightsModule } from '@followthrough/server-insights';
import { PipelineModule } from '@followthrough/server-pipeline';
import { PlaybooksModule } from '@followthrough/server-playbooks';
import { RemindersModule } from '@followthrough/server-reminders';
import { VentsModule } from '@followthrough/server-vents';
import {
  AgencyFixture,
  createAgencyFixture,
  createIsolatedDatabase,
  IsolatedDatabase,
  startTestApi,
  TEST_PASSWORD,
  TestApi,
} from '@followthrough/server-testing';

const PGBOUNCER = '/usr/sbin/pgbouncer';
const CREATE_APPLICATION = `mutation C($input: CreateApplicationInput!) { createApplication(input: $input) { id } }`;
const LOG = `mutation L($input: LogFollowUpInput!) { logFollowUp(input: $input) { id } }`;
const RADAR = `query R { followUpRadar(first: 20) { edges { node { clientUserId score } } } }`;
const SCORECARD = `query S($id: ID!) { clientScorecard(clientUserId: $id) { applications outboundTouches } }`;
const LOGIN = `mutation L($input: LoginInput!) { login(input: $input) { accessToken } }`;
const ME = `query { me { user { id } } }`;
const RATE_LIMIT = 40;

/** What breaks, or leaks between clients, when a server connection changes hands after every transaction. */
const SESSION_STATE: [RegExp, string][] = [
  [/^\s*SET\s+(?!LOCAL\b)/i, 'a session-level SET (use SET LOCAL in a transaction)'],
  [/set_config\s*\([^)]*,\s*false\s*\)/i, 'a session-level set_config (pass true: transaction-local)'],
  [/pg_(try_)?advisory_lock(_shared)?\s*\(/i, 'a session-level advisory lock (use pg_advisory_xact_lock)'],
  [/^\s*(LISTEN|UNLISTEN)\b/i, 'LISTEN/UNLISTEN'],
  [/CREATE\s+(TEMP|TEMPORARY)\s+TABLE/i, 'a temporary table'],
  [/^\s*(PREPARE|DEALLOCATE)\b/i, 'a named prepared statement'],
];

function freePort(): Promise<number> {
  return new Promise((done) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => done(port));
    });
  });
}

// The whole API through a real PgBouncer in transaction mode with a pool of 4 server connections, so that
// consecutive transactions of one request, and concurrent requests, land on different server connections.
if (!existsSync(PGBOUNCER)) {
  if (process.env['CI'] === 'true')
    throw new Error(`CI=true but ${PGBOUNCER} is missing (apt-get install pgbouncer; .ci/run does).`);
  console.warn(`Skipping the PgBouncer test: ${PGBOUNCER} is missing (apt-get install pgbouncer).`);
  describe.skip('the API through PgBouncer in transaction mode', () => undefined);
} else {
  describe('the API through PgBouncer in transaction mode', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ft-pgbouncer-'));
    let database: IsolatedDatabase;
    let bouncer: ChildProcess;
    let api: TestApi;
    let agency: AgencyFixture;
    let adminUrl: string;

    beforeAll(async () => {
      database = await createIsolatedDatabase('pgbouncer');
      const target = new URL(database.url);
      const port = await freePort();
      const asRoot = process.getuid?.() === 0;
      chmodSync(dir, 0o755);
      writeFileSync(
        join(dir, 'userlist.txt'),
        `"${target.username || 'postgres'}" "${decodeURIComponent(target.password)}"\n`,
      );
      writeFileSync(
        join(dir, 'pgbouncer.ini'),
        [
          '[databases]',
          `app = host=${target.hostname} port=${target.port || 5432} dbname=${target.pathname.slice(1)} user=${target.username || 'postgres'}`,
          '[pgbouncer]',
          `listen_addr = 127.0.0.1`,
          `listen_port = ${port}`,
          'unix_socket_dir =',
          'auth_type = any',
          `auth_file = ${join(dir, 'userlist.txt')}`,
          'pool_mode = transaction',
          // The console is reached as postgres (auth_type any); the server connections use the application's role.
          'admin_users = postgres',
          'default_pool_size = 4',
          'min_pool_size = 4',
          'max_client_conn = 200',
          'server_reset_query =',
          // Hand out server connections in turn, so that consecutive transactions of one client move between them.
          'server_round_robin = 1',
          'ignore_startup_parameters = extra_float_digits,options',
        ].join('\n') + '\n',
      );
      if (asRoot) {
        const [uid, gid] = execFileSync('sh', ['-c', 'id -u postgres && id -g postgres'])
          .toString()
          .trim()
          .split('\n')
          .map(Number);
        for (const file of ['', 'userlist.txt', 'pgbouncer.ini']) chownSync(join(dir, file), uid, gid);
      }
      bouncer = spawn(PGBOUNCER, [...(asRoot ? ['-u', 'postgres'] : []), join(dir, 'pgbouncer.ini')], {
        stdio: 'ignore',
      });
      const url = `postgres://postgres@127.0.0.1:${port}/app`;
      adminUrl = `postgres://postgres@127.0.0.1:${port}/pgbouncer`;
      for (let attempt = 0; ; attempt += 1) {
        const probe = new Client({ connectionString: url });
        try {
          await probe.connect();
          await probe.end();
          break;
        } catch (error) {
          if (attempt > 100) throw error;
          await new Promise((wait) => setTimeout(wait, 100));
        }
      }
      api = await startTestApi(
        [IdentityModule, PipelineModule, VentsModule, RemindersModule, PlaybooksModule, InsightsModule],
        {
          DATABASE_URL: url,
          // Every radar request recomputes its scope under the transaction-scoped advisory lock.
          INSIGHTS_RADAR_MAX_AGE_SECONDS: '0',
          GRAPHQL_RATE_LIMIT: String(RATE_LIMIT),
        },
      );
    }, 120_000);

    afterAll(async () => {
      await api?.close();
      bouncer?.kill('SIGINT');
      await database?.dispose();
      rmSync(dir, { recursive: true, force: true });
    });

    it('serves sign-up, sign-in, writes and the radar under concurrency, with no session-level state', async () => {
      const statements = await SqlStatementCounter.record(async () => {
        agency = await createAgencyFixture(api.client, 'Pooled Careers', 2, 4);
        const [coachA, coachB] = agency.coaches;
        const applicationIds = await Promise.all(
          agency.clients.map(
            async (client, n) =>
              (
                await client.client.ok(CREATE_APPLICATION, {
                  input: { companyName: `Pooled ${n}`, title: 'Analyst', appliedAt: new Date().toISOString() },
                })
              )['createApplication'].id as string,
          ),
        );
        // Writes, recomputing radar reads from two coaches, scorecards and sign-ins, all at once.
        const results = await Promise.allSettled([
          ...agency.clients.map((client, n) =>
            client.client.ok(LOG, {
              input: {
                applicationId: applicationIds[n],
                channel: 'PHONE',
                purpose: 'STATUS_CHECK',
                outcome: 'NO_ANSWER',
              },
            }),
          ),
          ...Array.from({ length: 6 }, (_, n) => (n % 2 ? coachA : coachB).client.ok(RADAR)),
          ...agency.clients.map((client) => client.client.ok(SCORECARD, { id: client.userId })),
          ...agency.clients.map((client) =>
            api.client.ok(LOGIN, { input: { email: client.email, password: TEST_PASSWORD } }),
          ),
        ]);
        const failures = results
          .filter((result): result is PromiseRejectedResult => result.status === 'rejected')
          .map((result) => String(result.reason));
        expect(failures).toEqual([]);
      });

      expect(statements.length).toBeGreaterThan(50);
      const offending = statements.flatMap((statement) =>
        SESSION_STATE.filter(([pattern]) => pattern.test(statement.text)).map(
          ([, why]) => `${why}: ${statement.text.slice(0, 120)}`,
        ),
      );
      expect(offending).toEqual([]);
    }, 120_000);

    it('leaves no advisory lock held on the pooled server connections once the requests are answered', async () => {
      await Promise.all(agency.coaches.flatMap((coach) => [coach.client.ok(RADAR), coach.client.ok(RADAR)]));
      // A session-level lock would stay with the server connection PgBouncer hands to the next client.
      const direct = new Client({ connectionString: database.ownerUrl });
      await direct.connect();
      try {
        const { rows } = await direct.query(
          `SELECT count(*)::int AS held FROM pg_locks WHERE locktype = 'advisory' AND database = (SELECT oid FROM pg_database WHERE datname = current_database())`,
        );
        expect(rows[0].held).toBe(0);
      } finally {
        await direct.end();
      }
    });

    it('counts every call against the per-user operation rate limit, also after PgBouncer replaces its server connections', async () => {
      const client = agency.clients[1];
      const codes: unknown[] = [(await client.client.request(ME)).errors?.[0]?.extensions?.['code'] ?? 'OK'];
      // New server connections know no statement prepared on the old ones: a named statement would now fail,
      // and the limiter lets a call through uncounted when its store fails.
      const console = new Client({ connectionString: adminUrl });
      await console.connect();
      try {
        await console.query('RECONNECT app');
      } finally {
        await console.end();
      }
      for (let call = 2; call <= RATE_LIMIT + 1; call += 1) {
        const response = await client.client.request(ME);
        codes.push(response.errors?.[0]?.extensions?.['code'] ?? 'OK');
      }
      expect(codes).toEqual([...Array.from({ length: RATE_LIMIT }, () => 'OK'), 'RATE_LIMITED']);
    });
  });
}

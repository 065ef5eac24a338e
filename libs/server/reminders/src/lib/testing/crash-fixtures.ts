import { Client } from 'pg';

/** An agency with five clients, made directly in SQL: the worker suites are about the worker, not the API. */
export async function seedAgency(
  db: Client,
  name = 'Crash Test Careers',
): Promise<{ agencyId: string; clientIds: string[] }> {
  const agency = await db.query(`INSERT INTO agencies (name, timezone) VALUES ($1, 'Europe/Paris') RETURNING id`, [
    name,
  ]);
  const agencyId: string = agency.rows[0].id;
  const tag = agencyId.slice(0, 8);
  const users = await db.query(
    `INSERT INTO users (email, name, password_hash)
     SELECT 'crash.client' || n || '.' || $1 || '@example.test', 'Client ' || n, 'not-a-hash' FROM generate_series(1, 5) AS n RETURNING id`,
    [tag],
  );
  const clientIds: string[] = users.rows.map((row: { id: string }) => row.id);
  await db.query(`INSERT INTO memberships (agency_id, user_id, role) SELECT $1, unnest($2::uuid[]), 'CLIENT'`, [
    agencyId,
    clientIds,
  ]);
  return { agencyId, clientIds };
}

/** `count` notice reminders due a minute ago, keys `<keyPrefix><n>`, spread over the clients. */
export async function insertDueReminders(
  db: Client,
  agencyId: string,
  clientIds: string[],
  count: number,
  keyPrefix: string,
): Promise<void> {
  await db.query(
    `INSERT INTO reminders (agency_id, kind, recipient_user_id, due_at, idempotency_key, refs)
     SELECT $1, 'notice', ($2::uuid[])[1 + n % array_length($2::uuid[], 1)], now() - interval '1 minute', $3 || n, '{}'
       FROM generate_series(1, $4::int) AS n`,
    [agencyId, clientIds, keyPrefix, count],
  );
}

/** The promise's value, or an error after `limitMs` (a bound so that a broken run fails instead of hanging). */
export async function within<T>(promise: Promise<T>, limitMs: number, describe: () => string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const limit = new Promise<never>((_, fail) => {
    timer = setTimeout(() => fail(new Error(describe())), limitMs);
  });
  try {
    return await Promise.race([promise, limit]);
  } finally {
    clearTimeout(timer);
  }
}

export async function statusCounts(db: Client, keyPrefix: string): Promise<Record<string, number>> {
  const result = await db.query(
    `SELECT status, count(*)::int AS n FROM reminders WHERE idempotency_key LIKE $1 || '%' GROUP BY status`,
    [keyPrefix],
  );
  return Object.fromEntries(result.rows.map((row: { status: string; n: number }) => [row.status, row.n]));
}

/** The Redis URL for the Redis variant of a suite, or null to skip it (a failure under CI=true). */
export function redisForTests(suite: string): string | null {
  const url = process.env['TEST_REDIS_URL'] ?? '';
  if (url) return url;
  // CI always has Redis (.ci/run starts it): there a missing Redis is a failure, not a reason to skip.
  if (process.env['CI'] === 'true')
    throw new Error('CI=true but no Redis answered on 127.0.0.1:6379 and REDIS_URL is not set.');
  console.warn(`Skipping ${suite} on Redis: no Redis answered on 127.0.0.1:6379 and REDIS_URL is not set.`);
  return null;
}

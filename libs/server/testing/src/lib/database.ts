import { Client } from 'pg';

/**
 * Runs SQL against the test database directly as its owner (DATABASE_OWNER_URL), for arranging bulk data and for
 * checking what was, or was not, written. Opens and closes its own connection.
 */
export async function sql<T = Record<string, unknown>>(text: string, params: unknown[] = []): Promise<T[]> {
  const db = new Client({ connectionString: process.env['DATABASE_OWNER_URL'] });
  await db.connect();
  try {
    return (await db.query(text, params)).rows as T[];
  } finally {
    await db.end();
  }
}

/** The number a `SELECT count(*) …` returns. */
export async function countOf(text: string, params: unknown[] = []): Promise<number> {
  const rows = await sql<{ count: string }>(text, params);
  return Number(rows[0]?.count ?? 0);
}

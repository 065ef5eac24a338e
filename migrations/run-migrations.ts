import { runMigrations as runQueueMigrations } from 'bullmq';
import { Pool } from 'pg';
import { DataSource } from 'typeorm';
import { MIGRATIONS } from './index';
import type { EntityClass } from './entities';

export const MIGRATIONS_TABLE = 'schema_migrations';

export function migrationDataSource(databaseUrl: string, entities: EntityClass[] = []): DataSource {
  return new DataSource({
    type: 'postgres',
    url: databaseUrl,
    entities,
    migrations: MIGRATIONS,
    migrationsTableName: MIGRATIONS_TABLE,
    // gen_random_uuid() is built into PostgreSQL 13+; no extension needed.
    uuidExtension: 'pgcrypto',
    synchronize: false,
    logging: ['error'],
  });
}

/** Applies the application's migrations, then BullMQ's own schema for its PostgreSQL backend. */
export async function runAllMigrations(databaseUrl: string): Promise<string[]> {
  const dataSource = await migrationDataSource(databaseUrl).initialize();
  try {
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    const pool = new Pool({ connectionString: databaseUrl, max: 1 });
    try {
      await runQueueMigrations(pool as never);
    } finally {
      await pool.end();
    }
    return applied.map((migration) => migration.name);
  } finally {
    await dataSource.destroy();
  }
}

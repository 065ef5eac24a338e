import 'reflect-metadata';
import { runAllMigrations } from '../migrations/run-migrations';
import { locateTestRedis, provisionTestDatabase } from './test-services';

export default async function globalSetup(): Promise<void> {
  const database = await provisionTestDatabase();
  // Migrated by the owner; the apps under test connect as the application's role, which owns nothing.
  await runAllMigrations(database.ownerUrl, database.url);
  (globalThis as Record<string, unknown>)['__TEST_DATABASE__'] = database;
  process.env['DATABASE_URL'] = database.url;
  // Tests arrange and inspect rows across agencies through the owner's connection.
  process.env['DATABASE_OWNER_URL'] = database.ownerUrl;
  // The apps under test use BullMQ's PostgreSQL backend; queue tests read TEST_REDIS_URL for the Redis one.
  process.env['TEST_REDIS_URL'] = (await locateTestRedis()) ?? '';
  delete process.env['REDIS_URL'];
  process.env['NODE_ENV'] = 'test';
}

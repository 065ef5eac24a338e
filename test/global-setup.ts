import 'reflect-metadata';
import { runAllMigrations } from '../migrations/run-migrations';
import { locateTestRedis, provisionTestDatabase } from './test-services';

export default async function globalSetup(): Promise<void> {
  const database = await provisionTestDatabase();
  await runAllMigrations(database.url);
  (globalThis as Record<string, unknown>)['__TEST_DATABASE__'] = database;
  process.env['DATABASE_URL'] = database.url;
  // The apps under test use BullMQ's PostgreSQL backend; queue tests read TEST_REDIS_URL for the Redis one.
  process.env['TEST_REDIS_URL'] = (await locateTestRedis()) ?? '';
  delete process.env['REDIS_URL'];
  process.env['NODE_ENV'] = 'test';
}

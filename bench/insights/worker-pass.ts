import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { CoreModule } from '@followthrough/server-core';
import { IdentityModule } from '@followthrough/server-identity';
import { ClientRollups } from '@followthrough/server-insights';

/** What the worker's insights pass needs, and nothing else (no queues, no HTTP). */
@Module({ imports: [CoreModule, IdentityModule], providers: [ClientRollups] })
class InsightsPassModule {}

/**
 * The worker's scheduled insights pass (rows whose time-dependent facts are due, then the writers' dashboard
 * deltas folded into the coach-week rows) every `everyMs`, as a deployed worker runs it, on its own connections
 * to the DATABASE_URL database. Returns the function that stops it.
 */
export async function startInsightsPass(everyMs: number): Promise<() => Promise<void>> {
  const context = await NestFactory.createApplicationContext(InsightsPassModule, { logger: ['error', 'warn'] });
  const rollups = context.get(ClientRollups);
  let running: Promise<unknown> | null = null;
  const timer = setInterval(() => {
    if (running) return;
    running = rollups
      .refreshDue()
      .catch((error: Error) => console.error(`insights pass: ${error.message}`))
      .finally(() => (running = null));
  }, everyMs);
  return async () => {
    clearInterval(timer);
    await running;
    await context.close();
  };
}

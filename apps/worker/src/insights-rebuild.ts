import 'reflect-metadata';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { CoreModule } from '@followthrough/server-core';
import { IdentityModule } from '@followthrough/server-identity';
import { ClientRollups, InsightsEventListeners } from '@followthrough/server-insights';

/** Only what a rebuild needs: no queue processors, no HTTP. */
@Module({ imports: [CoreModule, IdentityModule], providers: [ClientRollups, InsightsEventListeners] })
class InsightsRebuildModule {}

/**
 * `npm run insights:rebuild [-- <agency id>]`: recomputes the insights rollups of every client (of one agency),
 * e.g. after a bulk import written straight to the database. Safe while the API and the worker run.
 */
async function rebuild(agencyId: string | undefined): Promise<void> {
  const context = await NestFactory.createApplicationContext(InsightsRebuildModule, {
    logger: ['log', 'error', 'warn'],
  });
  try {
    const started = Date.now();
    const clients = await context.get(ClientRollups).rebuild(agencyId);
    console.log(`Rebuilt ${clients} client rollups in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  } finally {
    await context.close();
  }
}

rebuild(process.argv[2]).catch((error: Error) => {
  console.error(error.name === 'ConfigError' ? error.message : error);
  process.exit(1);
});

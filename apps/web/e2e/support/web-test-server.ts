import { DynamicModule, Type } from '@nestjs/common';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { WebAppModule } from '@followthrough/server-core';
import { startTestApi, TestApi } from '@followthrough/server-testing';

const REPOSITORY_ROOT = resolve(__dirname, '..', '..', '..', '..');

export interface WebTestServer extends TestApi {
  /** The dashboard's address on loopback, e.g. http://127.0.0.1:41234 */
  webUrl: string;
}

/** `npm run build:web` into a folder of the test's own. A child process: Vite is ESM and jest's VM cannot import it. */
async function buildDashboardInto(directory: string): Promise<void> {
  await promisify(execFile)(process.execPath, ['-r', '@swc-node/register', 'tools/web/build-web.ts', directory], {
    cwd: REPOSITORY_ROOT,
    env: { ...process.env, NODE_ENV: 'production' },
    timeout: 120_000,
  });
}

/**
 * The real API (real PostgreSQL) with the given contexts, serving a fresh build of the dashboard
 * from a folder of its own: tests never read or race over dist/apps/web.
 */
export async function startWebTestServer(
  modules: Array<Type | DynamicModule>,
  env: Record<string, string> = {},
): Promise<WebTestServer> {
  const buildRoot = mkdtempSync(join(tmpdir(), 'followthrough-web-'));
  const directory = join(buildRoot, 'web');
  await buildDashboardInto(directory);
  const api = await startTestApi([...modules, WebAppModule.forRoot({ directory })], env);
  return {
    ...api,
    webUrl: api.url,
    close: async () => {
      await api.close();
      rmSync(buildRoot, { recursive: true, force: true });
    },
  };
}

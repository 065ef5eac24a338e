import { existsSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join, resolve } from 'node:path';
import { brotliCompressSync, constants as zlibConstants, gzipSync } from 'node:zlib';

const REPOSITORY_ROOT = resolve(__dirname, '..', '..');
export const WEB_SOURCE_DIRECTORY = join(REPOSITORY_ROOT, 'apps', 'web');
export const WEB_BUILD_DIRECTORY = join(REPOSITORY_ROOT, 'dist', 'apps', 'web');

/** What the bundle is made of: the web app (not its browser tests), the shared enums, and this build recipe. */
const WEB_INPUTS = [WEB_SOURCE_DIRECTORY, join(REPOSITORY_ROOT, 'libs', 'shared', 'domain', 'src'), __filename];
const NOT_INPUTS = new Set(['e2e', 'node_modules', 'dist']);

// Vite is ESM-only: a real dynamic import keeps it out of CommonJS (and jest) module graphs.
const importEsm = new Function('specifier', 'return import(specifier)') as <T>(specifier: string) => Promise<T>;

interface ViteBuildApi {
  build(config: Record<string, unknown>): Promise<unknown>;
}

function newestModificationIn(path: string): number {
  const stats = statSync(path);
  if (!stats.isDirectory()) return stats.mtimeMs;
  let newest = stats.mtimeMs;
  for (const entry of readdirSync(path)) {
    if (NOT_INPUTS.has(entry) || entry.endsWith('.spec.ts') || entry.endsWith('.spec.tsx')) continue;
    newest = Math.max(newest, newestModificationIn(join(path, entry)));
  }
  return newest;
}

/** True when the built dashboard is missing or older than any of its sources. */
export function isWebBuildStale(outDir = WEB_BUILD_DIRECTORY): boolean {
  const builtIndex = join(outDir, 'index.html');
  if (!existsSync(builtIndex)) return true;
  const builtAt = statSync(builtIndex).mtimeMs;
  return WEB_INPUTS.some((input) => existsSync(input) && newestModificationIn(input) > builtAt);
}

/** The service worker, with the files it keeps on the device and a version that changes with them. */
function writeServiceWorker(directory: string): void {
  const assets = readdirSync(join(directory, 'assets'))
    .map((name) => `/assets/${name}`)
    .sort();
  const files = [...assets, '/manifest.webmanifest', '/icon.svg', '/icon-maskable.svg'];
  const version = createHash('sha256').update(files.join('\n')).digest('hex').slice(0, 12);
  const template = readFileSync(join(WEB_SOURCE_DIRECTORY, 'service-worker', 'sw.js'), 'utf8');
  writeFileSync(
    join(directory, 'sw.js'),
    template.replace('__BUILD_VERSION__', version).replace('__SHELL_FILES__', JSON.stringify(files)),
  );
}

const COMPRESSIBLE = /\.(js|css|html|svg|json|webmanifest)$/;

/** Writes a .br and a .gz beside every text file, so the server sends them without compressing per request. */
function precompress(directory: string): void {
  for (const entry of readdirSync(directory, { withFileTypes: true })) {
    const path = join(directory, entry.name);
    if (entry.isDirectory()) precompress(path);
    else if (COMPRESSIBLE.test(entry.name)) {
      const content = readFileSync(path);
      writeFileSync(
        `${path}.br`,
        brotliCompressSync(content, { params: { [zlibConstants.BROTLI_PARAM_QUALITY]: 11 } }),
      );
      writeFileSync(`${path}.gz`, gzipSync(content, { level: 9 }));
    }
  }
}

/**
 * Bundles apps/web with Vite into outDir. It builds beside the target and swaps the folder in at
 * the end, so a running server never serves half a build and two builds never mix their files.
 */
export async function buildWeb(outDir = WEB_BUILD_DIRECTORY, options: { quiet?: boolean } = {}): Promise<void> {
  const staging = `${outDir}.building-${process.pid}-${Date.now()}`;
  const nodeEnvBefore = process.env['NODE_ENV'];
  const { build } = await importEsm<ViteBuildApi>('vite');
  // React's production bundle whoever calls (jest runs with NODE_ENV=test).
  process.env['NODE_ENV'] = 'production';
  try {
    await build({
      configFile: false,
      root: WEB_SOURCE_DIRECTORY,
      base: '/',
      mode: 'production',
      logLevel: options.quiet ? 'warn' : 'info',
      clearScreen: false,
      resolve: {
        alias: [
          {
            find: '@followthrough/shared-domain',
            replacement: join(REPOSITORY_ROOT, 'libs', 'shared', 'domain', 'src', 'index.ts'),
          },
          // React Router's package exports point at its development build (warnings and checks
          // included); it ships a production build beside it, which is what the dashboard serves.
          {
            find: /^react-router$/,
            replacement: join(REPOSITORY_ROOT, 'node_modules', 'react-router', 'dist', 'production', 'index.mjs'),
          },
        ],
      },
      build: { outDir: staging, emptyOutDir: true, target: 'es2022', sourcemap: false, reportCompressedSize: false },
    });
  } catch (error) {
    rmSync(staging, { recursive: true, force: true });
    throw error;
  } finally {
    // The API started after the build must see the caller's NODE_ENV, not the build's.
    if (nodeEnvBefore === undefined) delete process.env['NODE_ENV'];
    else process.env['NODE_ENV'] = nodeEnvBefore;
  }
  writeServiceWorker(staging);
  precompress(staging);
  const previous = `${outDir}.previous-${process.pid}-${Date.now()}`;
  if (existsSync(outDir)) renameSync(outDir, previous);
  renameSync(staging, outDir);
  rmSync(previous, { recursive: true, force: true });
}

// `npm run build:web [-- <outDir>]`
if (require.main === module) {
  const outDir = process.argv[2] ? resolve(process.argv[2]) : WEB_BUILD_DIRECTORY;
  buildWeb(outDir).then(
    () => console.log(`Web dashboard built into ${outDir}`),
    (error: Error) => {
      console.error(error);
      process.exit(1);
    },
  );
}

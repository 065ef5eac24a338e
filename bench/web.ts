import 'reflect-metadata';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Browser, BrowserContext, chromium, Page } from 'playwright-core';
import { createAgencyFixture, GraphqlClient, TEST_PASSWORD } from '@followthrough/server-testing';
import { runAllMigrations } from '../migrations/run-migrations';
import { buildWeb, WEB_BUILD_DIRECTORY } from '../tools/web/build-web';
import { benchDatabase } from './insights/bench-database';
import { InProcessApi } from './insights/in-process-api';

/**
 * `npm run bench:web`: the dashboard's budgets, measured on a production build served by the real API.
 * - initial JavaScript (gzip) for the sign-in page plus the client's home;
 * - which pages load the chart code (Recharts);
 * - the coach's Follow-up Radar on screen after signing in, in Chromium throttled through CDP.
 * Figures are printed and written to bench/results/web-latest.md; nothing here asserts them.
 */

const CHROMIUM_PATH = process.env['CHROMIUM_PATH'] || '/usr/bin/chromium';
const RUNS = Number(process.env['BENCH_WEB_RUNS'] || 5);
const CLIENTS = Number(process.env['BENCH_WEB_CLIENTS'] || 25);
const BUDGET_INITIAL_KB = 120;
const BUDGET_RADAR_MS = 1500;
// 4× slower CPU, 150 ms round trip, 1.6 Mbps down (750 kbps up): a mid-range phone on a fair 4G link.
const THROTTLING = { cpuRate: 4, latencyMs: 150, downloadBps: (1.6 * 1024 * 1024) / 8, uploadBps: (750 * 1024) / 8 };

const ASSETS = join(WEB_BUILD_DIRECTORY, 'assets');

function gzipBytes(assetPath: string): number {
  const file = join(WEB_BUILD_DIRECTORY, assetPath);
  return existsSync(`${file}.gz`) ? statSync(`${file}.gz`).size : statSync(file).size;
}

/** The built chunks that hold Recharts (it renders elements with `recharts-` class names). */
function chartChunks(): Set<string> {
  return new Set(
    readdirSync(ASSETS)
      .filter((name) => name.endsWith('.js') && readFileSync(join(ASSETS, name), 'utf8').includes('recharts-wrapper'))
      .map((name) => `/assets/${name}`),
  );
}

const kb = (bytes: number) => (bytes / 1024).toFixed(1);
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

async function newContext(browser: Browser): Promise<{ context: BrowserContext; scripts: Set<string> }> {
  const context = await browser.newContext({ serviceWorkers: 'block', viewport: { width: 390, height: 844 } });
  const scripts = new Set<string>();
  context.on('request', (request) => {
    const path = new URL(request.url()).pathname;
    if (path.startsWith('/assets/') && path.endsWith('.js')) scripts.add(path);
  });
  return { context, scripts };
}

async function signIn(page: Page, webUrl: string, email: string): Promise<void> {
  await page.goto(`${webUrl}/sign-in`);
  await page.getByLabel('E-mail').fill(email);
  await page.getByLabel('Password').fill(TEST_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

async function throttle(page: Page): Promise<void> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', {
    offline: false,
    latency: THROTTLING.latencyMs,
    downloadThroughput: THROTTLING.downloadBps,
    uploadThroughput: THROTTLING.uploadBps,
  });
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: THROTTLING.cpuRate });
}

interface Figures {
  initialScripts: string[];
  initialGzip: number;
  chartLoads: Array<{ page: string; loadsCharts: boolean }>;
  radarMs: number[];
  radarRows: number;
}

async function measure(browser: Browser, webUrl: string, fixture: Awaited<ReturnType<typeof createAgencyFixture>>) {
  const charts = chartChunks();
  const figures: Figures = { initialScripts: [], initialGzip: 0, chartLoads: [], radarMs: [], radarRows: 0 };

  // 1. Sign-in page, then the client's home (their Next call card and applications).
  {
    const { context, scripts } = await newContext(browser);
    const page = await context.newPage();
    await signIn(page, webUrl, fixture.clients[0].email);
    await page.getByRole('heading', { name: 'Next call' }).waitFor();
    await page.waitForLoadState('networkidle');
    figures.initialScripts = [...scripts].sort();
    figures.initialGzip = figures.initialScripts.reduce((sum, path) => sum + gzipBytes(path), 0);
    figures.chartLoads.push({ page: 'sign-in + client home', loadsCharts: [...scripts].some((s) => charts.has(s)) });
    await context.close();
  }

  // 2. Chart code: not on the coach's radar, only on pages that chart (a client's scorecard).
  {
    const { context, scripts } = await newContext(browser);
    const page = await context.newPage();
    await signIn(page, webUrl, fixture.coaches[0].email);
    await page.getByRole('list', { name: 'Follow-up Radar' }).waitFor();
    await page.waitForLoadState('networkidle');
    figures.chartLoads.push({ page: 'sign-in + coach radar', loadsCharts: [...scripts].some((s) => charts.has(s)) });
    await page.getByRole('list', { name: 'Follow-up Radar' }).getByRole('link').first().click();
    await page.getByRole('heading', { name: 'Scorecard' }).waitFor();
    await page.waitForLoadState('networkidle');
    figures.chartLoads.push({
      page: 'coach opens a client (scorecard chart)',
      loadsCharts: [...scripts].some((s) => charts.has(s)),
    });
    await context.close();
  }

  // 3. The coach's radar on screen after pressing Sign in, throttled, each run in a fresh profile (cold cache).
  for (let run = 0; run < RUNS; run += 1) {
    const { context } = await newContext(browser);
    const page = await context.newPage();
    await throttle(page);
    await page.goto(`${webUrl}/sign-in`);
    await page.getByLabel('E-mail').fill(fixture.coaches[0].email);
    await page.getByLabel('Password').fill(TEST_PASSWORD);
    // Timed inside the page, from the press of Sign in to the first radar row in the document, so that
    // the driver's own round trips are not counted.
    await page.evaluate(() => {
      const marks: Record<string, number> = {};
      (window as unknown as { benchMarks: Record<string, number> }).benchMarks = marks;
      document.addEventListener('click', () => (marks['signIn'] ??= performance.now()), { capture: true });
      const observer = new MutationObserver(() => {
        if (document.querySelector('ol[aria-label="Follow-up Radar"] > li')) {
          marks['radar'] = performance.now();
          observer.disconnect();
        }
      });
      observer.observe(document.body, { childList: true, subtree: true });
    });
    await page.getByRole('button', { name: 'Sign in' }).click();
    const radar = page.getByRole('list', { name: 'Follow-up Radar' });
    await radar.getByRole('listitem').first().waitFor({ timeout: 60_000 });
    const marks = await page.evaluate(() => (window as unknown as { benchMarks: Record<string, number> }).benchMarks);
    const signIn = marks['signIn'] ?? 0;
    figures.radarMs.push(Math.round((marks['radar'] ?? Number.NaN) - signIn));
    if (process.env['BENCH_WEB_TRACE']) {
      const entries = await page.evaluate(
        (since) =>
          (performance.getEntriesByType('resource') as PerformanceResourceTiming[])
            .filter((entry) => entry.startTime >= since)
            .map(
              (entry) =>
                `${Math.round(entry.startTime - since)}–${Math.round(entry.responseEnd - since)} ms ${entry.name.replace(location.origin, '')}`,
            ),
        signIn,
      );
      console.log(`run ${run + 1}: ${figures.radarMs.at(-1)} ms\n  ${entries.join('\n  ')}`);
    }
    figures.radarRows = await radar.locator(':scope > li').count();
    await context.close();
  }
  return figures;
}

function report(figures: Figures, setup: string): string {
  const radar = median(figures.radarMs);
  const met = (ok: boolean) => (ok ? 'met' : '**not met**');
  const initialKb = figures.initialGzip / 1024;
  return [
    '# Web dashboard budgets',
    '',
    `Run ${new Date().toISOString()} by \`npm run bench:web\`. ${setup}`,
    '',
    '| figure | measured | budget | |',
    '| --- | --- | --- | --- |',
    `| initial JavaScript, sign-in + client home (gzip) | ${kb(figures.initialGzip)} kB | ≤ ${BUDGET_INITIAL_KB} kB | ${met(initialKb <= BUDGET_INITIAL_KB)} |`,
    `| coach's radar on screen after pressing Sign in (median of ${figures.radarMs.length}) | ${radar} ms | ≤ ${BUDGET_RADAR_MS} ms | ${met(radar <= BUDGET_RADAR_MS)} |`,
    '',
    `Radar runs (ms): ${figures.radarMs.join(', ')}; ${figures.radarRows} clients on the first page.`,
    `Throttling through CDP: CPU ${THROTTLING.cpuRate}×, ${THROTTLING.latencyMs} ms RTT, 1.6 Mbps down, 750 kbps up; a fresh browser profile per run.`,
    '',
    '## Scripts loaded for sign-in + client home',
    '',
    '| script | gzip |',
    '| --- | --- |',
    ...figures.initialScripts.map((path) => `| ${path.replace(/-[\w-]{8}\.js$/, '.js')} | ${kb(gzipBytes(path))} kB |`),
    '',
    '## Chart code (Recharts)',
    '',
    '| page | loads the chart chunk |',
    '| --- | --- |',
    ...figures.chartLoads.map((entry) => `| ${entry.page} | ${entry.loadsCharts ? 'yes' : 'no'} |`),
    '',
  ].join('\n');
}

async function main(): Promise<void> {
  console.log('Building the dashboard (production)…');
  await buildWeb(WEB_BUILD_DIRECTORY, { quiet: true });
  const database = await benchDatabase();
  let api: InProcessApi | undefined;
  let browser: Browser | undefined;
  try {
    await runAllMigrations(database.url);
    api = await InProcessApi.start(database.url);
    const anonymous = new GraphqlClient(api.url);
    // One coach with a full first page of clients, as the radar shows it.
    const fixture = await createAgencyFixture(anonymous, 'Bench Web Agency', 1, CLIENTS);
    browser = await chromium.launch({
      executablePath: CHROMIUM_PATH,
      headless: true,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--no-first-run'],
    });
    const figures = await measure(browser, api.url, fixture);
    const markdown = report(figures, `Database: ${database.description}; ${CLIENTS} clients on the coach's caseload.`);
    console.log(`\n${markdown}`);
    const results = join(__dirname, 'results');
    mkdirSync(results, { recursive: true });
    writeFileSync(join(results, 'web-latest.md'), markdown);
    console.log(`Written to ${join('bench', 'results', 'web-latest.md')}`);
  } finally {
    await browser?.close();
    await api?.close();
    await database.close();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);

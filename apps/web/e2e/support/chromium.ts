import { existsSync } from 'node:fs';
import { Browser, BrowserContext, chromium } from 'playwright-core';

/** Debian's chromium package; `npx playwright install` cannot download browsers here. */
export const CHROMIUM_PATH = process.env['CHROMIUM_PATH'] || '/usr/bin/chromium';

// Headless, and quiet: no update checks, sync or other background traffic. The resolver maps every
// host name to nothing, so the page can reach only the loopback addresses the tests give it.
const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
  '--no-first-run',
  '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1, EXCLUDE localhost',
];

/**
 * Whether this run drives a real browser. In CI (CI=true) always: a missing or broken Chromium must
 * fail the run, never skip it. Locally the browser tests are skipped, saying so, when it is absent.
 */
export function browserTestsEnabled(): boolean {
  if (existsSync(CHROMIUM_PATH) || process.env['CI']) return true;
  console.warn(
    `Skipping the web dashboard's browser tests: no Chromium at ${CHROMIUM_PATH}. Install it with "apt-get install chromium".`,
  );
  return false;
}

export const describeInBrowser: jest.Describe = browserTestsEnabled() ? describe : describe.skip;

export async function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_FLAGS, timeout: 30_000 });
}

function isLoopback(url: string): boolean {
  const { protocol, hostname } = new URL(url);
  if (protocol === 'data:' || protocol === 'about:' || protocol === 'blob:') return true;
  return hostname === '127.0.0.1' || hostname === 'localhost' || hostname === '[::1]';
}

/**
 * A fresh browser profile (its own storage) whose requests may go to loopback only; any other
 * request is aborted and recorded in `blockedRequests` so a test can assert there were none.
 */
export async function newLoopbackContext(
  browser: Browser,
  options: { serviceWorkers?: 'allow' | 'block' } = {},
): Promise<{ context: BrowserContext; blockedRequests: string[] }> {
  // Service workers are off unless a test is about them: a worker's own requests bypass context.route.
  const context = await browser.newContext({ serviceWorkers: options.serviceWorkers ?? 'block' });
  const blockedRequests: string[] = [];
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (isLoopback(url)) return route.continue();
    blockedRequests.push(url);
    return route.abort('blockedbyclient');
  });
  context.setDefaultTimeout(15_000);
  return { context, blockedRequests };
}

import { Client } from 'pg';
import { Browser } from 'playwright-core';
import { createAgencyFixture, TEST_PASSWORD } from '@followthrough/server-testing';
import { describeInBrowser, launchChromium, newLoopbackContext } from './support/chromium';
import { expectNoPageErrors, recordPageErrors, signInThroughPage } from './support/dashboard-page';
import { DASHBOARD_MODULES } from './support/dashboard-modules';
import { startWebTestServer, WebTestServer } from './support/web-test-server';

const STORAGE_KEY = 'followthrough.session';

describeInBrowser('sessions in the dashboard (Chromium)', () => {
  let server: WebTestServer;
  let browser: Browser;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startWebTestServer(DASHBOARD_MODULES), launchChromium()]);
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('refreshes an access token that no longer works, silently, with the refresh cookie', async () => {
    const agency = await createAgencyFixture(server.client, 'Silent Refresh Agency', 0, 1);
    const { context } = await newLoopbackContext(browser);
    const page = await context.newPage();
    const errors = recordPageErrors(page);
    await signInThroughPage(page, server.webUrl, agency.clients[0].email, TEST_PASSWORD);
    await page.getByRole('heading', { name: 'My applications' }).waitFor();
    const cookies = await context.cookies();
    expect(cookies.find((cookie) => cookie.name === 'ft_refresh')).toMatchObject({
      httpOnly: true,
      sameSite: 'Strict',
      path: '/graphql',
    });
    expect(await page.evaluate(() => document.cookie)).not.toContain('ft_refresh');

    // The access token goes bad (as an expired one does); the next page load must not notice.
    const broken = await page.evaluate((key) => {
      const stored = JSON.parse(window.sessionStorage.getItem(key) as string);
      stored.accessToken = `${stored.accessToken.slice(0, -4)}AAAA`;
      window.sessionStorage.setItem(key, JSON.stringify(stored));
      return stored.accessToken as string;
    }, STORAGE_KEY);
    await page.reload();
    await page.getByRole('heading', { name: 'My applications' }).waitFor();
    // The page's first request meets the bad token; the dashboard refreshes and the page loads its data.
    await page.waitForFunction(
      ([key, old]) => {
        const token = JSON.parse(window.sessionStorage.getItem(key) ?? '{}').accessToken;
        return typeof token === 'string' && token !== old;
      },
      [STORAGE_KEY, broken] as const,
    );
    expect(await page.getByRole('dialog', { name: 'Session ended' }).count()).toBe(0);
    expect(page.url()).not.toContain('/sign-in');
    expectNoPageErrors(errors);
    await context.close();
  });

  it('keeps what was being typed when the session ends, and sends it after signing in again', async () => {
    const agency = await createAgencyFixture(server.client, 'Draft Agency', 0, 1);
    const [client] = agency.clients;
    const { context } = await newLoopbackContext(browser);
    const page = await context.newPage();
    await signInThroughPage(page, server.webUrl, client.email, TEST_PASSWORD);
    await page.getByRole('link', { name: 'Vent & actions' }).click();
    const ventBox = page.getByRole('form', { name: 'Vent box' });
    const draft = 'A long draft I do not want to type twice: three calls, no answer, and a rejection.';
    await ventBox.getByLabel("What's on your mind?").fill(draft);

    // Meanwhile every session of this person ends (signed out on another device).
    await client.client.ok('mutation { signOutEverywhere }');
    await ventBox.getByRole('button', { name: 'Save' }).click();

    const dialog = page.getByRole('dialog', { name: 'Session ended' });
    await dialog.waitFor();
    expect(page.url()).not.toContain('/sign-in');
    expect(await ventBox.getByLabel("What's on your mind?").inputValue()).toBe(draft);

    await dialog.getByLabel('Password').fill(TEST_PASSWORD);
    await dialog.getByRole('button', { name: 'Sign in again' }).click();
    await dialog.waitFor({ state: 'detached' });
    expect(await ventBox.getByLabel("What's on your mind?").inputValue()).toBe(draft);
    await ventBox.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('status').filter({ hasText: 'Only you can read it.' }).waitFor();
    await page.getByText('three calls, no answer').waitFor();
    await context.close();
  });

  it('signing out ends the session on the server, not only in the tab', async () => {
    const agency = await createAgencyFixture(server.client, 'Sign Out Agency', 0, 1);
    const { context } = await newLoopbackContext(browser);
    const page = await context.newPage();
    await signInThroughPage(page, server.webUrl, agency.clients[0].email, TEST_PASSWORD);
    const token = await page.evaluate(
      (key) => JSON.parse(window.sessionStorage.getItem(key) as string).accessToken as string,
      STORAGE_KEY,
    );
    const sessionId = JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString())['sid'] as string;
    const revokedAt = async () => {
      const db = new Client({ connectionString: process.env['DATABASE_OWNER_URL'] });
      await db.connect();
      try {
        return (
          (await db.query('SELECT revoked_at FROM auth_sessions WHERE id = $1', [sessionId])).rows[0]?.revoked_at ??
          null
        );
      } finally {
        await db.end();
      }
    };
    expect(await revokedAt()).toBeNull();
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL('**/sign-in');
    // The sign-out request is sent with keepalive while the page moves on; give it a moment to land.
    for (let attempt = 0; attempt < 50 && !(await revokedAt()); attempt += 1)
      await new Promise((resolve) => setTimeout(resolve, 100));
    expect(await revokedAt()).not.toBeNull();
    await context.close();
  });
});

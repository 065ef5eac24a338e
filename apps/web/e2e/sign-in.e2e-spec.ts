import { Browser } from 'playwright-core';
import { registerAgency, TEST_PASSWORD } from '@followthrough/server-testing';
import { describeInBrowser, launchChromium, newLoopbackContext } from './support/chromium';
import { expectNoPageErrors, recordPageErrors } from './support/dashboard-page';
import { DASHBOARD_MODULES } from './support/dashboard-modules';
import { startWebTestServer, WebTestServer } from './support/web-test-server';

describeInBrowser('signing in to the dashboard (Chromium)', () => {
  let server: WebTestServer;
  let browser: Browser;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startWebTestServer(DASHBOARD_MODULES), launchChromium()]);
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('shows the API’s message for a wrong password, then signs in with the right one', async () => {
    const { admin } = await registerAgency(server.client, 'Wrong Password Agency');
    const { context, blockedRequests } = await newLoopbackContext(browser);
    const page = await context.newPage();
    const errors = recordPageErrors(page);

    await page.goto(`${server.webUrl}/`);
    await page.waitForURL('**/sign-in');
    await page.getByLabel('E-mail').fill(admin.email);
    await page.getByLabel('Password').fill('not the password at all');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByRole('alert').textContent()).resolves.toBe('The e-mail or the password is incorrect.');
    expect(page.url()).toContain('/sign-in');

    await page.getByLabel('Password').fill(TEST_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    // An admin starts on the Follow-up Radar.
    await page.getByRole('heading', { name: 'Follow-up Radar' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/admin/radar');
    expect(await page.title()).toBe('Follow-up Radar · Followthrough');

    expectNoPageErrors(errors);
    expect(blockedRequests).toEqual([]);
    await context.close();
  });

  it('shows RATE_LIMITED’s message after repeated failures', async () => {
    const { admin } = await registerAgency(server.client, 'Rate Limited Agency');
    const { context } = await newLoopbackContext(browser);
    const page = await context.newPage();
    await page.goto(`${server.webUrl}/sign-in`);
    await page.getByLabel('E-mail').fill(admin.email);
    const alert = page.getByRole('alert');
    for (let attempt = 1; attempt <= 8; attempt += 1) {
      await page.getByLabel('Password').fill(`wrong password number ${attempt}`);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.getByRole('button', { name: 'Sign in' }).and(page.locator(':enabled')).waitFor();
      if ((await alert.textContent())?.startsWith('Too many attempts')) break;
    }
    await expect(alert.textContent()).resolves.toMatch(/^Too many attempts\. Try again in \d+ minute\(s\)\.$/);
    await context.close();
  });

  it('sends a signed-out visitor of a deep link to sign in, then back to that page', async () => {
    const { admin } = await registerAgency(server.client, 'Deep Link Agency');
    const { context } = await newLoopbackContext(browser);
    const page = await context.newPage();
    await page.goto(`${server.webUrl}/admin/members`);
    await page.waitForURL('**/sign-in?next=%2Fadmin%2Fmembers');
    await page.getByLabel('E-mail').fill(admin.email);
    await page.getByLabel('Password').fill(TEST_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Members of Deep Link Agency' }).waitFor();

    // Reloading keeps the session (sessionStorage); signing out ends it.
    await page.reload();
    await page.getByRole('heading', { name: 'Members of Deep Link Agency' }).waitFor();
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL('**/sign-in');
    await page.goto(`${server.webUrl}/admin/members`);
    await page.waitForURL('**/sign-in?next=*');
    await context.close();
  });
});

import { Browser } from 'playwright-core';
import { linkTokenIn, mailTo, registerAgency, TEST_PASSWORD, TestSmtpServer } from '@followthrough/server-testing';
import { describeInBrowser, launchChromium, newLoopbackContext } from './support/chromium';
import { expectNoPageErrors, recordPageErrors } from './support/dashboard-page';
import { DASHBOARD_MODULES } from './support/dashboard-modules';
import { checkPageAtBothSizes } from './support/page-checks';
import { startWebTestServer, WebTestServer } from './support/web-test-server';

const NEW_PASSWORD = 'copper meadow lantern 58';

describeInBrowser('resetting a forgotten password (Chromium)', () => {
  const smtp = new TestSmtpServer();
  let server: WebTestServer;
  let browser: Browser;

  beforeAll(async () => {
    await smtp.start();
    [server, browser] = await Promise.all([
      startWebTestServer(DASHBOARD_MODULES, { SMTP_URL: smtp.url }),
      launchChromium(),
    ]);
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await smtp.stop();
  });

  it('goes from "Forgot password?" to the e-mailed link to signing in with the new password', async () => {
    const { admin } = await registerAgency(server.client, 'Forgetful Agency');
    const { context, blockedRequests } = await newLoopbackContext(browser);
    const page = await context.newPage();
    const errors = recordPageErrors(page);

    await page.goto(`${server.webUrl}/sign-in`);
    await page.getByRole('link', { name: 'Forgot password?' }).click();
    await page.getByRole('heading', { name: 'Forgot your password?' }).waitFor();
    await checkPageAtBothSizes(page, 'forgot password');
    await page.getByLabel('E-mail').fill(admin.email);
    await page.getByRole('button', { name: 'E-mail me a reset link' }).click();
    await expect(page.getByRole('status').textContent()).resolves.toMatch(/a reset link is on its way/);

    const token = await linkTokenIn(
      await mailTo(smtp, admin.email, /^Reset your Followthrough password$/),
      '/reset-password',
    );
    await page.goto(`${server.webUrl}/reset-password?token=${encodeURIComponent(token)}`);
    await page.getByRole('heading', { name: 'Choose a new password' }).waitFor();
    await checkPageAtBothSizes(page, 'reset password');
    await page.getByLabel('New password', { exact: true }).fill(NEW_PASSWORD);
    await page.getByRole('button', { name: 'Save new password' }).click();
    await expect(page.getByRole('status').textContent()).resolves.toMatch(/Your password is changed/);

    // The link worked once: using it again says so, in a sentence (not after a field label).
    await page.goto(`${server.webUrl}/reset-password?token=${encodeURIComponent(token)}`);
    await page.getByLabel('New password', { exact: true }).fill('another copper lantern 77');
    await page.getByRole('button', { name: 'Save new password' }).click();
    await expect(page.getByRole('alert').textContent()).resolves.toMatch(
      /^This reset link is invalid, already used or expired; ask for a new one/,
    );

    await page.goto(`${server.webUrl}/sign-in`);
    await page.getByLabel('E-mail').fill(admin.email);
    await page.getByLabel('Password').fill(TEST_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByRole('alert').textContent()).resolves.toBe('The e-mail or the password is incorrect.');
    await page.getByLabel('Password').fill(NEW_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Follow-up Radar' }).waitFor();

    expectNoPageErrors(errors);
    expect(blockedRequests).toEqual([]);
    await context.close();
  });
});

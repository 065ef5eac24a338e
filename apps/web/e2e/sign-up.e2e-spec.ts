import { Browser, Page } from 'playwright-core';
import {
  linkTokenIn,
  mailTo,
  SIGN_UP_SUBJECT,
  TEST_PASSWORD,
  TestSmtpServer,
  uniqueEmail,
} from '@followthrough/server-testing';
import { describeInBrowser, launchChromium, newLoopbackContext } from './support/chromium';
import { expectNoPageErrors, recordPageErrors } from './support/dashboard-page';
import { DASHBOARD_MODULES } from './support/dashboard-modules';
import { checkPageAtBothSizes, screenshotAtBothSizes } from './support/page-checks';
import { startWebTestServer, WebTestServer } from './support/web-test-server';

/** The role of the element that has the focus, and its text. */
const focused = (page: Page) =>
  page.evaluate(() => ({
    role: document.activeElement?.getAttribute('role') ?? null,
    text: document.activeElement?.textContent ?? '',
  }));

/** Fills the sign-up form as a person would and sends it. */
async function fillRegisterForm(page: Page, fields: { agency: string; name: string; email: string }): Promise<void> {
  const form = page.getByRole('form', { name: 'Register your agency' });
  await form.getByLabel('Agency name').fill(fields.agency);
  await form.getByLabel('Time zone').selectOption('Europe/Paris');
  await form.getByLabel('Your name').fill(fields.name);
  await form.getByLabel('Your e-mail').fill(fields.email);
  await form.getByRole('button', { name: 'E-mail me a link' }).click();
}

describeInBrowser('signing up a new agency through the e-mailed link (Chromium)', () => {
  let server: WebTestServer;
  let browser: Browser;
  let mailbox: TestSmtpServer;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startWebTestServer(DASHBOARD_MODULES), launchChromium()]);
    mailbox = server.mailbox as TestSmtpServer;
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('asks for the address first, creates the agency only from the link, then signs its admin in', async () => {
    const email = uniqueEmail('robin');
    const { context, blockedRequests } = await newLoopbackContext(browser);
    const page = await context.newPage();
    const errors = recordPageErrors(page);

    await page.goto(`${server.webUrl}/sign-in`);
    await page.getByRole('link', { name: 'Register your agency' }).click();
    await page.getByRole('heading', { name: 'Register your agency' }).waitFor();
    expect(await page.title()).toBe('Register your agency · Followthrough');
    // Nothing asks for a password before the address is proven.
    await expect(page.locator('input[type=password]').count()).resolves.toBe(0);
    await checkPageAtBothSizes(page, 'register');

    // A refusal of the API is named with the form's label, on its field.
    await fillRegisterForm(page, { agency: 'Brand New Coaching', name: '   ', email });
    await expect(page.getByRole('alert').textContent()).resolves.toBe('Your name must not be empty');
    await expect(page.getByLabel('Your name').getAttribute('aria-invalid')).resolves.toBe('true');
    await expect(page.evaluate(() => (document.activeElement as HTMLInputElement).value)).resolves.toBe('   ');

    await fillRegisterForm(page, { agency: 'Brand New Coaching', name: 'Robin Admin', email });
    const sent = page.getByRole('status');
    await sent.waitFor();
    await expect(sent.textContent()).resolves.toContain(
      `If ${email} can be used, we sent it a link to finish creating Brand New Coaching. It works for 24 hours.`,
    );
    // The focus moves to the news, so a screen reader reads it and a keyboard starts from there.
    await expect(focused(page)).resolves.toEqual(expect.objectContaining({ role: 'status' }));
    await checkPageAtBothSizes(page, 'register, check your inbox');
    await screenshotAtBothSizes(page, 'register-check-inbox');

    // Only the mailbox holds the link; its address is the API's, so the test opens the same path here.
    const token = await linkTokenIn(await mailTo(mailbox, email, SIGN_UP_SUBJECT), '/verify-email');
    const link = `${server.webUrl}/verify-email?token=${encodeURIComponent(token)}`;
    await page.goto(link);
    await page.getByRole('heading', { name: 'Choose your password' }).waitFor();
    expect(await page.title()).toBe('Finish signing up · Followthrough');
    await checkPageAtBothSizes(page, 'verify e-mail');
    await screenshotAtBothSizes(page, 'verify-email');

    // The password policy is the API's; its refusal is named on the field.
    await page.getByLabel('Password', { exact: true }).fill('Password2024!!');
    await page.getByRole('button', { name: 'Create my agency' }).click();
    await expect(page.getByRole('alert').textContent()).resolves.toMatch(/^Password /);
    await expect(page.getByLabel('Password', { exact: true }).getAttribute('aria-invalid')).resolves.toBe('true');

    await page.getByLabel('Password', { exact: true }).fill(TEST_PASSWORD);
    await page.getByRole('button', { name: 'Create my agency' }).click();
    await page.getByRole('heading', { name: 'Follow-up Radar' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/admin/radar');
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Members' }).click();
    await page.getByRole('heading', { name: 'Members of Brand New Coaching' }).waitFor();
    await page.getByRole('table', { name: 'Members' }).getByRole('row').filter({ hasText: 'Robin Admin' }).waitFor();
    expectNoPageErrors(errors);
    expect(blockedRequests).toEqual([]);
    await context.close();

    // The same link, followed again (another browser): the address has an account now.
    const again = await newLoopbackContext(browser);
    const second = await again.context.newPage();
    await second.goto(link);
    await second.getByLabel('Password', { exact: true }).fill('another copper lantern 77');
    await second.getByRole('button', { name: 'Create my agency' }).click();
    const used = second.getByRole('alert');
    await expect(used.textContent()).resolves.toMatch(/^This sign-up link was already used/);
    await checkPageAtBothSizes(second, 'verify e-mail, link used');
    await screenshotAtBothSizes(second, 'verify-email-link-used');
    await used.getByRole('link', { name: 'Sign in' }).click();
    await second.waitForURL('**/sign-in');
    await again.context.close();
  });

  it('answers an address that already has an account exactly as any other', async () => {
    const email = uniqueEmail('taken');
    const { context } = await newLoopbackContext(browser);
    const page = await context.newPage();
    await page.goto(`${server.webUrl}/register`);
    await fillRegisterForm(page, { agency: 'First Agency', name: 'Taken Admin', email });
    const token = await linkTokenIn(await mailTo(mailbox, email, SIGN_UP_SUBJECT), '/verify-email');
    await page.goto(`${server.webUrl}/verify-email?token=${encodeURIComponent(token)}`);
    await page.getByLabel('Password', { exact: true }).fill(TEST_PASSWORD);
    await page.getByRole('button', { name: 'Create my agency' }).click();
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL('**/sign-in');

    await page.goto(`${server.webUrl}/register`);
    await fillRegisterForm(page, { agency: 'Second Agency', name: 'Taken Admin', email });
    await expect(page.getByRole('status').textContent()).resolves.toContain(
      `If ${email} can be used, we sent it a link to finish creating Second Agency.`,
    );
    // The owner is told by e-mail instead, and no new link was sent.
    await mailTo(mailbox, email, /^Someone tried to sign up/);
    expect(
      mailbox.received.filter((mail) => mail.to.includes(email) && SIGN_UP_SUBJECT.test(mail.subject ?? '')),
    ).toHaveLength(1);

    // "Use another address" brings the form back, filled in, to try again.
    await page.getByRole('button', { name: 'Use another address' }).click();
    const form = page.getByRole('form', { name: 'Register your agency' });
    await expect(form.getByLabel('Agency name').inputValue()).resolves.toBe('Second Agency');
    await expect(focused(page)).resolves.toEqual(expect.objectContaining({ role: null }));
    await expect(page.evaluate(() => document.activeElement?.getAttribute('type'))).resolves.toBe('email');
    await context.close();
  });

  it('explains a missing or broken link, with the way to sign up again', async () => {
    const { context } = await newLoopbackContext(browser);
    const page = await context.newPage();
    const errors = recordPageErrors(page);

    await page.goto(`${server.webUrl}/verify-email`);
    const missing = page.getByRole('alert');
    await expect(missing.textContent()).resolves.toMatch(/^This page needs the link from your sign-up e-mail/);
    await expect(page.getByRole('button', { name: 'Create my agency' }).count()).resolves.toBe(0);
    await checkPageAtBothSizes(page, 'verify e-mail, no link');

    await page.goto(`${server.webUrl}/verify-email?token=not-a-real-token`);
    await page.getByLabel('Password', { exact: true }).fill(TEST_PASSWORD);
    await page.getByRole('button', { name: 'Create my agency' }).click();
    const broken = page.getByRole('alert');
    await expect(broken.textContent()).resolves.toMatch(/^This sign-up link is invalid or expired/);
    await broken.getByRole('link', { name: 'Sign up again' }).click();
    await page.getByRole('heading', { name: 'Register your agency' }).waitFor();
    expectNoPageErrors(errors);
    await context.close();
  });
});

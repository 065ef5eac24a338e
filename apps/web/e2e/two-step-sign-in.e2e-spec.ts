import { Browser } from 'playwright-core';
import { generateSync } from 'otplib';
import { createAgencyFixture, invite, registerAgency, SignedIn, TEST_PASSWORD } from '@followthrough/server-testing';
import { describeInBrowser, launchChromium, newLoopbackContext } from './support/chromium';
import { expectNoPageErrors, recordPageErrors } from './support/dashboard-page';
import { DASHBOARD_MODULES } from './support/dashboard-modules';
import { checkPageAtBothSizes } from './support/page-checks';
import { startWebTestServer, WebTestServer } from './support/web-test-server';

const START = 'mutation { startMfaEnrolment { secret } }';
const CONFIRM = 'mutation C($input: MfaCodeInput!) { confirmMfaEnrolment(input: $input) }';

/** Turns two-step sign-in on through the API; answers the secret and the recovery codes. */
async function enrol(person: SignedIn): Promise<{ secret: string; recoveryCodes: string[] }> {
  const { secret } = (await person.client.ok(START))['startMfaEnrolment'] as { secret: string };
  const recoveryCodes = (await person.client.ok(CONFIRM, { input: { code: generateSync({ secret }) } }))[
    'confirmMfaEnrolment'
  ] as string[];
  return { secret, recoveryCodes };
}

/** A code from the next time step: the enrolment used the current one, and each step works once. */
const nextCode = (secret: string) => generateSync({ secret, epoch: Date.now() / 1000 + 30 });

describeInBrowser('two-step sign-in in the dashboard (Chromium)', () => {
  let server: WebTestServer;
  let browser: Browser;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startWebTestServer(DASHBOARD_MODULES), launchChromium()]);
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('asks for the code after the password, refuses a wrong one, signs in with the right one', async () => {
    const { admin } = await registerAgency(server.client, 'Two Step Web Agency');
    const { secret } = await enrol(admin);
    const { context, blockedRequests } = await newLoopbackContext(browser);
    const page = await context.newPage();
    const errors = recordPageErrors(page);

    await page.goto(`${server.webUrl}/sign-in`);
    await page.getByLabel('E-mail').fill(admin.email);
    await page.getByLabel('Password').fill(TEST_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    const codeField = page.getByLabel('Authentication code');
    await codeField.waitFor();
    // Being asked for the code is the next step, not an error.
    expect(await page.getByRole('alert').count()).toBe(0);
    await checkPageAtBothSizes(page, 'sign in, code asked');

    await codeField.fill('000000');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByRole('alert').textContent()).resolves.toMatch(/not right or was already used/);

    await codeField.fill(nextCode(secret));
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Follow-up Radar' }).waitFor();

    expectNoPageErrors(errors);
    expect(blockedRequests).toEqual([]);
    await context.close();
  });

  it('asks for the code in the session-ended dialog too, and keeps the draft', async () => {
    const agency = await createAgencyFixture(server.client, 'Two Step Draft Agency', 0, 1);
    const [client] = agency.clients;
    const { secret, recoveryCodes } = await enrol(client);
    const { context } = await newLoopbackContext(browser);
    const page = await context.newPage();
    const errors = recordPageErrors(page);

    await page.goto(`${server.webUrl}/sign-in`);
    await page.getByLabel('E-mail').fill(client.email);
    await page.getByLabel('Password').fill(TEST_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByLabel('Authentication code').fill(nextCode(secret));
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'My applications' }).waitFor();

    await page.getByRole('link', { name: 'Vent & actions' }).click();
    const ventBox = page.getByRole('form', { name: 'Vent box' });
    const draft = 'Typed before the session ended, with two-step sign-in on.';
    await ventBox.getByLabel("What's on your mind?").fill(draft);
    await client.client.ok('mutation { signOutEverywhere }');
    await ventBox.getByRole('button', { name: 'Save' }).click();

    const dialog = page.getByRole('dialog', { name: 'Session ended' });
    await dialog.waitFor();
    await dialog.getByLabel('Password').fill(TEST_PASSWORD);
    await dialog.getByRole('button', { name: 'Sign in again' }).click();
    // The code of this time step was used at sign-in: a recovery code does instead.
    await dialog.getByLabel('Authentication code').fill(recoveryCodes[0]);
    await dialog.getByRole('button', { name: 'Sign in again' }).click();
    await dialog.waitFor({ state: 'detached' });
    expect(await ventBox.getByLabel("What's on your mind?").inputValue()).toBe(draft);
    await ventBox.getByRole('button', { name: 'Save' }).click();
    await page.getByText('with two-step sign-in on').first().waitFor();

    expectNoPageErrors(errors);
    await context.close();
  });

  it('joins another agency from an invitation with the password and the code', async () => {
    const { admin: person } = await registerAgency(server.client, 'Two Step Home Agency');
    const { secret } = await enrol(person);
    const { admin: other } = await registerAgency(server.client, 'Two Step Inviting Agency');
    // The invitation's token is in the e-mail to the person only.
    const invitation = await invite(server.client, other, person.email, 'COACH');
    const { context } = await newLoopbackContext(browser);
    const page = await context.newPage();
    const errors = recordPageErrors(page);

    await page.goto(`${server.webUrl}/accept-invitation?token=${encodeURIComponent(invitation.token)}`);
    await page.getByLabel('Your name').fill('Same Person');
    await page.getByLabel('Choose a password').fill(TEST_PASSWORD);
    await page.getByRole('button', { name: 'Join agency' }).click();
    await page.getByLabel('Authentication code').fill(nextCode(secret));
    await page.getByRole('button', { name: 'Join agency' }).click();
    // A coach starts on their clients.
    await page.waitForURL('**/coach/clients');

    expectNoPageErrors(errors);
    await context.close();
  });
});

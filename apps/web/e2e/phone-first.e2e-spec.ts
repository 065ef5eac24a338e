import { Browser } from 'playwright-core';
import { AgencyFixture, createAgencyFixture, TEST_PASSWORD } from '@followthrough/server-testing';
import { describeInBrowser, launchChromium, newLoopbackContext } from './support/chromium';
import { expectNoPageErrors, recordPageErrors, signInThroughPage } from './support/dashboard-page';
import { DASHBOARD_MODULES } from './support/dashboard-modules';
import { checkPageAtBothSizes, PHONE } from './support/page-checks';
import { startWebTestServer, WebTestServer } from './support/web-test-server';

const CREATE_APPLICATION = `mutation ($input: CreateApplicationInput!) { createApplication(input: $input) { id company { id } } }`;
const ADD_CONTACT = `mutation ($input: AddContactInput!) { addContact(input: $input) { id } }`;
const TOUCHES = `query ($id: ID!) { application(id: $id) { followUps { id outcome } } }`;

describeInBrowser('the client’s phone: next call, offline logging, installing (Chromium)', () => {
  let server: WebTestServer;
  let browser: Browser;
  let agency: AgencyFixture;
  let applicationId: string;

  const touches = async (): Promise<Array<{ id: string; outcome: string }>> =>
    (await agency.clients[0].client.ok(TOUCHES, { id: applicationId }))['application'].followUps;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startWebTestServer(DASHBOARD_MODULES), launchChromium()]);
    agency = await createAgencyFixture(server.client, 'Phone First Agency', 1, 1);
    const client = agency.clients[0].client;
    const created = (
      await client.ok(CREATE_APPLICATION, {
        input: {
          companyName: 'Acme Widgets',
          title: 'Staff Platform Engineer',
          companyMainPhone: '+1 555 010 1000',
          appliedAt: new Date(Date.now() - 5 * 86_400_000).toISOString(),
        },
      })
    )['createApplication'];
    applicationId = created.id;
    await client.ok(ADD_CONTACT, {
      input: {
        companyId: created.company.id,
        name: 'Dana Lee',
        role: 'HIRING_MANAGER',
        phone: '+1 (555) 010-4000',
        howFound: 'JOB_POST',
      },
    });
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('opens on the next call, logs it in one tap, and sends a touch logged offline exactly once', async () => {
    const { context, blockedRequests } = await newLoopbackContext(browser);
    const page = await context.newPage();
    await page.setViewportSize(PHONE);
    const errors = recordPageErrors(page);
    await signInThroughPage(page, server.webUrl, agency.clients[0].email, TEST_PASSWORD);

    const card = page.getByRole('region', { name: 'Next call' });
    // Nobody's number was known when the client applied: the first call asks the company's line who recruits.
    await card.getByText('Call the main line of Acme Widgets about').waitFor();
    expect(await card.getByRole('link', { name: 'Call +1 555 010 1000' }).getAttribute('href')).toBe(
      'tel:+15550101000',
    );
    await card.getByRole('heading', { name: 'What to say' }).waitFor();
    await checkPageAtBothSizes(page, 'client home');
    await page.setViewportSize(PHONE);

    // One tap after the call logs it.
    await card.getByRole('button', { name: 'No answer' }).click();
    await card.getByRole('status').filter({ hasText: 'Call logged: no answer.' }).waitFor();
    expect((await touches()).map((touch) => touch.outcome)).toEqual(['NO_ANSWER']);

    // The answer is lost on the way back: the phone keeps the touch and sends it again, and the key makes the server store it once.
    let answersLost = 0;
    await page.route('**/graphql', async (route) => {
      if (answersLost > 0 || !route.request().postData()?.includes('LogFollowUp')) return route.fallback();
      answersLost += 1;
      await route.fetch();
      return route.abort('internetdisconnected');
    });
    await card.getByRole('button', { name: 'Left a voicemail' }).click();
    await card.getByRole('status').filter({ hasText: 'saved on this phone' }).waitFor();
    await page.getByRole('status').filter({ hasText: '1 touch is saved on this device' }).waitFor();
    expect(await touches()).toHaveLength(2);
    await page.unrouteAll();
    await context.setOffline(true);
    await context.setOffline(false);
    await page
      .getByRole('status')
      .filter({ hasText: 'Back online: sent Phone call to Acme Widgets: left a voicemail' })
      .waitFor();
    expect((await touches()).map((touch) => touch.outcome).sort()).toEqual(['NO_ANSWER', 'VOICEMAIL']);

    // Offline: kept on the phone (even across a reload), sent once the connection is back.
    await context.setOffline(true);
    await card.getByRole('button', { name: 'Stopped by a gatekeeper' }).click();
    await card
      .getByRole('status')
      .filter({ hasText: 'No connection: the call (stopped by a gatekeeper) is saved on this phone' })
      .waitFor();
    expect(await touches()).toHaveLength(2);
    await context.setOffline(false);
    await page.getByRole('status').filter({ hasText: 'Back online: sent' }).waitFor();
    await page.reload();
    await card.waitFor();
    expect((await touches()).map((touch) => touch.outcome).sort()).toEqual(['GATEKEEPER', 'NO_ANSWER', 'VOICEMAIL']);

    // A status update stops the cadence, and the card says so.
    await card.getByRole('button', { name: 'Got a status update' }).click();
    await card
      .getByRole('status')
      .filter({
        hasText: 'Call logged: got a status update. The employer answered, so the follow-up cadence has stopped.',
      })
      .waitFor();
    await card.getByText('No call is planned right now.').waitFor();
    expect(await touches()).toHaveLength(4);

    // The application page says why no step is waiting; it and the vents page fit a phone.
    await page.getByRole('link', { name: 'Staff Platform Engineer' }).first().click();
    await page
      .getByRole('region', { name: 'Planned steps' })
      .getByText(/^The employer answered/)
      .waitFor();
    expect(await page.title()).toBe('Staff Platform Engineer at Acme Widgets · Followthrough');
    await checkPageAtBothSizes(page, 'client application');
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Vent & actions' }).click();
    await page.getByRole('heading', { name: 'Vent & actions' }).first().waitFor();
    await checkPageAtBothSizes(page, 'client vents');
    expectNoPageErrors(errors);
    expect(blockedRequests).toEqual([]);
    await context.close();
  }, 180_000);

  it('installs as an app: a manifest, and a service worker that opens the dashboard without a connection', async () => {
    const { context } = await newLoopbackContext(browser, { serviceWorkers: 'allow' });
    const page = await context.newPage();
    await signInThroughPage(page, server.webUrl, agency.clients[0].email, TEST_PASSWORD);
    const manifestHref = await page.locator('link[rel="manifest"]').getAttribute('href');
    const manifest = await (await fetch(`${server.webUrl}${manifestHref}`)).json();
    expect(manifest).toMatchObject({ name: 'Followthrough', start_url: '/', display: 'standalone' });
    await page.evaluate(async () => {
      await navigator.serviceWorker.ready;
    });
    await page.reload();
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null);

    await context.setOffline(true);
    await page.reload();
    await page.getByRole('heading', { name: 'My applications' }).waitFor();
    await page.getByRole('button', { name: 'Sign out' }).waitFor();
    await context.setOffline(false);
    await context.close();
  }, 180_000);
});

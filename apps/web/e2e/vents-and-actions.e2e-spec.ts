import { Browser } from 'playwright-core';
import { createAgencyFixture, TEST_PASSWORD } from '@followthrough/server-testing';
import { describeInBrowser, launchChromium, newLoopbackContext } from './support/chromium';
import { expectNoPageErrors, recordPageErrors, signInThroughPage } from './support/dashboard-page';
import { DASHBOARD_MODULES } from './support/dashboard-modules';
import { startWebTestServer, WebTestServer } from './support/web-test-server';

const TEN_DAYS_AGO = new Date(Date.now() - 10 * 86_400_000).toISOString();

describeInBrowser('vents, suggested actions and actions (Chromium)', () => {
  let server: WebTestServer;
  let browser: Browser;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startWebTestServer(DASHBOARD_MODULES), launchChromium()]);
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('a client shares one vent and keeps another private; the coach turns the shared one into actions; the client completes one', async () => {
    const agency = await createAgencyFixture(server.client, 'Vent Agency', 1, 1);
    const [client] = agency.clients;
    await client.client.ok('mutation($input: CreateApplicationInput!) { createApplication(input: $input) { id } }', {
      input: { companyName: 'Initech', title: 'Account Manager', appliedAt: TEN_DAYS_AGO },
    });

    // The client writes two vents: one shared through the switch, one left private.
    const clientSide = await newLoopbackContext(browser);
    const clientPage = await clientSide.context.newPage();
    const clientErrors = recordPageErrors(clientPage);
    await signInThroughPage(clientPage, server.webUrl, client.email, TEST_PASSWORD);
    await clientPage.getByRole('link', { name: 'Vent & actions' }).click();
    const ventBox = clientPage.getByRole('form', { name: 'Vent box' });
    await ventBox.getByLabel("What's on your mind?").fill('Just for me: I am tired of all of this.');
    await ventBox.getByRole('button', { name: 'Save' }).click();
    await clientPage.getByRole('status').filter({ hasText: 'Only you can read it.' }).waitFor();

    await ventBox
      .getByLabel("What's on your mind?")
      .fill('I applied everywhere and I never hear back from anyone. Nobody answers.');
    await ventBox.getByLabel('How do you feel?').selectOption('2');
    const shareSwitch = ventBox.getByRole('switch', { name: 'Share with my coach' });
    expect(await shareSwitch.isChecked()).toBe(false);
    await shareSwitch.check();
    await ventBox.getByRole('button', { name: 'Save' }).click();
    await clientPage.getByRole('status').filter({ hasText: 'Saved and shared with your coach.' }).waitFor();
    await clientPage.getByText('I never hear back from anyone').waitFor();

    // The coach reads only the shared vent, asks for suggestions and converts them.
    const coachSide = await newLoopbackContext(browser);
    const coachPage = await coachSide.context.newPage();
    const coachErrors = recordPageErrors(coachPage);
    await signInThroughPage(coachPage, server.webUrl, agency.coaches[0].email, TEST_PASSWORD);
    await coachPage.getByRole('link', { name: 'Vent Agency Client 1' }).click();
    await coachPage.getByText('I never hear back from anyone').waitFor();
    await expect(coachPage.getByText('Just for me').count()).resolves.toBe(0);

    await coachPage.getByRole('button', { name: 'Suggest actions' }).click();
    const planner = coachPage.getByRole('form', { name: 'Plan actions' });
    await planner.waitFor();
    const firstTitle = planner.getByLabel('Action 1', { exact: true });
    if ((await firstTitle.count()) === 0) {
      await planner.getByRole('button', { name: 'Add your own step' }).click();
    }
    await planner.getByLabel('Action 1', { exact: true }).fill('Call Initech about the Account Manager role');
    await planner.getByRole('button', { name: /^Create \d+ actions?$/ }).click();
    await coachPage.getByText('Turned into actions').waitFor();
    const coachActions = coachPage.getByRole('list', { name: 'Open actions of Vent Agency Client 1' });
    await coachActions.getByText('Call Initech about the Account Manager role').waitFor();
    expectNoPageErrors(coachErrors);
    expect(coachSide.blockedRequests).toEqual([]);

    // The client sees the action and marks it done.
    await clientPage.reload();
    const openActions = clientPage.getByRole('list', { name: 'Open actions' });
    await openActions.getByText('Call Initech about the Account Manager role').waitFor();
    await openActions.getByRole('button', { name: 'Mark "Call Initech about the Account Manager role" done' }).click();
    await clientPage.getByText(/^Done and dropped \(\d+\)$/).click();
    await clientPage
      .getByRole('list', { name: 'Settled actions' })
      .getByText('Call Initech about the Account Manager role')
      .waitFor();
    expectNoPageErrors(clientErrors);
    expect(clientSide.blockedRequests).toEqual([]);
    await clientSide.context.close();
    await coachSide.context.close();
  });
});

import { readFileSync } from 'node:fs';
import { strFromU8, unzipSync } from 'fflate';
import { Browser } from 'playwright-core';
import { AgencyFixture, createAgencyFixture, TEST_PASSWORD } from '@followthrough/server-testing';
import { describeInBrowser, launchChromium, newLoopbackContext } from './support/chromium';
import { expectNoPageErrors, recordPageErrors, signInThroughPage } from './support/dashboard-page';
import { DASHBOARD_MODULES } from './support/dashboard-modules';
import { startWebTestServer, WebTestServer } from './support/web-test-server';

const CREATE_APPLICATION = `mutation ($input: CreateApplicationInput!) { createApplication(input: $input) { id } }`;
const COMPANY = `query ($id: ID!) { application(id: $id) { company { mainPhone unconfirmed agencyDetails { mainPhone } } } }`;

describeInBrowser('company details and my data in the dashboard (Chromium)', () => {
  let server: WebTestServer;
  let browser: Browser;
  let agency: AgencyFixture;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startWebTestServer(DASHBOARD_MODULES), launchChromium()]);
    agency = await createAgencyFixture(server.client, 'Rights Web Agency', 1, 1);
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('a client downloads their data as a zip with the token; the coach confirms the number they gave', async () => {
    const [client] = agency.clients;
    const applicationId = (
      await client.client.ok(CREATE_APPLICATION, {
        input: { companyName: 'Lumen Freight', title: 'Planner', companyMainPhone: '+1 312 555 0177' },
      })
    )['createApplication'].id as string;

    const { context } = await newLoopbackContext(browser);
    const page = await context.newPage();
    const errors = recordPageErrors(page);
    await signInThroughPage(page, server.webUrl, client.email, TEST_PASSWORD);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download my data' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('my-data.zip');
    const files = unzipSync(new Uint8Array(readFileSync(await download.path())));
    const data = JSON.parse(strFromU8(files['data.json']));
    expect(data.contexts.pipeline.applications).toEqual([
      expect.objectContaining({ id: applicationId, title: 'Planner', company_main_phone: '+1 312 555 0177' }),
    ]);
    expect(strFromU8(files['csv/pipeline/applications.csv'])).toContain('Lumen Freight');
    expectNoPageErrors(errors);
    await context.close();

    // The coach sees the number only the client gave and makes it the agency's.
    const coachContext = (await newLoopbackContext(browser)).context;
    const coachPage = await coachContext.newPage();
    await signInThroughPage(coachPage, server.webUrl, agency.coaches[0].email, TEST_PASSWORD);
    await coachPage.goto(`${server.webUrl}/coach/clients/${client.userId}`);
    const unconfirmed = coachPage.getByLabel('Unconfirmed details of Lumen Freight');
    await unconfirmed.getByText('main line +1 312 555 0177').waitFor();
    await unconfirmed.getByRole('button', { name: 'Confirm for the agency' }).click();
    await unconfirmed.waitFor({ state: 'detached' });
    const company = (await client.client.ok(COMPANY, { id: applicationId }))['application'].company;
    expect(company).toEqual({
      mainPhone: '+1 312 555 0177',
      unconfirmed: false,
      agencyDetails: { mainPhone: '+1 312 555 0177' },
    });
    await coachContext.close();
  });
});

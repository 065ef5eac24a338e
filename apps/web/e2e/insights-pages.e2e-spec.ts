import { readFileSync } from 'node:fs';
import { Browser, Page } from 'playwright-core';
import { AgencyFixture, createAgencyFixture, SignedIn, TEST_PASSWORD } from '@followthrough/server-testing';
import { describeInBrowser, launchChromium, newLoopbackContext } from './support/chromium';
import { expectNoPageErrors, recordPageErrors, signInThroughPage } from './support/dashboard-page';
import { DASHBOARD_MODULES } from './support/dashboard-modules';
import { checkPageAtBothSizes } from './support/page-checks';
import { startWebTestServer, WebTestServer } from './support/web-test-server';

const FOLLOW_UP_RADAR = `query ($first: Int) { followUpRadar(first: $first) { edges { node { clientUserId clientName reasons { text weight } } } } }`;
const CHANNELS = 'responseRateByChannel { channel touches rate }';
const CLIENT_SCORECARD = `query ($clientUserId: ID!) { clientScorecard(clientUserId: $clientUserId) { applications ${CHANNELS} } }`;
const AGENCY_DASHBOARD = `query ($period: InsightsPeriodInput) { agencyDashboard(period: $period) { coaches { coachUserId } ${CHANNELS} funnel { stage count } } }`;

interface ChannelFigures {
  responseRateByChannel: Array<{ channel: string; touches: number; rate: number | null }>;
}
interface RadarAnswer {
  edges: Array<{
    node: { clientUserId: string; clientName: string; reasons: Array<{ text: string; weight: number }> };
  }>;
}

/** What the channel chart must write beside each bar, from the API's figures. */
function expectedChannelLabels(figures: ChannelFigures): string[] {
  return figures.responseRateByChannel.map((channel) =>
    channel.rate === null ? 'no touches' : `${Math.round(channel.rate * 100)} % of ${channel.touches}`,
  );
}

/** The Insights page's default period: the last 12 weeks from local midnight. */
function last12Weeks(): { from: string } {
  const today = new Date();
  return { from: new Date(today.getFullYear(), today.getMonth(), today.getDate() - 84).toISOString() };
}

const CREATE_APPLICATION = `mutation ($input: CreateApplicationInput!) { createApplication(input: $input) { id } }`;
const LOG_FOLLOW_UP = `mutation ($input: LogFollowUpInput!) { logFollowUp(input: $input) { id } }`;

function daysAgo(days: number): string {
  return new Date(Date.now() - days * 86_400_000).toISOString();
}

async function addApplication(client: SignedIn, company: string, appliedDaysAgo: number): Promise<string> {
  const data = await client.client.ok(CREATE_APPLICATION, {
    input: { companyName: company, title: 'Data Analyst', appliedAt: daysAgo(appliedDaysAgo) },
  });
  return data['createApplication'].id as string;
}

async function logTouch(
  client: SignedIn,
  applicationId: string,
  channel: string,
  outcome: string | null,
  occurredDaysAgo: number,
): Promise<void> {
  await client.client.ok(LOG_FOLLOW_UP, {
    input: { applicationId, channel, purpose: 'STATUS_CHECK', outcome, occurredAt: daysAgo(occurredDaysAgo) },
  });
}

/** The figures written beside the bars of the chart with this caption. */
async function barLabels(page: Page, caption: string): Promise<string[]> {
  const figure = page.locator('figure').filter({ has: page.locator('figcaption', { hasText: caption }) });
  await figure.locator('.recharts-label-list text').first().waitFor();
  // Recharts writes a label word by word (one tspan each).
  return figure
    .locator('.recharts-label-list text')
    .evaluateAll((texts) =>
      texts.map(
        (text) =>
          Array.from(text.querySelectorAll('tspan'), (span) => span.textContent).join(' ') || (text.textContent ?? ''),
      ),
    );
}

async function downloadText(page: Page, buttonName: string): Promise<{ name: string; text: string }> {
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: buttonName }).click(),
  ]);
  const path = await download.path();
  return { name: download.suggestedFilename(), text: readFileSync(path, 'utf8') };
}

describeInBrowser('the radar, scorecard and insights pages (Chromium)', () => {
  let server: WebTestServer;
  let browser: Browser;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startWebTestServer(DASHBOARD_MODULES), launchChromium()]);
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  let agency: AgencyFixture;

  beforeAll(async () => {
    // Coach 1 has clients 1 and 3, coach 2 has client 2.
    agency = await createAgencyFixture(server.client, 'Radar Agency', 2, 3);
    const [first, second, third] = agency.clients;
    // Client 1 applied long ago and never followed up: the top of coach 1's radar.
    await addApplication(first, 'Northwind Analytics', 20);
    const called = await addApplication(third, 'Acme Widgets', 6);
    await logTouch(third, called, 'PHONE', 'GOT_STATUS', 4);
    await logTouch(third, called, 'EMAIL', null, 2);
    const mailed = await addApplication(second, 'Globex', 8);
    await logTouch(second, mailed, 'EMAIL', 'NO_ANSWER', 3);
  }, 60_000);

  it('ranks the coach’s clients as the API does, charts the scorecard and downloads the CSV files with the token', async () => {
    const coach = agency.coaches[0];
    const expectedRadar = (await coach.client.ok(FOLLOW_UP_RADAR, { first: 25 }))['followUpRadar'] as RadarAnswer;
    const expectedNames = expectedRadar.edges.map((edge) => edge.node.clientName);
    expect(expectedNames.sort()).toEqual(['Radar Agency Client 1', 'Radar Agency Client 3']);

    const { context, blockedRequests } = await newLoopbackContext(browser);
    const page = await context.newPage();
    const errors = recordPageErrors(page);
    const graphqlUrls: string[] = [];
    page.on('request', (request) => graphqlUrls.push(request.url()));
    await signInThroughPage(page, server.webUrl, coach.email, TEST_PASSWORD);

    // The coach lands on the radar, in the API's order, each row with its reasons.
    const radar = page.getByRole('list', { name: 'Follow-up Radar' });
    await radar.waitFor();
    expect(await radar.getByRole('heading').allTextContents()).toEqual(
      expectedRadar.edges.map((edge) => edge.node.clientName),
    );
    const top = expectedRadar.edges[0].node;
    const topReasons = radar.getByRole('list', { name: `Why ${top.clientName} is here` });
    expect(await topReasons.getByRole('listitem').allTextContents()).toEqual(
      top.reasons.map((reason) => `${reason.text} +${reason.weight}`),
    );
    await page.getByText(/Figures computed/).waitFor();
    expect(await page.title()).toBe('Follow-up Radar · Followthrough');
    await checkPageAtBothSizes(page, 'coach radar');

    const radarCsv = await downloadText(page, 'Download CSV');
    expect(radarCsv.name).toBe('radar.csv');
    const csvRows = radarCsv.text.trim().split(/\r?\n/);
    expect(csvRows).toHaveLength(1 + expectedRadar.edges.length);
    expect(csvRows.slice(1).map((row) => row.split(',')[2])).toEqual(expectedNames.map((name) => name));

    // The top client's page: the scorecard beside the pipeline, its chart drawn from the API's figures.
    await radar.getByRole('link', { name: top.clientName }).click();
    await page.getByRole('heading', { name: 'Scorecard' }).waitFor();
    const card = (await coach.client.ok(CLIENT_SCORECARD, { clientUserId: top.clientUserId }))[
      'clientScorecard'
    ] as ChannelFigures & { applications: number };
    expect(await barLabels(page, 'Response rate by channel')).toEqual(expectedChannelLabels(card));
    expect(await page.title()).toBe(`${top.clientName} · Followthrough`);
    await checkPageAtBothSizes(page, 'coach client');
    const pipelineCsv = await downloadText(page, 'Pipeline CSV');
    expect(pipelineCsv.text.trim().split(/\r?\n/)).toHaveLength(1 + card.applications);

    // No token ever went into an address.
    expect(graphqlUrls.filter((url) => /token|bearer/i.test(url))).toEqual([]);
    expectNoPageErrors(errors);
    expect(blockedRequests).toEqual([]);
    await context.close();
  }, 180_000);

  it('gives the admin the whole agency on the radar, filtered by coach, and the Insights page charting the dashboard', async () => {
    const adminSide = await newLoopbackContext(browser);
    const adminPage = await adminSide.context.newPage();
    const adminErrors = recordPageErrors(adminPage);
    await signInThroughPage(adminPage, server.webUrl, agency.admin.email, TEST_PASSWORD);
    const agencyRadar = adminPage.getByRole('list', { name: 'Follow-up Radar' });
    await agencyRadar.getByRole('heading').nth(2).waitFor();
    await checkPageAtBothSizes(adminPage, 'admin radar');
    await adminPage.getByLabel('Coach').selectOption({ label: 'Radar Agency Coach 2' });
    await adminPage.waitForFunction(() => document.querySelectorAll('.radar-name').length === 1);
    expect(await agencyRadar.getByRole('heading').allTextContents()).toEqual(['Radar Agency Client 2']);

    await adminPage.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Insights' }).click();
    await adminPage.getByRole('table', { name: 'Coaches' }).waitFor();
    const dashboard = (await agency.admin.client.ok(AGENCY_DASHBOARD, { period: last12Weeks() }))[
      'agencyDashboard'
    ] as ChannelFigures & { coaches: unknown[]; funnel: Array<{ stage: string; count: number }> };
    expect(await barLabels(adminPage, 'Response rate by channel')).toEqual(expectedChannelLabels(dashboard));
    expect(await barLabels(adminPage, 'Applications by furthest stage')).toEqual(
      dashboard.funnel.map((stage) => String(stage.count)),
    );
    const funnelName = await adminPage
      .getByRole('img', { name: /^Applications by furthest stage/ })
      .getAttribute('aria-label');
    expect(funnelName).toContain(`Applied ${dashboard.funnel.find((stage) => stage.stage === 'APPLIED')?.count}`);
    const coachRows = adminPage.getByRole('table', { name: 'Coaches' }).getByRole('row');
    expect(await coachRows.count()).toBe(1 + dashboard.coaches.length);
    expect(await adminPage.title()).toBe('Insights · Followthrough');
    await checkPageAtBothSizes(adminPage, 'insights');

    // Another period asks the API again.
    await adminPage.getByLabel('Period').selectOption({ label: 'All time' });
    await adminPage.getByText(/^All time; computed/).waitFor();

    await adminPage.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Members' }).click();
    await adminPage.getByRole('table', { name: 'Members' }).waitFor();
    await checkPageAtBothSizes(adminPage, 'members');
    await adminPage.getByRole('link', { name: 'Radar Agency Client 2' }).click();
    await adminPage.getByRole('heading', { name: 'Scorecard' }).waitFor();
    await checkPageAtBothSizes(adminPage, 'admin client');
    expectNoPageErrors(adminErrors);
    await adminSide.context.close();
  }, 180_000);
});

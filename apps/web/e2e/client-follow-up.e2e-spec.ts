import { Browser } from 'playwright-core';
import { createAgencyFixture, TEST_PASSWORD } from '@followthrough/server-testing';
import { describeInBrowser, launchChromium, newLoopbackContext } from './support/chromium';
import { expectNoPageErrors, recordPageErrors, signInThroughPage } from './support/dashboard-page';
import { DASHBOARD_MODULES } from './support/dashboard-modules';
import { startWebTestServer, WebTestServer } from './support/web-test-server';

describeInBrowser('a client logging follow-up, and their coach reading it (Chromium)', () => {
  let server: WebTestServer;
  let browser: Browser;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startWebTestServer(DASHBOARD_MODULES), launchChromium()]);
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('adds an application, logs a phone follow-up, sees it listed, and the coach and the admin see it too', async () => {
    const agency = await createAgencyFixture(server.client, 'Follow Up Agency', 1, 1);
    const [client] = agency.clients;

    const clientSide = await newLoopbackContext(browser);
    const page = await clientSide.context.newPage();
    const errors = recordPageErrors(page);
    await signInThroughPage(page, server.webUrl, client.email, TEST_PASSWORD);
    await page.getByRole('heading', { name: 'My applications' }).waitFor();
    await page.getByText('No applications yet.').waitFor();

    const newApplication = page.getByRole('form', { name: 'Add an application' });
    await newApplication.getByLabel('Company', { exact: true }).fill('Acme Robotics');
    await newApplication.getByLabel('Job title').fill('Support Engineer');
    await newApplication.getByLabel("Recruiter's e-mail").fill('jo@acme-robotics.example');
    await newApplication.getByRole('button', { name: 'Add application' }).click();

    // It opens the new application: the company's site comes from the recruiter's address.
    await page.getByRole('heading', { name: 'Support Engineer at Acme Robotics' }).waitFor();
    await page.getByRole('link', { name: 'acme-robotics.example' }).waitFor();
    await page.getByText('No follow-up logged yet.').waitFor();
    // The agency's playbook has planned the first step already.
    await page.getByRole('list', { name: 'Planned steps' }).getByRole('listitem').first().waitFor();

    const logForm = page.getByRole('form', { name: 'Log a follow-up' });
    await logForm.getByLabel('Channel').selectOption('PHONE');
    await logForm.getByLabel('Purpose').selectOption('PROCESS_INFO');
    await logForm.getByLabel('Outcome').selectOption('GOT_PROCESS_INFO');
    await logForm.getByLabel('Notes').fill('Two interviews, then a take-home task. Decision in two weeks.');
    await logForm.getByRole('button', { name: 'Log follow-up' }).click();
    await page.getByRole('status').filter({ hasText: 'Phone call logged.' }).waitFor();

    const followUps = page.getByRole('list', { name: 'Follow-ups' });
    const touch = followUps.getByRole('listitem').first();
    await touch.filter({ hasText: 'Phone call' }).waitFor();
    expect(await touch.textContent()).toContain('Ask about the hiring process');
    expect(await touch.textContent()).toContain('Learned the hiring process');
    expect(await touch.textContent()).toContain('Two interviews, then a take-home task.');

    // Back on the list, the application shows a follow-up today.
    await page.getByRole('link', { name: '← My applications' }).click();
    const row = page
      .getByRole('table', { name: 'My applications' })
      .getByRole('row')
      .filter({ hasText: 'Support Engineer' });
    await row.filter({ hasText: 'Today' }).waitFor();
    await page.getByRole('button', { name: 'Add these steps to my calendar' }).click();
    expect(await page.getByLabel('Calendar address').inputValue()).toMatch(/\/calendar\/steps\.ics\?token=/);
    expectNoPageErrors(errors);
    expect(clientSide.blockedRequests).toEqual([]);
    await clientSide.context.close();

    // The coach opens the client and reads the touch in their follow-up activity.
    const coachSide = await newLoopbackContext(browser);
    const coachPage = await coachSide.context.newPage();
    await signInThroughPage(coachPage, server.webUrl, agency.coaches[0].email, TEST_PASSWORD);
    await coachPage.getByRole('link', { name: 'Follow Up Agency Client 1' }).click();
    await coachPage.getByRole('heading', { name: 'Follow Up Agency Client 1' }).waitFor();
    const activity = coachPage.getByRole('list', { name: 'Follow-ups on Support Engineer' });
    await activity.getByRole('listitem').filter({ hasText: 'Phone call' }).waitFor();
    const figures = coachPage.getByLabel('Follow-up figures');
    expect(await figures.textContent()).toContain('Beyond e-mail100%');
    expect(coachSide.blockedRequests).toEqual([]);
    await coachSide.context.close();

    // The admin reaches the same activity from the agency's radar.
    const adminSide = await newLoopbackContext(browser);
    const adminPage = await adminSide.context.newPage();
    await signInThroughPage(adminPage, server.webUrl, agency.admin.email, TEST_PASSWORD);
    await adminPage
      .getByRole('list', { name: 'Follow-up Radar' })
      .getByRole('link', { name: 'Follow Up Agency Client 1' })
      .click();
    await adminPage
      .getByRole('list', { name: 'Follow-ups on Support Engineer' })
      .getByRole('listitem')
      .filter({ hasText: 'Phone call' })
      .waitFor();
    await adminSide.context.close();
  });
});

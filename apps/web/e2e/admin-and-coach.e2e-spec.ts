import { Browser } from 'playwright-core';
import {
  ASSIGN_CLIENT,
  createAgencyFixture,
  inviteAndAccept,
  registerAgency,
  TEST_PASSWORD,
  uniqueEmail,
} from '@followthrough/server-testing';
import { describeInBrowser, launchChromium, newLoopbackContext } from './support/chromium';
import { expectNoPageErrors, recordPageErrors, signInThroughPage } from './support/dashboard-page';
import { DASHBOARD_MODULES } from './support/dashboard-modules';
import { startWebTestServer, WebTestServer } from './support/web-test-server';

describeInBrowser('the admin and coach pages (Chromium)', () => {
  let server: WebTestServer;
  let browser: Browser;

  beforeAll(async () => {
    // Default settings: a new assignment must be on the coach's radar at once, with no cache to wait out.
    [server, browser] = await Promise.all([startWebTestServer(DASHBOARD_MODULES), launchChromium()]);
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('lets an admin invite a coach, who joins through the link, and assign them a client', async () => {
    const { admin } = await registerAgency(server.client, 'Invite Flow Agency');
    const adminSide = await newLoopbackContext(browser);
    const adminPage = await adminSide.context.newPage();
    const adminErrors = recordPageErrors(adminPage);
    await signInThroughPage(adminPage, server.webUrl, admin.email, TEST_PASSWORD);
    await adminPage.getByRole('heading', { name: 'Follow-up Radar' }).waitFor();
    await adminPage.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Members' }).click();

    // Invite a client and a coach; each invitation's link is shown once.
    const inviteForm = adminPage.getByRole('form', { name: 'Invite a member' });
    const clientEmail = uniqueEmail('invited.client');
    await inviteForm.getByLabel('E-mail').fill(clientEmail);
    await inviteForm.getByLabel('Role').selectOption('CLIENT');
    await inviteForm.getByRole('button', { name: 'Create invitation' }).click();
    const clientLink = await adminPage.getByLabel('Invitation link').inputValue();

    const coachEmail = uniqueEmail('invited.coach');
    await inviteForm.getByLabel('E-mail').fill(coachEmail);
    await inviteForm.getByLabel('Role').selectOption('COACH');
    await inviteForm.getByRole('button', { name: 'Create invitation' }).click();
    await adminPage.getByRole('status').filter({ hasText: coachEmail }).waitFor();
    const coachLink = await adminPage.getByLabel('Invitation link').inputValue();
    expect(coachLink).toMatch(new RegExp(`^${server.webUrl}/accept-invitation\\?token=.+`));
    expect(coachLink).not.toBe(clientLink);

    // Both accept in their own browsers: the coach opens the link; the client pastes it into the form.
    for (const { link, name, opensLink } of [
      { link: clientLink, name: 'Casey Client', opensLink: false },
      { link: coachLink, name: 'Morgan Coach', opensLink: true },
    ]) {
      const invitee = await newLoopbackContext(browser);
      const page = await invitee.context.newPage();
      if (opensLink) {
        await page.goto(link);
        expect(await page.getByLabel('Invitation code').inputValue()).not.toBe('');
      } else {
        await page.goto(`${server.webUrl}/sign-in`);
        await page.getByRole('link', { name: 'Accept your invitation' }).click();
        await page.getByLabel('Invitation code').fill(link);
      }
      await page.getByRole('heading', { name: 'Join your agency' }).waitFor();
      await page.getByLabel('Your name').fill(name);
      await page.getByLabel('Choose a password').fill(TEST_PASSWORD);
      await page.getByRole('button', { name: 'Join agency' }).click();
      await page.getByRole('button', { name: 'Sign out' }).waitFor();
      expect(invitee.blockedRequests).toEqual([]);
      await invitee.context.close();
    }

    // The admin sees them, and puts the client on the coach's caseload.
    await adminPage.getByRole('button', { name: 'Refresh' }).click();
    const members = adminPage.getByRole('table', { name: 'Members' });
    await members.getByRole('row').filter({ hasText: 'Morgan Coach' }).waitFor();
    await members.getByRole('row').filter({ hasText: 'Casey Client' }).waitFor();
    const assignment = adminPage.getByRole('form', { name: 'Coach assignment' });
    await assignment.getByLabel('Coach').selectOption({ label: `Morgan Coach (${coachEmail})` });
    await assignment.getByLabel('Client').selectOption({ label: `Casey Client (${clientEmail})` });
    await assignment.getByRole('button', { name: 'Assign', exact: true }).click();
    await adminPage
      .getByRole('status')
      .filter({ hasText: "Casey Client is now on Morgan Coach's caseload." })
      .waitFor();
    expectNoPageErrors(adminErrors);
    expect(adminSide.blockedRequests).toEqual([]);

    // The coach signs in and finds the client on their caseload.
    const coachSide = await newLoopbackContext(browser);
    const coachPage = await coachSide.context.newPage();
    await signInThroughPage(coachPage, server.webUrl, coachEmail, TEST_PASSWORD);
    await coachPage.getByRole('heading', { name: 'Follow-up Radar' }).waitFor();
    await coachPage
      .getByRole('list', { name: 'Follow-up Radar' })
      .getByRole('link', { name: 'Casey Client' })
      .waitFor();

    // Unassigning takes the client off the caseload again.
    await assignment.getByRole('button', { name: 'Unassign' }).click();
    await adminPage.getByRole('status').filter({ hasText: 'is no longer on' }).waitFor();
    await coachPage.reload();
    await coachPage.getByText('No clients are assigned to you yet.').waitFor();
    await adminSide.context.close();
    await coachSide.context.close();
  });

  it('puts a newly assigned client on an open radar when the coach comes back to the tab, without a reload', async () => {
    const agency = await createAgencyFixture(server.client, 'Refocus Agency', 1, 0);
    const client = await inviteAndAccept(server.client, agency.admin, 'CLIENT', 'Refocus Client');
    const { context } = await newLoopbackContext(browser);
    const page = await context.newPage();
    await signInThroughPage(page, server.webUrl, agency.coaches[0].email, TEST_PASSWORD);
    await page.getByText('No clients are assigned to you yet.').waitFor();

    await agency.admin.client.ok(ASSIGN_CLIENT, {
      input: { coachUserId: agency.coaches[0].userId, clientUserId: client.userId },
    });
    // The coach switches back to this tab.
    await page.evaluate(() => document.dispatchEvent(new Event('visibilitychange', { bubbles: true })));
    await page
      .getByRole('list', { name: 'Follow-up Radar' })
      .getByRole('link', { name: 'Refocus Client' })
      .waitFor({ timeout: 15_000 });
    await context.close();
  });

  it('shows a coach their assigned clients and nobody else’s', async () => {
    // Client i goes to coach i % 2: coach 1 has clients 1 and 3, coach 2 has client 2.
    const agency = await createAgencyFixture(server.client, 'Caseload Agency', 2, 3);
    const { context } = await newLoopbackContext(browser);
    const page = await context.newPage();
    await signInThroughPage(page, server.webUrl, agency.coaches[0].email, TEST_PASSWORD);
    const caseload = page.getByRole('list', { name: 'Follow-up Radar' });
    await caseload.waitFor();
    const names = await caseload.getByRole('heading').allTextContents();
    expect(names.sort()).toEqual(['Caseload Agency Client 1', 'Caseload Agency Client 3']);
    await expect(page.getByText('Caseload Agency Client 2').count()).resolves.toBe(0);

    // A coach who opens an admin page is told it is not for them.
    await page.goto(`${server.webUrl}/admin/members`);
    await page.getByRole('heading', { name: 'Not available to you' }).waitFor();
    await context.close();
  });
});

import { Browser, Page } from 'playwright-core';
import {
  ASSIGN_CLIENT,
  createAgencyFixture,
  INVITATION_SUBJECT,
  invitationToken,
  inviteAndAccept,
  mailText,
  mailTo,
  registerAgency,
  TEST_PASSWORD,
  TestSmtpServer,
  uniqueEmail,
} from '@followthrough/server-testing';
import { describeInBrowser, launchChromium, newLoopbackContext } from './support/chromium';
import { expectNoPageErrors, recordPageErrors, signInThroughPage } from './support/dashboard-page';
import { DASHBOARD_MODULES } from './support/dashboard-modules';
import { checkPageAtBothSizes, screenshotAtBothSizes } from './support/page-checks';
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

  it('lets an admin invite a coach, who joins through the e-mailed link, and assign them a client', async () => {
    const { admin } = await registerAgency(server.client, 'Invite Flow Agency');
    const adminSide = await newLoopbackContext(browser);
    const adminPage = await adminSide.context.newPage();
    const adminErrors = recordPageErrors(adminPage);
    await signInThroughPage(adminPage, server.webUrl, admin.email, TEST_PASSWORD);
    await adminPage.getByRole('heading', { name: 'Follow-up Radar' }).waitFor();
    await adminPage.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Members' }).click();

    // While the mail server refuses messages, no invitation is made, and the form says so.
    const inviteForm = adminPage.getByRole('form', { name: 'Invite a member' });
    const mailbox = server.mailbox as TestSmtpServer;
    const clientEmail = uniqueEmail('invited.client');
    mailbox.rejectWith = { code: 451, message: 'try again later' };
    try {
      await inviteForm.getByLabel('E-mail').fill(clientEmail);
      await inviteForm.getByLabel('Role').selectOption('CLIENT');
      await inviteForm.getByRole('button', { name: 'Send invitation' }).click();
      await expect(adminPage.getByRole('alert').textContent()).resolves.toBe(
        'The invitation e-mail could not be sent, so no invitation was made. Try again in a few minutes.',
      );
    } finally {
      mailbox.rejectWith = null;
    }
    await adminPage.getByText('No invitation is waiting to be accepted.').waitFor();

    // Invite a client and a coach: each is told the invitation went out, and nobody but the invitee sees its link.
    await inviteForm.getByRole('button', { name: 'Send invitation' }).click();
    await adminPage
      .getByRole('status')
      .filter({ hasText: `Invitation e-mailed to ${clientEmail}; it works for 7 days` })
      .waitFor();
    const coachEmail = uniqueEmail('invited.coach');
    await inviteForm.getByLabel('E-mail').fill(coachEmail);
    await inviteForm.getByLabel('Role').selectOption('COACH');
    await inviteForm.getByRole('button', { name: 'Send invitation' }).click();
    await adminPage
      .getByRole('status')
      .filter({ hasText: `Invitation e-mailed to ${coachEmail}; it works for 7 days` })
      .waitFor();
    expect(await adminPage.getByRole('alert').count()).toBe(0);
    await screenshotAtBothSizes(adminPage, 'invitation-sent');
    const pending = adminPage.getByRole('list', { name: 'Pending invitations' });
    await pending.getByText(clientEmail).waitFor();
    await pending.getByText(coachEmail).waitFor();
    const adminText = await adminPage.locator('body').innerText();
    expect(adminText).not.toMatch(/token=|accept-invitation/);

    // Each link is in its invitee's mailbox only. The coach opens it; the client pastes it into the form
    // (as someone who reads their mail on another device). The link's origin is the API's PUBLIC_URL, so
    // the coach's is opened on this test server.
    const mailedLink = async (email: string) => {
      const text = await mailText(await mailTo(mailbox, email, INVITATION_SUBJECT));
      return text.match(/https?:\/\/\S+\/accept-invitation\?token=\S+/)?.[0] as string;
    };
    const clientLink = await mailedLink(clientEmail);
    const coachToken = await invitationToken(server.client, coachEmail);
    expect(clientLink).toBeDefined();
    expect(coachToken).not.toBe(new URL(clientLink).searchParams.get('token'));

    for (const { name, open } of [
      {
        name: 'Casey Client',
        open: async (page: Page) => {
          await page.goto(`${server.webUrl}/sign-in`);
          await page.getByRole('link', { name: 'Accept your invitation' }).click();
          await page.getByLabel('Invitation link').fill(clientLink);
        },
      },
      {
        name: 'Morgan Coach',
        open: async (page: Page) => {
          await page.goto(`${server.webUrl}/accept-invitation?token=${encodeURIComponent(coachToken)}`);
          // The token came with the link: there is nothing to paste.
          await page.getByText('You followed the invitation link your agency e-mailed you.').waitFor();
          expect(await page.getByLabel('Invitation link').count()).toBe(0);
        },
      },
    ]) {
      const invitee = await newLoopbackContext(browser);
      const page = await invitee.context.newPage();
      await open(page);
      await page.getByRole('heading', { name: 'Join your agency' }).waitFor();
      await checkPageAtBothSizes(page, `accept invitation (${name})`);
      await screenshotAtBothSizes(page, `accept-invitation-${name.split(' ')[1].toLowerCase()}`);
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

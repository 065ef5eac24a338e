import { Browser, Page } from 'playwright-core';
import { RemindersModule } from '@followthrough/server-reminders';
import { AgencyFixture, countOf, createAgencyFixture, sql, TEST_PASSWORD } from '@followthrough/server-testing';
import { describeInBrowser, launchChromium, newLoopbackContext } from './support/chromium';
import { expectNoPageErrors, recordPageErrors, signInThroughPage } from './support/dashboard-page';
import { DASHBOARD_MODULES } from './support/dashboard-modules';
import { checkPageAtBothSizes } from './support/page-checks';
import { startWebTestServer, WebTestServer } from './support/web-test-server';

const SCREENSHOTS = process.env['E2E_SCREENSHOTS'];

/** Saves what the page looks like at both sizes when E2E_SCREENSHOTS names a folder (for looking, not asserting). */
async function screenshot(page: Page, name: string): Promise<void> {
  if (!SCREENSHOTS) return;
  for (const [label, size] of [
    ['1366', { width: 1366, height: 900 }],
    ['390', { width: 390, height: 844 }],
  ] as const) {
    await page.setViewportSize(size);
    await page.waitForTimeout(150);
    await page.screenshot({ path: `${SCREENSHOTS}/${name}-${label}.png`, fullPage: true });
  }
  await page.setViewportSize({ width: 1366, height: 900 });
}

/** The element that has the focus, by its accessible name parts. */
const focused = (page: Page) =>
  page.evaluate(() => {
    const element = document.activeElement as HTMLInputElement | null;
    return { name: element?.getAttribute('name') ?? null, invalid: element?.getAttribute('aria-invalid') ?? null };
  });

describeInBrowser('editing and the admin pages (Chromium)', () => {
  let server: WebTestServer;
  let browser: Browser;
  let agency: AgencyFixture;

  beforeAll(async () => {
    [server, browser] = await Promise.all([
      startWebTestServer([...DASHBOARD_MODULES, RemindersModule], { INSIGHTS_RADAR_MAX_AGE_SECONDS: '0' }),
      launchChromium(),
    ]);
    agency = await createAgencyFixture(server.client, 'Editing Flow Agency', 2, 3);
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('lets a client fix mistakes: a future date and an over-long vent are caught on their field, and an application, a touch and a contact are edited, deleted and archived', async () => {
    const [client] = agency.clients;
    const { context } = await newLoopbackContext(browser);
    const page = await context.newPage();
    const errors = recordPageErrors(page);
    await signInThroughPage(page, server.webUrl, client.email, TEST_PASSWORD);
    await page.getByRole('heading', { name: 'My applications' }).waitFor();
    expect(await page.title()).toBe('My applications · Followthrough');

    // A future "Applied on" is refused on its field, before anything is sent.
    const form = page.getByRole('form', { name: 'Add an application' });
    await form.getByLabel('Company', { exact: true }).fill('Acme Widgets');
    await form.getByLabel('Job title').fill('Staff Platform Engnr');
    const nextYear = `${new Date().getFullYear() + 1}-01-15`;
    await form.getByLabel('Applied on').fill(nextYear);
    await form.getByRole('button', { name: 'Add application' }).click();
    await form.getByRole('alert').filter({ hasText: 'Applied on cannot be in the future' }).waitFor();
    expect(await focused(page)).toEqual({ name: 'appliedAt', invalid: 'true' });
    expect(await countOf('SELECT count(*) FROM applications WHERE client_user_id = $1', [client.userId])).toBe(0);
    await form.getByLabel('Applied on').fill('');
    await form.getByRole('button', { name: 'Add application' }).click();
    await page.getByRole('heading', { name: /Staff Platform Engnr/ }).waitFor();

    // The title's typo is fixed; the page and its tab title follow.
    const edit = page.getByRole('form', { name: 'Edit application' });
    await edit.getByLabel('Job title').fill('Staff Platform Engineer');
    await edit.getByRole('button', { name: 'Save changes' }).click();
    await page.getByRole('heading', { name: /Staff Platform Engineer/ }).waitFor();
    await page.waitForFunction(() => document.title === 'Staff Platform Engineer at Acme Widgets · Followthrough');

    // A touch logged by mistake as an e-mail is corrected to a call, then deleted.
    const log = page.getByRole('form', { name: 'Log a follow-up' });
    await log.getByLabel('Channel').selectOption('EMAIL');
    await log.getByRole('button', { name: 'Log follow-up' }).click();
    const touches = page.getByRole('list', { name: 'Follow-ups' });
    await touches.getByText('E-mail', { exact: true }).waitFor();
    await touches.getByRole('button', { name: 'Correct' }).click();
    const correction = page.getByRole('form', { name: 'Correct this touch' });
    await correction.getByLabel('Channel').selectOption('PHONE');
    await correction.getByLabel('Notes').fill('Spoke to reception');
    await correction.getByRole('button', { name: 'Save correction' }).click();
    await touches.getByText('Spoke to reception').waitFor();
    await checkPageAtBothSizes(page, 'client application (with a touch to correct)');
    await screenshot(page, 'client-application');
    await touches.getByRole('button', { name: 'Delete' }).click();
    await touches.getByRole('button', { name: 'Yes, delete it' }).click();
    await page.getByText('No follow-up logged yet.').waitFor();

    // A contact: a bad phone number lands on the Phone field in words; then the contact is deleted.
    const addContact = page.getByRole('form', { name: 'Add a contact' });
    await addContact.getByLabel('Name').fill('Dana Lee');
    await addContact.getByRole('button', { name: /Add contact/ }).click();
    const contacts = page.getByRole('list', { name: 'Contacts' });
    await contacts.getByText('Dana Lee').waitFor();
    await contacts.getByRole('button', { name: 'Edit Dana Lee' }).click();
    const contactForm = page.getByRole('form', { name: 'Edit Dana Lee' });
    await contactForm.getByLabel('Phone').fill('call me');
    await contactForm.getByRole('button', { name: 'Save contact' }).click();
    const phoneError = contactForm.getByRole('alert');
    await phoneError.waitFor();
    expect(await phoneError.textContent()).toMatch(/^Phone must be a phone number/);
    expect(await phoneError.textContent()).not.toContain('input.');
    expect(await focused(page)).toEqual({ name: 'phone', invalid: 'true' });
    await contactForm.getByLabel('Phone').fill('+1 555 010 2030');
    await contactForm.getByRole('button', { name: 'Save contact' }).click();
    await contacts.getByRole('link', { name: '+1 555 010 2030' }).waitFor();
    await contacts.getByRole('button', { name: 'Delete Dana Lee' }).click();
    await contacts.getByRole('button', { name: 'Yes, delete' }).click();
    await page.getByText('Nobody yet.', { exact: false }).waitFor();

    // Archived, it leaves the list until the switch asks for it.
    await page.getByRole('button', { name: 'Archive application' }).click();
    await page.getByText(/Archived on/).waitFor();
    await page.getByRole('link', { name: '← My applications' }).click();
    await page.getByText('No applications yet.', { exact: false }).waitFor();
    await page.getByLabel('Show archived applications').check();
    const table = page.getByRole('table', { name: 'My applications' });
    await table.getByRole('row').filter({ hasText: 'Staff Platform Engineer' }).getByText('Archived').waitFor();
    await checkPageAtBothSizes(page, 'my applications (archived shown)');

    // The vent box keeps a long paste whole, says how much is too long, and saves nothing until it fits.
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: /vent/i }).click();
    const ventBox = page.getByRole('form', { name: 'Vent box' });
    const text = ventBox.getByLabel("What's on your mind?");
    await text.fill('x'.repeat(6000));
    expect((await text.inputValue()).length).toBe(6000);
    await ventBox.getByText('1000 too many, shorten it before saving', { exact: false }).waitFor();
    await ventBox.getByRole('button', { name: 'Save' }).click();
    await ventBox.getByRole('alert').filter({ hasText: '1000 characters too long' }).waitFor();
    expect(await focused(page)).toEqual({ name: 'text', invalid: 'true' });
    expect(await countOf('SELECT count(*) FROM vents WHERE client_user_id = $1', [client.userId])).toBe(0);
    await text.fill('Nobody calls me back after applying.');
    await ventBox.getByRole('button', { name: 'Save' }).click();
    await page.getByText('Private: only you can read it').first().waitFor();
    await checkPageAtBothSizes(page, 'my vents');
    await screenshot(page, 'my-vents');
    expectNoPageErrors(errors);
    await context.close();
  });

  it('gives the admin who coaches whom, pending invitations to revoke, several clients assigned at once and the reminders that failed, with a retry', async () => {
    const { context } = await newLoopbackContext(browser);
    const page = await context.newPage();
    const errors = recordPageErrors(page);
    await signInThroughPage(page, server.webUrl, agency.admin.email, TEST_PASSWORD);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Members' }).click();
    await page.getByRole('heading', { name: /Members of/ }).waitFor();
    expect(await page.title()).toBe('Members · Followthrough');

    // An invitation waits; revoked, it is gone.
    const invite = page.getByRole('form', { name: 'Invite a member' });
    await invite.getByLabel('E-mail').fill('late.joiner@example.test');
    await invite.getByLabel('Role').selectOption('CLIENT');
    await invite.getByRole('button', { name: 'Send invitation' }).click();
    const pending = page.getByRole('list', { name: 'Pending invitations' });
    await pending.getByText('late.joiner@example.test').waitFor();
    await pending.getByRole('button', { name: 'Revoke the invitation of late.joiner@example.test' }).click();
    await page.getByText('No invitation is waiting to be accepted.').waitFor();

    // All three clients onto coach 2's caseload in one go; the table says who coaches whom.
    const bulk = page.getByRole('form', { name: 'Assign several clients' });
    await bulk.getByLabel('Coach for the chosen clients').selectOption({ label: 'Editing Flow Agency Coach 2' });
    for (const n of [1, 2, 3]) await bulk.getByLabel(`Editing Flow Agency Client ${n}`).check();
    await bulk.getByRole('button', { name: 'Assign 3 clients' }).click();
    await bulk
      .getByRole('status')
      .filter({ hasText: "3 clients are now on Editing Flow Agency Coach 2's caseload." })
      .waitFor();
    const members = page.getByRole('table', { name: 'Members' });
    const rowOf = (name: string) =>
      members.getByRole('row').filter({ has: page.getByRole('rowheader', { name, exact: true }) });
    const coach2Row = rowOf('Editing Flow Agency Coach 2');
    await coach2Row.getByRole('cell', { name: /Client 3/ }).waitFor();
    for (const n of [1, 2, 3]) expect(await coach2Row.textContent()).toContain(`Editing Flow Agency Client ${n}`);
    await rowOf('Editing Flow Agency Client 1')
      .getByRole('cell', { name: 'Editing Flow Agency Coach 1, Editing Flow Agency Coach 2', exact: true })
      .waitFor();
    await checkPageAtBothSizes(page, 'members');
    await screenshot(page, 'members');

    // A reminder that failed shows why, and goes back to the queue on "Send again".
    await sql(
      `INSERT INTO reminders (agency_id, kind, recipient_user_id, due_at, status, idempotency_key, attempts, last_error)
       VALUES ($1, 'playbook.step-due', $2, now() - interval '1 hour', 'FAILED', 'e2e-failed-' || gen_random_uuid(), 5, $3)`,
      [agency.agencyId, agency.clients[0].userId, '550 5.1.1 mailbox unavailable'],
    );
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Reminders' }).click();
    await page.getByRole('heading', { name: 'Reminders', level: 1 }).waitFor();
    expect(await page.title()).toBe('Reminders · Followthrough');
    const list = page.getByRole('list', { name: 'Reminders' });
    await list.getByText('Why it failed: 550 5.1.1 mailbox unavailable').waitFor();
    await checkPageAtBothSizes(page, 'reminders');
    await screenshot(page, 'reminders');
    await list.getByRole('button', { name: 'Send again: the reminder to Editing Flow Agency Client 1' }).click();
    await page.getByRole('status').filter({ hasText: 'Sent again' }).waitFor();
    expect(
      await countOf(`SELECT count(*) FROM reminders WHERE agency_id = $1 AND status = 'FAILED'`, [agency.agencyId]),
    ).toBe(0);

    // The playbooks page passes the same checks (its editing is tested in playbooks-page.e2e-spec.ts).
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Playbooks' }).click();
    await page.getByRole('list', { name: 'Playbooks' }).getByText('Default').waitFor();
    expect(await page.title()).toBe('Playbooks · Followthrough');
    await checkPageAtBothSizes(page, 'playbooks');
    expectNoPageErrors(errors);
    await context.close();
  });
});

import { Browser, Page } from 'playwright-core';
import { AgencyFixture, createAgencyFixture, TEST_PASSWORD } from '@followthrough/server-testing';
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

const PLAYBOOKS = `{ playbooks { name isDefault version steps { key offsetBusinessDays instructions } } }`;

interface PlaybookAnswer {
  playbooks: Array<{
    name: string;
    isDefault: boolean;
    version: number;
    steps: Array<{ key: string; offsetBusinessDays: number; instructions: string }>;
  }>;
}

describeInBrowser('the playbook editor (Chromium)', () => {
  let server: WebTestServer;
  let browser: Browser;
  let agency: AgencyFixture;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startWebTestServer(DASHBOARD_MODULES), launchChromium()]);
    agency = await createAgencyFixture(server.client, 'Playbook Editor Agency', 1, 1);
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('lets an admin edit a step (a bad key lands on its field), save, make another playbook the default and give it to a client', async () => {
    const { context } = await newLoopbackContext(browser);
    const page = await context.newPage();
    const errors = recordPageErrors(page);
    await signInThroughPage(page, server.webUrl, agency.admin.email, TEST_PASSWORD);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Playbooks' }).click();
    await page.getByRole('heading', { name: 'Playbooks', level: 1 }).waitFor();
    expect(await page.title()).toBe('Playbooks · Followthrough');
    const list = page.getByRole('list', { name: 'Playbooks' });
    await list.getByText('Default').waitFor();

    // A key the API refuses is named in words and focused on its field.
    await list.getByRole('button', { name: 'Edit Pick up the phone' }).click();
    const editor = page.getByRole('form', { name: 'Edit Pick up the phone' });
    const firstStep = editor.getByRole('group', { name: 'Step 1' });
    await firstStep.getByLabel('Key').fill('Status Call');
    await editor.getByRole('button', { name: 'Save playbook' }).click();
    const alert = editor.getByRole('alert');
    await alert.waitFor();
    expect(await alert.textContent()).toMatch(/^The key of step 1 must be lower-case letters/);
    expect(
      await page.evaluate(() => ({
        name: document.activeElement?.getAttribute('name'),
        invalid: document.activeElement?.getAttribute('aria-invalid'),
      })),
    ).toEqual({ name: 'steps.0.key', invalid: 'true' });
    await checkPageAtBothSizes(page, 'playbooks (editor with an error)');
    await screenshot(page, 'playbooks-editor');

    // The step fixed and edited, saved as version 2.
    await firstStep.getByLabel('Key').fill('status-call');
    await firstStep.getByLabel('Business days after the trigger').fill('2');
    await firstStep.getByLabel('Instructions').fill('Ring the hiring manager and ask where the application stands.');
    await editor.getByRole('button', { name: 'Save playbook' }).click();
    await page.getByRole('status').filter({ hasText: 'Pick up the phone is saved (version 2).' }).waitFor();

    // A second playbook, made the default from the list, then given to a client.
    await page.getByRole('button', { name: 'New playbook' }).click();
    const creator = page.getByRole('form', { name: 'New playbook' });
    await creator.getByLabel('Name').fill('E-mail first');
    const step = creator.getByRole('group', { name: 'Step 1' });
    await step.getByLabel('Key').fill('intro-email');
    await step.getByLabel('Channel').selectOption('EMAIL');
    await step.getByLabel('Instructions').fill('Write to the recruiter to introduce yourself.');
    await creator.getByRole('button', { name: 'Save playbook' }).click();
    await page.getByRole('status').filter({ hasText: 'E-mail first is saved (version 1).' }).waitFor();
    await list.getByRole('button', { name: 'Make default: E-mail first' }).click();
    await page.getByRole('status').filter({ hasText: 'E-mail first is now the agency default.' }).waitFor();
    await list.getByRole('button', { name: 'Make default: Pick up the phone' }).waitFor();

    const assign = page.getByRole('form', { name: 'Give a client a playbook' });
    await assign.getByLabel('Playbook').selectOption({ label: 'Pick up the phone' });
    await assign
      .getByLabel('Client')
      .selectOption({ label: `Playbook Editor Agency Client 1 (${agency.clients[0].email})` });
    await assign.getByRole('button', { name: 'Assign playbook' }).click();
    await assign
      .getByRole('status')
      .filter({ hasText: 'Playbook Editor Agency Client 1 now follows Pick up the phone.' })
      .waitFor();
    await checkPageAtBothSizes(page, 'playbooks');
    await screenshot(page, 'playbooks');

    // The API answers what the page saved.
    const { playbooks } = await agency.admin.client.ok<PlaybookAnswer>(PLAYBOOKS);
    expect(playbooks.map(({ name, isDefault }) => ({ name, isDefault }))).toEqual([
      { name: 'E-mail first', isDefault: true },
      { name: 'Pick up the phone', isDefault: false },
    ]);
    const edited = playbooks.find((playbook) => playbook.name === 'Pick up the phone');
    expect(edited?.version).toBe(2);
    expect(edited?.steps[0]).toEqual({
      key: 'status-call',
      offsetBusinessDays: 2,
      instructions: 'Ring the hiring manager and ask where the application stands.',
    });
    expectNoPageErrors(errors);
    await context.close();
  });
});

import { source as axeSource } from 'axe-core';
import type { AxeResults } from 'axe-core';
import { Page } from 'playwright-core';

export const DESKTOP = { width: 1366, height: 900 };
export const PHONE = { width: 390, height: 844 };

/** Runs axe-core in the page (through the debugging protocol, so the page's CSP stays on) and returns its violations. */
export async function axeViolations(page: Page): Promise<string[]> {
  const loaded = await page.evaluate(() => 'axe' in window);
  if (!loaded) await page.evaluate(axeSource);
  const results = await page.evaluate(() => (window as unknown as { axe: { run(): Promise<AxeResults> } }).axe.run());
  return results.violations.map(
    (violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`,
  );
}

/** How much wider than the window the page is (0 when nothing scrolls sideways), and the deepest elements sticking out. */
export async function sidewaysOverflow(page: Page): Promise<{ overflow: number; culprits: string[] }> {
  return page.evaluate(() => {
    const overflow = document.documentElement.scrollWidth - window.innerWidth;
    if (overflow <= 0) return { overflow: 0, culprits: [] };
    const wide = Array.from(document.body.querySelectorAll('*')).filter(
      (element) => element.getBoundingClientRect().right > window.innerWidth + 0.5,
    );
    const deepest = wide.filter((element) => !wide.some((other) => other !== element && element.contains(other)));
    return {
      overflow,
      culprits: deepest
        .slice(0, 5)
        .map(
          (element) =>
            `${element.tagName.toLowerCase()}.${element.className} "${(element.textContent ?? '').slice(0, 40)}"`,
        ),
    };
  });
}

/** Checks the page the way every page is checked: no axe-core violations and no sideways scroll, at both sizes. */
export async function checkPageAtBothSizes(page: Page, name: string): Promise<void> {
  for (const size of [DESKTOP, PHONE]) {
    await page.setViewportSize(size);
    // Let charts and responsive layouts settle at the new width.
    await page.waitForTimeout(150);
    expect({ page: name, width: size.width, ...(await sidewaysOverflow(page)) }).toEqual({
      page: name,
      width: size.width,
      overflow: 0,
      culprits: [],
    });
    expect({ page: name, width: size.width, violations: await axeViolations(page) }).toEqual({
      page: name,
      width: size.width,
      violations: [],
    });
  }
  await page.setViewportSize(DESKTOP);
}

/** Saves what the page looks like at both sizes when E2E_SCREENSHOTS names a folder (for looking, not asserting). */
export async function screenshotAtBothSizes(page: Page, name: string): Promise<void> {
  const folder = process.env['E2E_SCREENSHOTS'];
  if (!folder) return;
  for (const size of [DESKTOP, PHONE]) {
    await page.setViewportSize(size);
    await page.waitForTimeout(150);
    await page.screenshot({ path: `${folder}/${name}-${size.width}.png`, fullPage: true });
  }
  await page.setViewportSize(DESKTOP);
}

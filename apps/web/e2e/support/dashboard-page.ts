import { Page } from 'playwright-core';

/** Signs in through the sign-in page, as a person would, and waits for the start page of their role. */
export async function signInThroughPage(page: Page, webUrl: string, email: string, password: string): Promise<void> {
  await page.goto(`${webUrl}/sign-in`);
  await page.getByLabel('E-mail').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('button', { name: 'Sign out' }).waitFor();
}

/** Collects uncaught page errors, so a test can check that the page ran cleanly. */
export function recordPageErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  return errors;
}

export function expectNoPageErrors(errors: string[]): void {
  expect(errors).toEqual([]);
}

import type { Page } from 'playwright-core';

const TIMEOUT_MS = 30_000;

/**
 * Signs in through the dashboard's form and waits until it has left the sign-in page (for `next`);
 * a refused sign-in throws with the form's message instead of timing out.
 */
export async function signIn(page: Page, baseUrl: string, account: { email: string; password: string }, next = '/'): Promise<void> {
  await page.goto(`${baseUrl}/sign-in?${new URLSearchParams({ next })}`);
  await page.getByTestId('sign-in-email').fill(account.email);
  await page.getByTestId('sign-in-password').fill(account.password);
  await page.getByTestId('sign-in-submit').click();
  const error = page.getByTestId('sign-in-error');
  for (const deadline = Date.now() + TIMEOUT_MS; Date.now() < deadline; await page.waitForTimeout(200)) {
    if (new URL(page.url()).pathname !== '/sign-in') {
      await page.waitForLoadState('domcontentloaded');
      return;
    }
    if (await error.isVisible()) throw new Error(`sign-in as ${account.email} refused: ${await error.textContent()}`);
  }
  throw new Error(`sign-in as ${account.email}: still on ${page.url()} after ${TIMEOUT_MS / 1000} s`);
}

import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';

import type { Browser, Page } from 'playwright-core';

import { repoRoot } from './paths.ts';
import { launchChromium, type Platform, startPlatform } from './platform.ts';
import { signIn } from './sign-in.ts';

/** Where browser tests leave their screenshots (gitignored). */
export const SHOTS_DIR = join(repoRoot, 'test', 'e2e', 'shots');

export interface DashboardSession {
  platform: Platform;
  browser: Browser;
  /** A desktop-sized page, signed in as the platform's first admin. */
  page: Page;
  /** A full-page screenshot of `page` as `test/e2e/shots/<name>.png`. */
  shot(name: string): Promise<void>;
  /** Closes the browser and stops the platform; resolves to `tradeoff start`'s exit code. */
  close(): Promise<number | null>;
}

/** `tradeoff start` on a fresh store, Chromium, and a page signed in as the admin. */
export async function openDashboardSession(): Promise<DashboardSession> {
  await mkdir(SHOTS_DIR, { recursive: true });
  const platform = await startPlatform();
  const browser = await launchChromium();
  const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  await signIn(page, platform.baseUrl, platform.admin);
  return {
    platform,
    browser,
    page,
    async shot(name) {
      await page.screenshot({ path: join(SHOTS_DIR, `${name}.png`), fullPage: true });
    },
    async close() {
      await browser.close();
      return platform.stop();
    },
  };
}

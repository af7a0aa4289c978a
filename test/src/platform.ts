import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { type Browser, chromium } from 'playwright-core';

import { type CliProcess, startCli } from './cli.ts';
import { testEnv } from './env.ts';
import { freePort } from './free-port.ts';

const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/** The first admin `startPlatform` has `tradeoff start` create. */
export const PLATFORM_ADMIN = { email: 'admin@localhost', password: 'e2e-admin-password' } as const;

export interface Platform {
  baseUrl: string;
  home: string;
  /** The first admin's account, to sign in with (`signIn` in sign-in.ts). */
  admin: { email: string; password: string };
  process: CliProcess;
  /** Seconds from `tradeoff start` to a served dashboard. */
  readySeconds: number;
  /** SIGTERM, then the exit code; removes the temp home. */
  stop(): Promise<number | null>;
}

/** `tradeoff start --port <free port>` on a fresh embedded store in a temp TRADEOFF_HOME. */
export async function startPlatform(env: Record<string, string | undefined> = {}): Promise<Platform> {
  const home = await mkdtemp(join(tmpdir(), 'tradeoff-platform-'));
  const port = await freePort();
  const started = Date.now();
  const process = startCli(['start', '--port', String(port)], {
    env: {
      TRADEOFF_HOME: home,
      DATABASE_URL: undefined,
      TRADEOFF_ADMIN_EMAIL: PLATFORM_ADMIN.email,
      TRADEOFF_ADMIN_PASSWORD: PLATFORM_ADMIN.password,
      ...env,
    },
  });
  await process.waitForOutput(/Tradeoff is running at/, 240_000);
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    home,
    admin: { email: env.TRADEOFF_ADMIN_EMAIL ?? PLATFORM_ADMIN.email, password: env.TRADEOFF_ADMIN_PASSWORD ?? PLATFORM_ADMIN.password },
    process,
    readySeconds: (Date.now() - started) / 1000,
    async stop() {
      if (process.child.exitCode === null) process.child.kill('SIGTERM');
      const { code } = await process.exited;
      await rm(home, { recursive: true, force: true });
      return code;
    },
  };
}

/** Debian's Chromium, headless, through playwright-core. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: testEnv.TRADEOFF_CHROMIUM, args: CHROMIUM_ARGS });
}

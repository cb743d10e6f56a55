import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page, type Route } from 'playwright-core';

/** Debian's Chromium, driven by playwright-core (no browser downloads work here). */
export const chromiumPath = process.env.SHOAL_CHROMIUM ?? '/usr/bin/chromium';

export async function launchBrowser(): Promise<Browser> {
  // Playwright gives every launch a fresh, empty profile directory.
  return chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    args: [
      '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync',
    ],
  });
}

/** Where browser tests put screenshots (kept as CI artifacts). */
export const artifactsDir = join(process.cwd(), 'test-artifacts');

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(artifactsDir, { recursive: true });
  const path = join(artifactsDir, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}

/**
 * A route handler that lets each request through `ms` late (a slow network or server). A request
 * still held when the test has moved on — its page closed, or its route released by `unroute` —
 * has nobody waiting for it: continuing it then fails, and that failure is not the test's (an
 * unhandled rejection there failed a whole CI run).
 */
export function slowly(ms: number): (route: Route) => Promise<void> {
  return async (route) => {
    await new Promise((done) => setTimeout(done, ms));
    await route.continue().catch((error: Error) => {
      if (!/closed|already handled/i.test(error.message)) throw error;
    });
  };
}

/**
 * Holds the requests a route sends to `handler` until the test calls `open()` (then lets them
 * through, and any later ones at once): for "while it is still loading" checks that end when the
 * test says, not after a guessed delay. `reached` resolves once the first request is held.
 */
export function gate(): { handler: (route: Route) => Promise<void>; reached: Promise<void>; open: () => void } {
  let open!: () => void;
  let reach!: () => void;
  const opened = new Promise<void>((resolve) => { open = resolve; });
  const reached = new Promise<void>((resolve) => { reach = resolve; });
  const handler = async (route: Route) => {
    reach();
    await opened;
    await route.continue().catch((error: Error) => {
      if (!/closed|already handled/i.test(error.message)) throw error;
    });
  };
  return { handler, reached, open };
}

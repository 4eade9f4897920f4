import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

/** Debian's Chromium (installed by .ci/run). */
export const CHROMIUM = process.env.MSSCHECK_CHROMIUM ?? '/usr/bin/chromium';

/** True when the browser tests can run; under CI=true they must run, so a missing browser fails them instead. */
export const browserTestsRun = existsSync(CHROMIUM) || process.env.CI === 'true';

/**
 * Headless Chromium, no network side traffic (no update, sync, QUIC, first-run). Playwright gives
 * every launch a fresh temporary --user-data-dir of its own (and removes it on close).
 */
export async function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

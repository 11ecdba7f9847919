import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Browser, chromium } from 'playwright-core';
import { chromiumArgs } from '../../src/report/pdf.ts';

// The browser tests launch Chromium as the product's PDF printing does.
export { chromiumArgs };

const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].filter(
  (p): p is string => !!p,
);

/** Debian's Chromium, or null when it is not installed (`.ci/run` installs it). */
export function chromiumPath(): string | null {
  return candidates.find((p) => existsSync(p)) ?? null;
}

/**
 * Why browser tests cannot run here, or null when they can. In CI a missing browser is a failure, never a skip:
 * callers pass this to `t.skip` outside CI and throw it inside.
 */
export function browserUnavailable(): string | null {
  if (!chromiumPath()) return 'Chromium is not installed (Debian package `chromium`; .ci/run installs it)';
  if (!existsSync(webRoot)) return 'the web app is not built (npm run build:web)';
  return null;
}

/** Returns a skip reason outside CI; in CI throws, since a suite that needs a browser must run there. */
export function requireBrowser(): string | undefined {
  const why = browserUnavailable();
  if (why && process.env.CI === 'true') throw new Error(`browser tests cannot run in CI: ${why}`);
  return why ?? undefined;
}

/** The built web app the server serves. */
export const webRoot = fileURLToPath(new URL('../../dist/web', import.meta.url));

/** Builds the web app when it is missing (a checkout where `npm install` ran before the app existed). */
export function ensureWebBuilt(): void {
  if (existsSync(join(webRoot, 'index.html'))) return;
  const r = spawnSync(process.execPath, [fileURLToPath(new URL('../../scripts/build-web.ts', import.meta.url))], {
    stdio: 'inherit',
  });
  if (r.status !== 0) throw new Error('building the web app failed');
}

/** Launches Debian's Chromium through playwright-core; closed after the test. */
export async function launchChromium(t: { after(fn: () => void | Promise<void>): void }): Promise<Browser> {
  const executablePath = chromiumPath();
  if (!executablePath) throw new Error('Chromium is not installed');
  const browser = await chromium.launch({ executablePath, args: chromiumArgs });
  t.after(() => browser.close());
  return browser;
}

/** Where browser tests write their screenshots. */
export const artifactsDir = fileURLToPath(new URL('../../test-artifacts', import.meta.url));

/**
 * The options of a browser suite: it drives Chromium through many pages and languages, which on a
 * busy two-core machine takes minutes. The timeout only stops a hung suite; speed is measured in
 * bench/, never here.
 */
export const browserSuite = { timeout: 10 * 60_000 };

import { existsSync } from 'node:fs';
import { type Browser, chromium } from 'playwright-core';
import { SeamError } from '../domain/errors.ts';
import { escapeXmlAttr } from '../io/xml-escape.ts';

/**
 * Printing an HTML report to PDF with Debian's Chromium: PDF libraries without right-to-left
 * layout cannot set Arabic or Sorani, a browser can. One browser is launched on first use, shared
 * by every call (a launch costs far more than a page) and closed after a quiet minute; at most two
 * pages print at once, the rest wait their turn.
 */

export interface PdfOptions {
  /** The Chromium executable; else `SEAM_CHROMIUM`, else `/usr/bin/chromium`. */
  chromiumPath?: string;
  /** Printed at the top and bottom of every page (a report's audience line). */
  headerText?: string;
  /** The direction of the header and footer text. */
  dir?: 'ltr' | 'rtl';
  /** The words around the page numbers of the footer, in the report's language. */
  pageWords?: { page: string; of: string };
}

/** The flags Debian's Chromium needs to run headless in a container (and render WebGL there, for the web app's tests). */
export const chromiumArgs = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--enable-unsafe-swiftshader',
];

const maxConcurrent = 2;
const idleCloseMs = 60_000;
const timeoutMs = 60_000;

const browsers = new Map<string, Promise<Browser>>();
let active = 0;
const waiting: Array<() => void> = [];
let idleTimer: NodeJS.Timeout | null = null;

/** The executable to print with: the option, the setting, or Debian's path. */
export function chromiumExecutable(options: PdfOptions = {}): string {
  return options.chromiumPath ?? process.env.SEAM_CHROMIUM ?? '/usr/bin/chromium';
}

function unavailable(path: string, why: string): SeamError {
  return new SeamError(
    'unavailable',
    `PDF needs Chromium, ${why} (${path}): install the Debian package \`chromium\` or set SEAM_CHROMIUM; HTML and Markdown work without it`,
  );
}

function browserAt(path: string): Promise<Browser> {
  let b = browsers.get(path);
  if (!b) {
    if (!existsSync(path)) throw unavailable(path, 'which is not installed');
    b = chromium.launch({ executablePath: path, args: chromiumArgs, timeout: timeoutMs }).then(
      (browser) => {
        // A browser that dies (killed, crashed) is forgotten, so the next call launches a new one.
        browser.on('disconnected', () => {
          if (browsers.get(path) === b) browsers.delete(path);
        });
        return browser;
      },
      (err: unknown) => {
        browsers.delete(path);
        throw unavailable(path, `which did not start: ${err instanceof Error ? err.message.split('\n')[0] : err}`);
      },
    );
    browsers.set(path, b);
  }
  return b;
}

async function acquire(): Promise<void> {
  if (idleTimer) {
    clearTimeout(idleTimer);
    idleTimer = null;
  }
  if (active >= maxConcurrent) await new Promise<void>((resolve) => waiting.push(resolve));
  else active++;
}

function release(): void {
  const next = waiting.shift();
  if (next) {
    next(); // the slot passes straight to the next waiter
    return;
  }
  active--;
  if (active === 0) {
    idleTimer = setTimeout(() => void closePdfRenderer(), idleCloseMs);
    idleTimer.unref();
  }
}

/** Closes the shared browser (the process's shutdown, or tests); the next PDF launches it again. */
export async function closePdfRenderer(): Promise<void> {
  if (idleTimer) {
    clearTimeout(idleTimer);
    idleTimer = null;
  }
  const all = [...browsers.values()];
  browsers.clear();
  await Promise.all(all.map((b) => b.then((x) => x.close()).catch(() => undefined)));
}

const band = (dir: string, body: string) =>
  `<div dir="${dir}" style="width:100%;margin:0 15mm;font-size:8pt;color:#333;font-family:'Noto Sans','Noto Sans Arabic',sans-serif;text-align:center;-webkit-print-color-adjust:exact;">${body}</div>`;

/** An HTML document printed on A4, the header text at the top and bottom of every page with "page X of Y". */
export async function renderPdf(html: string, options: PdfOptions = {}): Promise<Uint8Array> {
  const path = chromiumExecutable(options);
  const dir = options.dir ?? 'ltr';
  const words = options.pageWords ?? { page: 'Page', of: 'of' };
  const text = options.headerText ? escapeXmlAttr(options.headerText) : '';
  const pages = `${escapeXmlAttr(words.page)} <span class="pageNumber"></span> ${escapeXmlAttr(words.of)} <span class="totalPages"></span>`;
  await acquire();
  try {
    const browser = await browserAt(path);
    // No script and no network: the report is self-contained, and nothing in it may reach out.
    const context = await browser.newContext({ javaScriptEnabled: false, offline: true });
    try {
      const page = await context.newPage();
      await page.route('**/*', (route) =>
        route.request().url().startsWith('data:') ? route.continue() : route.abort(),
      );
      await page.setContent(html, { waitUntil: 'load', timeout: timeoutMs });
      const pdf = await page.pdf({
        format: 'A4',
        printBackground: true,
        displayHeaderFooter: true,
        headerTemplate: band(dir, text),
        footerTemplate: band(dir, text ? `${text}<br>${pages}` : pages),
        margin: { top: '20mm', bottom: '22mm', left: '15mm', right: '15mm' },
      });
      return new Uint8Array(pdf.buffer, pdf.byteOffset, pdf.byteLength);
    } finally {
      await context.close().catch(() => undefined);
    }
  } finally {
    release();
  }
}

import assert from 'node:assert/strict';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { testPassword } from './fixture.ts';

/** A fresh browser context (its own cookies and storage) with one page; errors thrown in the page are collected. */
export async function openPage(browser: Browser): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'en-GB' });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(`${e.name}: ${e.message}`));
  return { context, page, errors };
}

/** Opens the app and signs in through its login form; resolves once the operating picture's header shows the user. */
export async function signIn(page: Page, baseUrl: string, username: string, password = testPassword): Promise<void> {
  await page.goto(`${baseUrl}/`);
  const form = page.getByTestId('login-form');
  await form.waitFor();
  await form.locator('#username').fill(username);
  await form.locator('#password').fill(password);
  await page.getByTestId('login-submit').click();
  await page.getByTestId('current-user').filter({ hasText: username }).waitFor();
}

/**
 * A new page, signed in as `username` (at `viewport` where given); when the test ends its context closes, and errors
 * thrown in the page fail the test.
 */
export async function signedInPage(
  t: { after(fn: () => Promise<void>): void },
  browser: Browser,
  baseUrl: string,
  username: string,
  options: { password?: string; viewport?: { width: number; height: number } } = {},
): Promise<{ page: Page; errors: string[] }> {
  const { context, page, errors } = await openPage(browser);
  t.after(async () => {
    await context.close();
    assert.deepEqual(errors, [], `errors thrown in ${username}'s page`);
  });
  if (options.viewport) await page.setViewportSize(options.viewport);
  await signIn(page, baseUrl, username, options.password);
  return { page, errors };
}

/** The map element: a `<section>` that names its visible layers and how many incidents it has drawn. */
export function mapOf(page: Page): Locator {
  return page.getByTestId('map');
}

/** Waits until the map has added its layers and drawn at least `atLeast` incidents. */
export async function waitForMap(page: Page, atLeast = 1): Promise<void> {
  await page.waitForFunction(
    (n) => {
      const el = document.querySelector<HTMLElement>('[data-testid="map"]');
      return !!el?.dataset.layers && Number(el.dataset.incidentsRendered ?? -1) >= n;
    },
    atLeast,
    { timeout: 20_000 },
  );
}

/** The MapLibre layer ids the map says are visible. */
export async function visibleLayers(page: Page): Promise<string[]> {
  const layers = await mapOf(page).getAttribute('data-layers');
  return layers ? layers.split(',') : [];
}

/**
 * A picture of the map canvas alone: the controls and HTML labels drawn over it are hidden while it is taken, so
 * what is left is what MapLibre painted.
 */
export async function mapCanvasShot(page: Page, path?: string): Promise<Buffer> {
  return mapOf(page).screenshot({
    path,
    animations: 'disabled',
    style:
      '.maplibregl-control-container, .maplibregl-marker, .cluster-label, .place-label { display: none !important; }',
  });
}

export interface ColourCount {
  pixels: number;
  distinct: number;
  /** The share of pixels that have the most common colour. */
  dominantShare: number;
}

/** Decodes a PNG in the page (an image bitmap drawn on a 2D canvas) and counts its distinct colours. */
export async function countColours(page: Page, png: Buffer): Promise<ColourCount> {
  return page.evaluate(async (base64) => {
    const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
    const bitmap = await createImageBitmap(new Blob([bytes], { type: 'image/png' }));
    const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
    const ctx = canvas.getContext('2d')!;
    ctx.drawImage(bitmap, 0, 0);
    const data = ctx.getImageData(0, 0, bitmap.width, bitmap.height).data;
    const counts = new Map<number, number>();
    for (let i = 0; i < data.length; i += 4) {
      const key = ((data[i] << 16) | (data[i + 1] << 8) | data[i + 2]) >>> 0;
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    const pixels = data.length / 4;
    return { pixels, distinct: counts.size, dominantShare: Math.max(...counts.values()) / pixels };
  }, png.toString('base64'));
}

/** Calls the API from inside the page, with its session cookie: the status and the JSON body, if any. */
export async function pageFetch(page: Page, path: string): Promise<{ status: number; body: unknown }> {
  return page.evaluate(async (p) => {
    const r = await fetch(p, { headers: { accept: 'application/json' } });
    const text = await r.text();
    let body: unknown = null;
    try {
      body = JSON.parse(text);
    } catch {
      body = text;
    }
    return { status: r.status, body };
  }, path);
}

const mercatorY = (lat: number) => Math.log(Math.tan(Math.PI / 4 + (lat * Math.PI) / 360));

/** Picks a point of the report form on the map: "choose on the map", then one click on the canvas at `at`. */
async function pickAtPixel(page: Page, at: { x: number; y: number }): Promise<[number, number]> {
  await page.getByTestId('report-start-pick').click();
  await page.locator('[data-testid="map"] canvas.maplibregl-canvas').click({ position: at });
  const text = await page.getByTestId('report-pick').locator('bdi').textContent({ timeout: 5_000 });
  const [lat, lon] = (text ?? '').split(',').map(Number);
  if (!Number.isFinite(lat) || !Number.isFinite(lon)) throw new Error(`the form shows no picked point: "${text}"`);
  return [lon, lat];
}

/**
 * Chooses the report's location by clicking the map where `lon, lat` is drawn. The page does not expose the map's
 * projection, so two calibration picks give it (Web Mercator without rotation is linear in pixels), then the real
 * pick is made. Returns the point the form took.
 */
export async function pickOnMap(page: Page, lon: number, lat: number): Promise<[number, number]> {
  const box = await page.locator('[data-testid="map"] canvas.maplibregl-canvas').boundingBox();
  if (!box) throw new Error('the map canvas is not shown');
  const p1 = { x: box.width * 0.3, y: box.height * 0.3 };
  const p2 = { x: box.width * 0.7, y: box.height * 0.7 };
  const [lon1, lat1] = await pickAtPixel(page, p1);
  const [lon2, lat2] = await pickAtPixel(page, p2);
  const x = p1.x + ((lon - lon1) / (lon2 - lon1)) * (p2.x - p1.x);
  const y = p1.y + ((mercatorY(lat) - mercatorY(lat1)) / (mercatorY(lat2) - mercatorY(lat1))) * (p2.y - p1.y);
  if (x < 0 || y < 0 || x > box.width || y > box.height) throw new Error(`${lon}, ${lat} is not in the map's view`);
  return pickAtPixel(page, { x, y });
}
